use crate::store::Worksheet;
use leptos::prelude::*;
use serde_json::Value;

/// A checkbox bound to a boolean in the request (absent counts as false).
#[component]
pub fn CheckField(
    ws: Worksheet,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] pointer: String,
    #[prop(optional, into)] note: Option<String>,
) -> impl IntoView {
    let read = pointer.clone();
    view! {
        <div class="check">
            <input
                type="checkbox"
                id=id.clone()
                data-testid=id.clone()
                prop:checked=move || ws.get_bool(&read)
                on:change=move |ev| ws.set(&pointer, Value::Bool(event_target_checked(&ev)))
            />
            <label for=id>{label} {note.map(|n| view! { <span class="points">{n}</span> })}</label>
        </div>
    }
}
