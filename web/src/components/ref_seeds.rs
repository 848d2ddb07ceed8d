use crate::describe;
use leptos::prelude::*;
use riskgate::Policy;

/// The parts of the policy that come from seeds 001-004, when present: the error-budget
/// gate table, the go/no-go groups, the pipeline's modes and strategies, and rollout.
#[component]
pub fn RefSeeds(policy: Policy) -> impl IntoView {
    let error_budget = policy.error_budget_gate.map(|g| {
        view! {
            <table data-testid="ref-error-budget">
                <caption>
                    {format!(
                        "Error-budget gate ({}): bands healthy ≥ {}%, attention ≥ {}%, warning ≥ {}%; burn rate ≥ {} is critical",
                        if g.blocking { "blocking" } else { "advisory" },
                        g.bands.healthy,
                        g.bands.attention,
                        g.bands.warning,
                        g.critical_burn_rate,
                    )}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Risk levels allowed"</th>
                        <th scope="col" class="num">"Minimum budget"</th>
                        <th scope="col" class="num">"Maximum burn rate"</th>
                    </tr>
                </thead>
                <tbody>
                    {g
                        .gates
                        .into_iter()
                        .map(|(status, rule)| {
                            let levels: Vec<&str> = rule.allowed_risk_levels.iter().map(|x| x.as_str()).collect();
                            view! {
                                <tr>
                                    <th scope="row">{status.as_str()}</th>
                                    <td>{describe::list(&levels)}</td>
                                    <td class="num">{format!("{}%", rule.min_budget_pct)}</td>
                                    <td class="num">
                                        {rule.max_burn_rate.map_or_else(|| String::from("any"), |r| format!("{r}×"))}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let readiness = policy.readiness.map(|r| {
        view! {
            <table data-testid="ref-readiness">
                <caption>
                    {format!(
                        "Go/no-go checklist ({})",
                        if r.blocking { "blocking" } else { "advisory" },
                    )}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Group"</th>
                        <th scope="col">"Gate"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"Evidence"</th>
                    </tr>
                </thead>
                <tbody>
                    {r
                        .groups
                        .into_iter()
                        .flat_map(|g| {
                            let title = g.title;
                            g.gates.into_iter().map(move |gate| (title.clone(), gate))
                        })
                        .map(|(group, gate)| {
                            let kind = match (&gate.condition, gate.mandatory) {
                                (Some(c), _) => format!("conditional: {c}"),
                                (None, true) => String::from("mandatory"),
                                (None, false) => String::from("optional"),
                            };
                            view! {
                                <tr>
                                    <td>{group}</td>
                                    <th scope="row">{gate.title}</th>
                                    <td>{kind}</td>
                                    <td>{gate.evidence}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let pipeline = policy.pipeline.map(|p| {
        view! {
            <table data-testid="ref-pipeline">
                <caption>"Pipeline: error-budget modes"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Mode"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"Approvals"</th>
                        <th scope="col">"Requirements"</th>
                    </tr>
                </thead>
                <tbody>
                    {p
                        .error_budget_modes
                        .into_iter()
                        .map(|m| {
                            view! {
                                <tr>
                                    <th scope="row">{m.label}</th>
                                    <td>{m.min_pct.map_or_else(|| String::from("exhausted"), |v| format!("{v}% remaining"))}</td>
                                    <td>{describe::list(&m.required_approvals)}</td>
                                    <td>{describe::list(&m.requirements)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <table data-testid="ref-strategies">
                <caption>"Pipeline: deployment strategy by service class"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Service class"</th>
                        <th scope="col">"Strategy"</th>
                        <th scope="col">"Use case"</th>
                    </tr>
                </thead>
                <tbody>
                    {p
                        .deployment_strategies
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <th scope="row">{s.service_class.as_str()}</th>
                                    <td>{s.label}</td>
                                    <td>{s.use_case}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let rollout = policy.rollout.map(|r| {
        view! {
            <table data-testid="ref-rollout">
                <caption>"Rollout strategies"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Strategy"</th>
                        <th scope="col">"When to use"</th>
                        <th scope="col">"Phases"</th>
                        <th scope="col">"Rollback"</th>
                    </tr>
                </thead>
                <tbody>
                    {r
                        .strategies
                        .into_iter()
                        .map(|(strategy, rule)| {
                            let phases: Vec<String> = rule
                                .phases
                                .iter()
                                .map(|p| format!("{} {}% for {} min", p.name, p.traffic_pct, p.duration_minutes))
                                .collect();
                            view! {
                                <tr>
                                    <th scope="row">{format!("{} ({})", rule.label, strategy.as_str())}</th>
                                    <td>{rule.when_to_use}</td>
                                    <td>{describe::list(&phases)}</td>
                                    <td>{format!("{} (about {} min)", rule.rollback_method, rule.estimated_rollback_minutes)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    view! {
        {error_budget}
        {readiness}
        {pipeline}
        {rollout}
    }
}
