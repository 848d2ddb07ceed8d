use leptos::prelude::*;
use riskgate::Policy;

/// Operational context factors and their points.
#[component]
pub fn RefContext(policy: Policy) -> impl IntoView {
    let c = policy.context;
    let rows = [
        (
            "activeIncident or recentSev12",
            c.incident.label,
            c.incident.points,
        ),
        (
            "errorBudgetRemainingPct",
            std::sync::Arc::from(format!(
                "{} (below {}%)",
                c.error_budget_low.label, c.error_budget_low.below_pct
            )),
            c.error_budget_low.points,
        ),
        (
            "onCallLoadHigh",
            c.on_call_load_high.label,
            c.on_call_load_high.points,
        ),
        (
            "restrictedWindow",
            c.restricted_window.label,
            c.restricted_window.points,
        ),
    ];
    view! {
        <table data-testid="ref-context">
            <caption>"Operational context"</caption>
            <thead>
                <tr>
                    <th scope="col">"Request field"</th>
                    <th scope="col">"Factor"</th>
                    <th scope="col" class="num">"Points"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(field, label, points)| {
                        view! {
                            <tr>
                                <th scope="row"><code>{field}</code></th>
                                <td>{label}</td>
                                <td class="num">{format!("+{points}")}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
