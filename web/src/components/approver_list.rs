use super::TextField;
use crate::store::Worksheet;
use leptos::prelude::*;
use serde_json::{Value, json};

/// The exception's named approvers, with the roles the policy requires.
#[component]
pub fn ApproverList(ws: Worksheet) -> impl IntoView {
    let count = Memo::new(move |_| {
        ws.get("/exception/approvers")
            .as_ref()
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    });
    let required = move || {
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| {
                    let b = &p.break_glass;
                    let mut text = format!("Required roles: {}", b.required_roles.join(", "));
                    if !b.customer_impacting_roles.is_empty() {
                        text.push_str(&format!(
                            "; also {} when customer-impacting",
                            b.customer_impacting_roles.join(", ")
                        ));
                    }
                    text.push('.');
                    text
                })
                .unwrap_or_default()
        })
    };
    let roles = move || {
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| {
                    let mut roles = p.break_glass.required_roles.clone();
                    roles.extend(p.break_glass.customer_impacting_roles.iter().cloned());
                    roles
                })
                .unwrap_or_default()
        })
    };
    let add = move |_| {
        if ws.get("/exception/approvers").is_none() {
            ws.set("/exception/approvers", json!([]));
        }
        ws.set("/exception/approvers/-", json!({ "name": "", "role": "" }));
    };
    view! {
        <fieldset class="approvers">
            <legend>"Approvers"</legend>
            <p class="hint">{required}</p>
            <datalist id="approver-roles">
                {move || roles().into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
            </datalist>
            {move || {
                (0..count.get())
                    .map(|i| {
                        view! {
                            <div class="approver" data-testid="approver-row">
                                <TextField
                                    ws
                                    id=format!("approver-{i}-name")
                                    label=format!("Approver {} name", i + 1)
                                    pointer=format!("/exception/approvers/{i}/name")
                                />
                                <TextField
                                    ws
                                    id=format!("approver-{i}-role")
                                    label=format!("Approver {} role", i + 1)
                                    pointer=format!("/exception/approvers/{i}/role")
                                    list="approver-roles"
                                />
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid=format!("approver-{i}-remove")
                                    on:click=move |_| ws.remove(&format!("/exception/approvers/{i}"))
                                >
                                    {format!("Remove approver {}", i + 1)}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" data-testid="approver-add" on:click=add>
                "Add approver"
            </button>
        </fieldset>
    }
}
