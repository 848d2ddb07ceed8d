use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;

/// Seed 001: the SLO error-budget release gate, when the policy has it.
#[component]
pub fn ErrorBudgetGate(ws: Worksheet) -> impl IntoView {
    let present = move || {
        ws.shown.with(|s| {
            s.eval
                .as_ref()
                .is_some_and(|e| e.decision.error_budget_gate.is_some())
        })
    };
    let section = ws.part(|d| &d.error_budget_gate);
    let body =
        move || {
            section().map(|section| {
                section.map(|g| {
                let verdict = if g.approved { "APPROVED" } else { "NOT APPROVED" };
                let derived = if g.status_derived { " (derived)" } else { " (given)" };
                let risk_note = if g.risk_level_derived { " (from the gate level)" } else { "" };
                view! {
                    <p class=if g.approved { "big go" } else { "big blocked" }>
                        <span data-testid="error-budget-approved">{verdict}</span>
                    </p>
                    <dl class="facts">
                        <div>
                            <dt>"Status"</dt>
                            <dd data-testid="error-budget-status">{g.status.as_str()} {derived}</dd>
                        </div>
                        <div>
                            <dt>"Remaining"</dt>
                            <dd>{format!("{:.2}%", g.remaining_pct)}</dd>
                        </div>
                        <div>
                            <dt>"Burn rate"</dt>
                            <dd>{format!("{:.2}×", g.burn_rate)}</dd>
                        </div>
                        <div>
                            <dt>"Risk level"</dt>
                            <dd>{g.risk_level.as_str()} {risk_note}</dd>
                        </div>
                    </dl>
                    <p data-testid="error-budget-reason">
                        <code>{g.reason_code}</code>
                        ": "
                        {g.reason}
                    </p>
                    {g.alternative.map(|a| view! { <p>"Alternative: " {a}</p> })}
                    {(!g.conditions.is_empty())
                        .then(|| {
                            view! {
                                <h3>"Conditions"</h3>
                                <ul>
                                    {g
                                        .conditions
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <li>
                                                    <code>{c.code}</code>
                                                    ": "
                                                    {c.text}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                    {(!g.escalations.is_empty())
                        .then(|| {
                            view! {
                                <h3>"Escalations"</h3>
                                <ul>
                                    {g
                                        .escalations
                                        .into_iter()
                                        .map(|e| {
                                            view! {
                                                <li>
                                                    {format!(
                                                        "At or below {}%: notify {}. {}",
                                                        e.at_or_below_pct,
                                                        e.notify.join(", "),
                                                        e.action,
                                                    )}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                    <p class="hint">
                        {if g.blocking {
                            "A disapproval blocks the release under this policy."
                        } else {
                            "Advisory under this policy: a disapproval does not block."
                        }}
                    </p>
                }
            })
            })
        };
    view! {
        <Show when=present>
            <Panel title="Error-budget gate" id="error-budget-gate">
                {body}
            </Panel>
        </Show>
    }
}
