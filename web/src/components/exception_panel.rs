use super::{ApproverList, Panel, SelectField, TextArea, TextField};
use crate::browser;
use crate::store::Worksheet;
use leptos::prelude::*;
use serde_json::{Value, json};

/// A break-glass exception: reason, rationale, named approvers, and the evaluation time
/// the follow-up review is counted from.
#[component]
pub fn ExceptionPanel(ws: Worksheet) -> impl IntoView {
    let enabled = Memo::new(move |_| ws.get("/exception").is_some());
    let reasons: Signal<Vec<(String, String)>> = Signal::derive(move || {
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.break_glass
                        .reasons
                        .iter()
                        .map(|(id, text)| (id.clone(), format!("{id}: {text}")))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let required_roles = Signal::derive(move || {
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
    });
    let role_names = Signal::derive(move || {
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| {
                    let mut roles = p.break_glass.required_roles.clone();
                    roles.extend(p.break_glass.customer_impacting_roles.iter().cloned());
                    roles
                })
                .unwrap_or_default()
        })
    });
    let toggle = move |on: bool| {
        let first = reasons.with_untracked(|r| r.first().map(|(id, _)| id.clone()));
        ws.state.update(|s| {
            s.toggle_section(
                "exception",
                on,
                json!({ "reason": first.unwrap_or_default(), "rationale": "", "approvers": [] }),
            );
        });
    };
    view! {
        <Panel title="Break-glass exception" id="exception">
            <div class="check">
                <input
                    type="checkbox"
                    id="exception-enabled"
                    data-testid="exception-enabled"
                    prop:checked=move || enabled.get()
                    on:change=move |ev| toggle(event_target_checked(&ev))
                />
                <label for="exception-enabled">"Request a break-glass exception"</label>
            </div>
            <Show when=move || enabled.get()>
                <SelectField
                    ws
                    id="exception-reason"
                    label="Reason"
                    pointer="/exception/reason"
                    options=reasons
                />
                <TextArea
                    ws
                    id="exception-rationale"
                    label="Rationale"
                    pointer="/exception/rationale"
                    hint="Why the change cannot wait; recorded with the decision."
                />
                <ApproverList
                    ws
                    base="/exception/approvers"
                    prefix="approver"
                    legend="Approvers"
                    hint=required_roles
                    roles=role_names
                />
            </Show>
            <TextField
                ws
                id="evaluation-now"
                label="Evaluation time"
                pointer="/now"
                optional=true
                hint="RFC 3339, e.g. 2026-11-20T12:00:00Z; the follow-up review is due 5 business days later."
            />
            <button
                type="button"
                class="secondary"
                data-testid="now-button"
                on:click=move |_| ws.set("/now", Value::String(browser::now_iso()))
            >
                "Set to the current time"
            </button>
        </Panel>
    }
}
