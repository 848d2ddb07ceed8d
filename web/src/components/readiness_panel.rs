use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;
use riskgate::readiness::GateStatus;

fn status_word(status: GateStatus) -> &'static str {
    match status {
        GateStatus::Green => "green",
        GateStatus::Red => "red",
        GateStatus::Unknown => "unknown",
    }
}

/// Seed 002: the go/no-go readiness groups, when the policy has the checklist.
#[component]
pub fn ReadinessPanel(ws: Worksheet) -> impl IntoView {
    let present = move || {
        ws.shown.with(|s| {
            s.eval
                .as_ref()
                .is_some_and(|e| e.decision.readiness.is_some())
        })
    };
    let section = ws.part(|d| &d.readiness);
    let body = move || {
        section().map(|section| {
            section.map(|r| {
                let decision = r.decision.as_str();
                view! {
                    <p class=if decision == "GO" { "big go" } else { "big blocked" }>
                        "Decision: " <span data-testid="readiness-decision">{decision}</span>
                    </p>
                    <p>{format!("Unresolved SEV-1/SEV-2 incidents: {}", r.unresolved_sev12)}</p>
                    {r
                        .groups
                        .into_iter()
                        .map(|g| {
                            let pass = if g.pass { "PASS" } else { "FAIL" };
                            view! {
                                <div class="readiness-group" data-testid="readiness-group">
                                    <h3>
                                        {g.title} " " <span class="tag">{pass}</span>
                                    </h3>
                                    <ul class="gates">
                                        {g
                                            .gates
                                            .into_iter()
                                            .map(|gate| {
                                                let ok = gate.status == GateStatus::Green;
                                                let mark = if !gate.applicable {
                                                    "–"
                                                } else if ok {
                                                    "✓"
                                                } else {
                                                    "✗"
                                                };
                                                let kind = match (gate.mandatory, gate.applicable) {
                                                    (_, false) => "not applicable",
                                                    (true, true) => "mandatory",
                                                    (false, true) => "optional",
                                                };
                                                view! {
                                                    <li class:failing=gate.applicable && gate.mandatory && !ok>
                                                        <span aria-hidden="true">{mark}</span>
                                                        " "
                                                        {gate.title}
                                                        <span class="points">
                                                            {format!(" {}, {kind}", status_word(gate.status))}
                                                        </span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                        .collect_view()}
                    {(!r.failing.is_empty())
                        .then(|| {
                            view! {
                                <p data-testid="readiness-failing">
                                    "Failing: " {r.failing.join(", ")}
                                </p>
                            }
                        })}
                }
            })
        })
    };
    view! {
        <Show when=present>
            <Panel title="Go / no-go readiness" id="readiness">
                {body}
            </Panel>
        </Show>
    }
}
