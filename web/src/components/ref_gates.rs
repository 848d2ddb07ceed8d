use crate::describe;
use leptos::prelude::*;
use riskgate::{GateLevel, Policy};

/// Gate thresholds and the required checks of each level (cumulative).
#[component]
pub fn RefGates(policy: Policy) -> impl IntoView {
    let t = policy.gates.thresholds;
    let ranges = [
        (
            GateLevel::G0,
            format!(
                "all categories in: {}",
                describe::list(&policy.gates.docs_only_categories)
            ),
        ),
        (
            GateLevel::G1,
            format!("RRS {} to {}", t.g1, t.g2.saturating_sub(1)),
        ),
        (
            GateLevel::G2,
            format!("RRS {} to {}", t.g2, t.g3.saturating_sub(1)),
        ),
        (
            GateLevel::G3,
            format!("RRS {} to {}", t.g3, t.g4.saturating_sub(1)),
        ),
        (GateLevel::G4, format!("RRS {} and above", t.g4)),
    ];
    let requirements = policy.gates.requirements;
    view! {
        <table data-testid="ref-gates">
            <caption>"Gate levels and required checks (each level includes the ones below it)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Level"</th>
                    <th scope="col">"When"</th>
                    <th scope="col">"Checks added at this level"</th>
                </tr>
            </thead>
            <tbody>
                {ranges
                    .into_iter()
                    .map(|(level, when)| {
                        let checks: Vec<_> = requirements.iter().filter(|r| r.level == level).cloned().collect();
                        view! {
                            <tr>
                                <th scope="row">{format!("{level} ({})", level.title())}</th>
                                <td>{when}</td>
                                <td>
                                    <ul>
                                        {checks
                                            .into_iter()
                                            .map(|r| {
                                                let cond = r.when.as_ref().map(|c| format!(" (only when {})", describe::condition(c)));
                                                view! { <li>{r.text} {cond}</li> }
                                            })
                                            .collect_view()}
                                    </ul>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
