use leptos::prelude::*;
use riskgate::Policy;

/// Tiers with their base points and monthly risk budgets.
#[component]
pub fn RefTiers(policy: Policy) -> impl IntoView {
    view! {
        <table data-testid="ref-tiers">
            <caption>"Tiers and budgets"</caption>
            <thead>
                <tr>
                    <th scope="col">"Tier"</th>
                    <th scope="col">"Meaning"</th>
                    <th scope="col" class="num">"Base points"</th>
                    <th scope="col" class="num">"Monthly budget"</th>
                </tr>
            </thead>
            <tbody>
                {policy
                    .tiers
                    .into_iter()
                    .map(|(tier, rule)| {
                        view! {
                            <tr>
                                <th scope="row">{tier}</th>
                                <td>{rule.label}</td>
                                <td class="num">{format!("{} RP", rule.base)}</td>
                                <td class="num">{format!("{} RP", rule.monthly_budget)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
