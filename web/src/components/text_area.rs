use super::{Field, FieldError};
use crate::store::{Worksheet, dotted};
use leptos::prelude::*;
use serde_json::Value;

/// A multi-line text input bound to a string in the request.
#[component]
pub fn TextArea(
    ws: Worksheet,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] pointer: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let path = dotted(&pointer);
    let read = pointer.clone();
    view! {
        <Field>
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                data-testid=id
                rows=rows
                spellcheck="true"
                aria-describedby=hint.map(|_| hint_id.clone())
                prop:value=move || ws.get_str(&read)
                on:input=move |ev| ws.set(&pointer, Value::String(event_target_value(&ev)))
            ></textarea>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <FieldError ws path=path />
        </Field>
    }
}
