use super::{NumberField, Panel, SelectField, TextField};
use crate::store::Worksheet;
use leptos::prelude::*;

/// Seed 002 inputs: each go/no-go gate's status and evidence, and the declared conditions.
#[component]
pub fn ReadinessInput(ws: Worksheet) -> impl IntoView {
    let groups = Memo::new(move |_| {
        ws.policy.with(|p| {
            p.as_ref()
                .ok()
                .and_then(|p| p.readiness.as_ref())
                .map(|r| r.groups.clone())
        })
    });
    let statuses = Signal::derive(|| {
        [("green", "Green"), ("red", "Red"), ("unknown", "Unknown")]
            .iter()
            .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
            .collect()
    });
    let body = move || {
        groups.get().map(|groups| {
            let mut conditions: Vec<String> = groups
                .iter()
                .flat_map(|g| g.gates.iter().filter_map(|gate| gate.condition.clone()))
                .collect();
            conditions.sort();
            conditions.dedup();
            view! {
                <Panel title="Go / no-go evidence" id="readiness-input">
                    {(!conditions.is_empty())
                        .then(|| {
                            view! {
                                <fieldset>
                                    <legend>"Conditions that apply to this release"</legend>
                                    {conditions
                                        .into_iter()
                                        .map(|c| {
                                            let id = format!("condition-{c}");
                                            let pointer = format!("/readiness/conditions/{c}");
                                            let read = pointer.clone();
                                            view! {
                                                <div class="check">
                                                    <input
                                                        type="checkbox"
                                                        id=id.clone()
                                                        data-testid=id.clone()
                                                        prop:checked=move || ws.get_bool(&read)
                                                        on:change=move |ev| {
                                                            ws.set(
                                                                &pointer,
                                                                serde_json::Value::Bool(event_target_checked(&ev)),
                                                            )
                                                        }
                                                    />
                                                    <label for=id>{c.replace('_', " ")}</label>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                            }
                        })}
                    <NumberField
                        ws
                        id="readiness-sev12"
                        label="Unresolved SEV-1/SEV-2 incidents"
                        pointer="/readiness/unresolvedSev12"
                        integer=true
                        optional=true
                    />
                    {groups
                        .into_iter()
                        .map(|g| {
                            view! {
                                <details class="more">
                                    <summary>{g.title}</summary>
                                    {g
                                        .gates
                                        .into_iter()
                                        .map(|gate| {
                                            let base = format!("/readiness/gates/{}", gate.id);
                                            let kind = if gate.mandatory { "mandatory" } else { "optional" };
                                            view! {
                                                <div class="gate-input">
                                                    <SelectField
                                                        ws
                                                        id=format!("gate-{}-status", gate.id)
                                                        label=format!("{} ({kind})", gate.title)
                                                        pointer=format!("{base}/status")
                                                        options=statuses
                                                        blank="Not reported"
                                                    />
                                                    <TextField
                                                        ws
                                                        id=format!("gate-{}-evidence", gate.id)
                                                        label=format!("Evidence: {}", gate.evidence)
                                                        pointer=format!("{base}/evidence")
                                                        optional=true
                                                    />
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </details>
                            }
                        })
                        .collect_view()}
                </Panel>
            }
        })
    };
    view! { {body} }
}
