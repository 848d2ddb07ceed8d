use crate::describe;
use leptos::prelude::*;
use riskgate::Policy;

/// Budget bands and the gate modifiers that depend on them.
#[component]
pub fn RefBudget(policy: Policy) -> impl IntoView {
    let b = policy.budget;
    view! {
        <table data-testid="ref-budget">
            <caption>"Budget bands (remaining share of the window's allocation)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Remaining"</th>
                </tr>
            </thead>
            <tbody>
                <tr><th scope="row">"green"</th><td>{format!("{}% or more", b.yellow_below_pct)}</td></tr>
                <tr><th scope="row">"yellow"</th><td>{format!("{}% to below {}%", b.red_below_pct, b.yellow_below_pct)}</td></tr>
                <tr><th scope="row">"red"</th><td>{format!("below {}%", b.red_below_pct)}</td></tr>
                <tr><th scope="row">"exhausted"</th><td>"0 RP or less"</td></tr>
            </tbody>
        </table>
        <table data-testid="ref-modifiers">
            <caption>"Gate modifiers (applied in this order, never above G4)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Modifier"</th>
                    <th scope="col">"When"</th>
                    <th scope="col">"Effect"</th>
                </tr>
            </thead>
            <tbody>
                {policy
                    .modifiers
                    .into_iter()
                    .map(|m| {
                        view! {
                            <tr>
                                <th scope="row">{m.reason}</th>
                                <td>{describe::condition(&m.when)}</td>
                                <td>
                                    {format!("raises {} and above by {}", m.from_level, m.raise)}
                                    <span class="sub">{m.explanation}</span>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
