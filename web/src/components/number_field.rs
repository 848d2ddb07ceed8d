use super::{Field, FieldError};
use crate::store::{Worksheet, dotted};
use leptos::prelude::*;
use serde_json::Value;

fn shown(value: Option<&Value>) -> String {
    match value {
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn meaning(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok()
}

/// A numeric input bound to a number in the request. What is typed is checked here
/// first (a number, whole when required, within bounds): a bad entry shows a message next
/// to the field and the request keeps its last valid value.
#[component]
pub fn NumberField(
    ws: Worksheet,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] pointer: String,
    #[prop(optional)] hint: Option<&'static str>,
    /// Empty removes the field (the engine's default applies).
    #[prop(optional)]
    optional: bool,
    /// Only whole numbers.
    #[prop(optional)]
    integer: bool,
    #[prop(optional)] max: Option<f64>,
) -> impl IntoView {
    let initial = shown(ws.get_untracked(&pointer).as_ref());
    let text = RwSignal::new(initial);
    let local_error = RwSignal::new(None::<String>);
    let watch = pointer.clone();
    // Follow changes made elsewhere (import, reset, share link) unless the text already says so.
    Effect::new(move |_| {
        let value = ws.get(&watch);
        let number = value.as_ref().and_then(Value::as_f64);
        if meaning(&text.get_untracked()) != number {
            text.set(shown(value.as_ref()));
            local_error.set(None);
        }
    });
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let path = dotted(&pointer);
    let on_input = move |ev| {
        let raw = event_target_value(&ev);
        text.set(raw.clone());
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            if optional {
                ws.remove(&pointer);
                local_error.set(None);
            } else {
                local_error.set(Some(String::from("Enter a number.")));
            }
            return;
        }
        let value = if integer {
            match trimmed.parse::<u64>() {
                Ok(n) if max.is_none_or(|m| (n as f64) <= m) => Ok(Value::from(n)),
                Ok(_) => Err(format!(
                    "Enter a whole number up to {}.",
                    max.unwrap_or(0.0)
                )),
                Err(_) => Err(String::from("Enter a whole number (0 or more).")),
            }
        } else {
            match trimmed.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 && max.is_none_or(|m| n <= m) => {
                    serde_json::Number::from_f64(n)
                        .map(Value::Number)
                        .ok_or_else(|| String::from("Enter a number."))
                }
                Ok(_) => Err(match max {
                    Some(m) => format!("Enter a number from 0 to {m}."),
                    None => String::from("Enter a number of 0 or more."),
                }),
                Err(_) => Err(String::from("Enter a number, such as 42 or 42.5.")),
            }
        };
        match value {
            Ok(v) => {
                local_error.set(None);
                ws.set(&pointer, v);
            }
            Err(message) => local_error.set(Some(message)),
        }
    };
    view! {
        <Field>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="text"
                inputmode=if integer { "numeric" } else { "decimal" }
                data-testid=id
                autocomplete="off"
                aria-invalid=move || local_error.with(Option::is_some).then_some("true")
                aria-describedby=hint.map(|_| hint_id.clone())
                prop:value=move || text.get()
                on:input=on_input
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || {
                local_error
                    .get()
                    .map(|m| {
                        view! {
                            <p
                                class="field-error"
                                id=error_id.clone()
                                role="alert"
                                data-testid="field-error"
                            >
                                {m}
                                " The worksheet keeps the last valid value."
                            </p>
                        }
                    })
            }}
            <FieldError ws path=path />
        </Field>
    }
}
