use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;

/// Seed 004: the recommended rollout strategy, phases, alternatives and rollback plan.
#[component]
pub fn RolloutPanel(ws: Worksheet) -> impl IntoView {
    let present = move || {
        ws.shown.with(|s| {
            s.eval
                .as_ref()
                .is_some_and(|e| e.decision.rollout.is_some())
        })
    };
    let section = ws.part(|d| &d.rollout);
    let body = move || {
        section().map(|section| {
            section.map(|r| {
                let prerequisites = if !r.prerequisites.checked {
                    String::from("Prerequisites not reported.")
                } else if r.prerequisites.passed {
                    String::from("Prerequisites passed.")
                } else {
                    format!("Prerequisites failing: {}.", r.prerequisites.failing.join(", "))
                };
                view! {
                    <p data-testid="rollout-prerequisites">{prerequisites}</p>
                    <dl class="facts">
                        <div>
                            <dt>"Risk level"</dt>
                            <dd data-testid="rollout-risk">{r.risk_level.as_str()}</dd>
                        </div>
                        <div>
                            <dt>"Strategy"</dt>
                            <dd data-testid="rollout-strategy">{r.strategy_label.clone()}</dd>
                        </div>
                        <div>
                            <dt>"Rollback"</dt>
                            <dd>
                                {format!(
                                    "{} (about {} min)",
                                    r.rollback_method,
                                    r.estimated_rollback_minutes,
                                )}
                            </dd>
                        </div>
                    </dl>
                    <p>
                        {format!(
                            "Risk matrix says {}, the gate says {}: {}",
                            r.matrix_risk_level.as_str(),
                            r.gate_risk_level.as_str(),
                            r.reconciliation,
                        )}
                    </p>
                    <ul>
                        {r.risk_rationale.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                    </ul>
                    <p>{r.strategy_rationale}</p>
                    <p>"Blast radius: " {r.blast_radius}</p>
                    {(!r.phases.is_empty())
                        .then(|| {
                            view! {
                                <div class="scroll-x">
                                <table data-testid="rollout-phases">
                                    <caption>"Phases"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Phase"</th>
                                            <th scope="col" class="num">"Traffic"</th>
                                            <th scope="col" class="num">"Duration"</th>
                                            <th scope="col">"Proceed if"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {r
                                            .phases
                                            .into_iter()
                                            .map(|p| {
                                                view! {
                                                    <tr>
                                                        <td>{p.name}</td>
                                                        <td class="num">{format!("{}%", p.traffic_pct)}</td>
                                                        <td class="num">{format!("{} min", p.duration_minutes)}</td>
                                                        <td>{p.proceed_if}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                </div>
                            }
                        })}
                    <h3>"Rollback triggers"</h3>
                    <ul>
                        {r.rollback_triggers.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                    </ul>
                    <h3>"Alternatives considered"</h3>
                    <ul>
                        {r
                            .alternatives
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <li>
                                        <strong>{a.strategy.as_str()}</strong>
                                        {format!(": {}", a.why_not)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <h3>"Monitoring"</h3>
                    <ul>
                        {r.monitoring.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                    </ul>
                }
            })
        })
    };
    view! {
        <Show when=present>
            <Panel title="Rollout plan" id="rollout">
                {body}
            </Panel>
        </Show>
    }
}
