use leptos::prelude::*;
use riskgate::Policy;

/// Mitigations and the points each takes off the score.
#[component]
pub fn RefMitigations(policy: Policy) -> impl IntoView {
    let floor = policy.minimum_score;
    view! {
        <table data-testid="ref-mitigations">
            <caption>{format!("Mitigations (the score never goes below {floor})")}</caption>
            <thead>
                <tr>
                    <th scope="col">"Mitigation"</th>
                    <th scope="col">"Meaning"</th>
                    <th scope="col" class="num">"Points"</th>
                </tr>
            </thead>
            <tbody>
                {policy
                    .mitigations
                    .into_iter()
                    .map(|(id, rule)| {
                        view! {
                            <tr>
                                <th scope="row"><code>{id}</code></th>
                                <td>{rule.label}</td>
                                <td class="num">{format!("−{}", rule.points)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
