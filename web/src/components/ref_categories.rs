use leptos::prelude::*;
use riskgate::Policy;

/// Diff categories with their points and path rules.
#[component]
pub fn RefCategories(policy: Policy) -> impl IntoView {
    let fallback = policy.fallback_category.clone();
    let case = if policy.match_case {
        "case-sensitive"
    } else {
        "case-insensitive"
    };
    view! {
        <table data-testid="ref-categories">
            <caption>
                {format!(
                    "Diff categories (globs are {case}; a file no rule matches is {fallback})",
                )}
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Category"</th>
                    <th scope="col" class="num">"Points"</th>
                    <th scope="col">"High risk"</th>
                    <th scope="col">"Paths (include)"</th>
                    <th scope="col">"Except"</th>
                </tr>
            </thead>
            <tbody>
                {policy
                    .categories
                    .into_iter()
                    .map(|(id, rule)| {
                        view! {
                            <tr data-testid="ref-category-row">
                                <th scope="row">
                                    <code>{id}</code>
                                    <span class="sub">{rule.label}</span>
                                </th>
                                <td class="num">{rule.points}</td>
                                <td>{if rule.high_risk { "yes" } else { "no" }}</td>
                                <td class="globs">
                                    {rule
                                        .include
                                        .into_iter()
                                        .map(|g| view! { <code>{g}</code> " " })
                                        .collect_view()}
                                </td>
                                <td class="globs">
                                    {rule
                                        .exclude
                                        .into_iter()
                                        .map(|g| view! { <code>{g}</code> " " })
                                        .collect_view()}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
