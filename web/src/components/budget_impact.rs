use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;

fn bar_width(pct: f64) -> String {
    format!("{:.1}", pct.clamp(0.0, 100.0) * 3.0)
}

/// What this release does to the risk budget: before, the charge, and after.
#[component]
pub fn BudgetImpact(ws: Worksheet) -> impl IntoView {
    let bands = Memo::new(move |_| {
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| (p.budget.yellow_below_pct, p.budget.red_below_pct))
                .unwrap_or((60.0, 30.0))
        })
    });
    let shown = ws.derive(|a, b| a.budget == b.budget && a.score.total == b.score.total);
    let body = move || {
        shown.get().map(|e| (e.decision.budget.clone(), e.decision.score.total)).map(|(b, total)| {
            let (yellow, red) = bands.get();
            let charge = if b.penalty > 0 {
                format!(
                    "{} RP (RRS {} + break-glass penalty {})",
                    b.charge,
                    total,
                    b.penalty
                )
            } else {
                format!("{} RP", b.charge)
            };
            view! {
                <dl class="facts">
                    <div>
                        <dt>"Allocated"</dt>
                        <dd>{format!("{} RP", b.allocated)}</dd>
                    </div>
                    <div>
                        <dt>"Before"</dt>
                        <dd data-testid="budget-before">
                            {format!(
                                "{} RP left ({}%): {}",
                                b.remaining_before,
                                b.remaining_pct_before,
                                b.status_before.as_str(),
                            )}
                        </dd>
                    </div>
                    <div>
                        <dt>"This release"</dt>
                        <dd data-testid="budget-charge">{charge}</dd>
                    </div>
                    <div>
                        <dt>"After"</dt>
                        <dd data-testid="budget-after">
                            {format!(
                                "{} RP left ({}%): {}",
                                b.remaining_after,
                                b.remaining_pct_after,
                                b.status_after.as_str(),
                            )}
                        </dd>
                    </div>
                </dl>
                <svg
                    class="budget-bar"
                    viewBox="0 0 300 24"
                    role="img"
                    aria-label=format!(
                        "Budget remaining: {}% before, {}% after this release",
                        b.remaining_pct_before,
                        b.remaining_pct_after,
                    )
                >
                    <rect class="track" x="0" y="4" width="300" height="16" rx="3"></rect>
                    <rect class="before" x="0" y="4" width=bar_width(b.remaining_pct_before) height="16" rx="3"></rect>
                    <rect class="after" x="0" y="4" width=bar_width(b.remaining_pct_after) height="16" rx="3"></rect>
                    <line class="threshold red" x1=bar_width(red) y1="0" x2=bar_width(red) y2="24"></line>
                    <line class="threshold yellow" x1=bar_width(yellow) y1="0" x2=bar_width(yellow) y2="24"></line>
                </svg>
                <p class="hint">
                    {format!(
                        "Light bar: left before this release; dark bar: left after it. Dashed lines: red below {red}%, yellow below {yellow}%.",
                    )}
                </p>
            }
        })
    };
    view! {
        <Panel title="Budget impact" id="budget-impact">
            {body}
        </Panel>
    }
}
