use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;
use riskgate::score::ContributionKind;

fn kind_name(kind: ContributionKind) -> &'static str {
    match kind {
        ContributionKind::Base => "base",
        ContributionKind::Diff => "diff",
        ContributionKind::Context => "context",
        ContributionKind::Mitigation => "mitigation",
        ContributionKind::Floor => "floor",
    }
}

fn signed(points: i64) -> String {
    if points >= 0 {
        format!("+{points}")
    } else {
        format!("−{}", points.unsigned_abs())
    }
}

/// The Release Risk Score as its contributions: what, how many points, and why.
#[component]
pub fn ScoreBreakdown(ws: Worksheet) -> impl IntoView {
    let score = ws.part(|d| &d.score);
    let body = move || {
        score().map(|score| {
            view! {
                <p class="big">
                    <span data-testid="rrs-total">{score.total}</span>
                    " RP"
                </p>
                <table class="score" data-testid="score-table">
                    <caption class="sr-only">"Contributions to the Release Risk Score"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"Points"</th>
                            <th scope="col" class="kind">"Kind"</th>
                            <th scope="col">"Why"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {score
                            .contributions
                            .into_iter()
                            .map(|c| {
                                let evidence = c.evidence.join(", ");
                                view! {
                                    <tr
                                        data-testid="score-row"
                                        data-kind=kind_name(c.kind)
                                        data-id=c.id.clone()
                                    >
                                        <td class="num">{signed(c.points)}</td>
                                        <td>{kind_name(c.kind)}</td>
                                        <td>
                                            {c.label}
                                            {(!evidence.is_empty())
                                                .then(|| view! { <span class="evidence">{evidence}</span> })}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <td class="num">
                                <strong>{score.total}</strong>
                            </td>
                            <td colspan="2">"total (never below the policy's minimum)"</td>
                        </tr>
                    </tfoot>
                </table>
            }
        })
    };
    view! {
        <Panel title="Release Risk Score" id="score">
            {body}
        </Panel>
    }
}
