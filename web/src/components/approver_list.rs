use super::TextField;
use crate::store::Worksheet;
use leptos::prelude::*;
use serde_json::{Value, json};

/// A list of named approvers with roles, at `base` in the request (the break-glass
/// exception's approvers, or the pipeline's approvals).
#[component]
pub fn ApproverList(
    ws: Worksheet,
    /// JSON pointer of the list (`/exception/approvers`).
    base: &'static str,
    /// Prefix of the element ids (`approver` gives `approver-0-name`).
    prefix: &'static str,
    legend: &'static str,
    /// Which roles the policy asks for, in words.
    #[prop(into)]
    hint: Signal<String>,
    /// Role names offered as suggestions.
    #[prop(into)]
    roles: Signal<Vec<String>>,
) -> impl IntoView {
    let count = Memo::new(move |_| {
        ws.get(base)
            .as_ref()
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    });
    let list_id = format!("{prefix}-roles");
    let add = move |_| {
        if ws.get_untracked(base).is_none() {
            ws.set(base, json!([]));
        }
        ws.set(&format!("{base}/-"), json!({ "name": "", "role": "" }));
    };
    view! {
        <fieldset class="approvers">
            <legend>{legend}</legend>
            <p class="hint">{move || hint.get()}</p>
            <datalist id=list_id.clone()>
                {move || {
                    roles.get().into_iter().map(|r| view! { <option value=r></option> }).collect_view()
                }}
            </datalist>
            {move || {
                (0..count.get())
                    .map(|i| {
                        view! {
                            <div class="approver" data-testid=format!("{prefix}-row")>
                                <TextField
                                    ws
                                    id=format!("{prefix}-{i}-name")
                                    label=format!("Approver {} name", i + 1)
                                    pointer=format!("{base}/{i}/name")
                                />
                                <TextField
                                    ws
                                    id=format!("{prefix}-{i}-role")
                                    label=format!("Approver {} role", i + 1)
                                    pointer=format!("{base}/{i}/role")
                                    list=list_id.clone()
                                />
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid=format!("{prefix}-{i}-remove")
                                    on:click=move |_| ws.remove(&format!("{base}/{i}"))
                                >
                                    {format!("Remove approver {}", i + 1)}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" data-testid=format!("{prefix}-add") on:click=add>
                "Add approver"
            </button>
        </fieldset>
    }
}
