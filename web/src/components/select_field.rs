use super::{Field, FieldError};
use crate::store::{Worksheet, dotted};
use leptos::prelude::*;
use serde_json::Value;

/// How a chosen option is written into the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValueKind {
    #[default]
    Text,
    Number,
    Bool,
}

fn as_option_value(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// A select bound to a value in the request. With `blank`, an empty first option removes
/// the field (the engine's default or inference applies).
#[component]
pub fn SelectField(
    ws: Worksheet,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] pointer: String,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] blank: Option<&'static str>,
    #[prop(optional)] kind: ValueKind,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let path = dotted(&pointer);
    let read = pointer.clone();
    let current = Memo::new(move |_| as_option_value(ws.get(&read).as_ref()));
    // The options carry the value current when they are made (the `selected` attribute);
    // afterwards the select's value follows the request, written only when the select
    // does not already show it (a person's own choice needs no write; writing
    // `selected` on options costs a style and layout pass).
    let select_ref = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        options.track();
        let want = current.get();
        if let Some(el) = select_ref.get()
            && el.value() != want
        {
            el.set_value(&want);
            if el.selected_index() < 0 {
                // No option has the value: as when every option is unselected.
                el.set_selected_index(0);
            }
        }
    });
    let on_change = move |ev| {
        let chosen = event_target_value(&ev);
        if chosen.is_empty() {
            ws.remove(&pointer);
            return;
        }
        let value = match kind {
            ValueKind::Text => Value::String(chosen),
            ValueKind::Number => chosen
                .parse::<u64>()
                .map(Value::from)
                .unwrap_or(Value::String(chosen)),
            ValueKind::Bool => Value::Bool(chosen == "true"),
        };
        ws.set(&pointer, value);
    };
    view! {
        <Field>
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                data-testid=id
                aria-describedby=hint.map(|_| hint_id.clone())
                on:change=on_change
                node_ref=select_ref
            >
                {blank
                    .map(|b| {
                        view! {
                            <option value="" selected=current.with_untracked(String::is_empty)>
                                {b}
                            </option>
                        }
                    })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = current.with_untracked(|c| *c == value);
                            view! {
                                <option value=value selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <FieldError ws path=path />
        </Field>
    }
}

/// The options of a yes / no select.
pub fn yes_no() -> Vec<(String, String)> {
    vec![
        (String::from("true"), String::from("Yes")),
        (String::from("false"), String::from("No")),
    ]
}
