use super::{Field, FieldError};
use crate::store::{Worksheet, dotted};
use leptos::prelude::*;
use serde_json::Value;

/// A one-line text input bound to a string in the request.
#[component]
pub fn TextField(
    ws: Worksheet,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] pointer: String,
    #[prop(optional)] hint: Option<&'static str>,
    /// An empty value removes the field from the request.
    #[prop(optional)]
    optional: bool,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional, into)] list: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let path = dotted(&pointer);
    let read = pointer.clone();
    view! {
        <Field>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="text"
                data-testid=id
                autocomplete="off"
                spellcheck="false"
                list=list
                placeholder=placeholder
                aria-describedby=hint.map(|_| hint_id.clone())
                prop:value=move || ws.get_str(&read)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    if optional && value.is_empty() {
                        ws.remove(&pointer);
                    } else {
                        ws.set(&pointer, Value::String(value));
                    }
                }
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <FieldError ws path=path />
        </Field>
    }
}
