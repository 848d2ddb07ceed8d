use leptos::prelude::*;
use riskgate::Policy;

/// The blockers the policy enforces.
#[component]
pub fn RefBlockers(policy: Policy) -> impl IntoView {
    let b = policy.blockers;
    let mut rows = Vec::new();
    if let Some(r) = b.budget_red_high_risk {
        let statuses: Vec<&str> = r.budget_status.iter().map(|x| x.as_str()).collect();
        rows.push((
            "budget_red_high_risk",
            format!("budget {} and a high-risk category", statuses.join(" or ")),
            r.message,
        ));
    }
    if let Some(r) = b.budget_exhausted {
        let statuses: Vec<&str> = r.budget_status.iter().map(|x| x.as_str()).collect();
        let allowed: Vec<&str> = r.allowed_release_types.iter().map(|x| x.as_str()).collect();
        rows.push((
            "budget_exhausted",
            format!(
                "budget {}, unless the release is {}",
                statuses.join(" or "),
                allowed.join(", ")
            ),
            r.message,
        ));
    }
    if let Some(r) = b.incident_freeze {
        let blocked: Vec<&str> = r.blocked_release_types.iter().map(|x| x.as_str()).collect();
        rows.push((
            "incident_freeze",
            format!(
                "active incident or SLO error budget below {}%, for {}",
                r.error_budget_below_pct,
                blocked.join(", ")
            ),
            r.message,
        ));
    }
    view! {
        <table data-testid="ref-blockers">
            <caption>"Blockers"</caption>
            <thead>
                <tr>
                    <th scope="col">"Blocker"</th>
                    <th scope="col">"When"</th>
                    <th scope="col">"Message"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(code, when, message)| {
                        view! {
                            <tr>
                                <th scope="row"><code>{code}</code></th>
                                <td>{when}</td>
                                <td>{message}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
