use super::{BurndownChart, DoraMetrics, Panel};
use crate::store::{NoDecision, Worksheet, describe_error};
use leptos::prelude::*;
use riskgate::worksheet::WorksheetState;

/// The window's budget state from the ledger: status, burn, projected depletion,
/// exceptions and follow-ups, the burn-down chart and the DORA metrics.
#[component]
pub fn LedgerStatus(ws: Worksheet) -> impl IntoView {
    let status = Memo::new(move |_| ws.state.with(WorksheetState::ledger_status));
    let bands = Memo::new(move |_| {
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| (p.budget.yellow_below_pct, p.budget.red_below_pct))
                .unwrap_or((60.0, 30.0))
        })
    });
    let body = move || {
        status.get().map(|s| {
            s.map_err(|e| NoDecision(format!("The ledger cannot be read: {}", describe_error(&e))))
                .map(|s| {
                    let (yellow, red) = bands.get();
                    let depletion = match (&s.projected_depletion, s.trend.within_window) {
                        (Some(date), Some(true)) => format!("{date}, within this window"),
                        (Some(date), _) => format!("{date}, after this window ends"),
                        (None, _) => String::from("none (no burn so far)"),
                    };
                    let allocation = if s.allocation.earned != 0 || s.allocation.adjustments != 0 {
                        format!(
                            "{} RP (base {}, earned {:+}, adjustments {:+})",
                            s.allocated, s.allocation.base, s.allocation.earned, s.allocation.adjustments
                        )
                    } else {
                        format!("{} RP", s.allocated)
                    };
                    view! {
                        <p data-testid="ledger-window">
                            {format!(
                                "{} window {} to {} (UTC{}), day {:.1} of {:.0}.",
                                s.window.kind.as_str(),
                                s.window.start.date_naive(),
                                s.window.end.date_naive(),
                                s.window.utc_offset,
                                s.window.elapsed_days,
                                s.window.days,
                            )}
                        </p>
                        <dl class="facts">
                            <div><dt>"Allocated"</dt><dd>{allocation}</dd></div>
                            <div><dt>"Consumed"</dt><dd data-testid="ledger-consumed">{format!("{} RP", s.consumed)}</dd></div>
                            <div>
                                <dt>"Remaining"</dt>
                                <dd data-testid="ledger-remaining">
                                    {format!("{} RP ({}%): {}", s.remaining, s.remaining_pct, s.status.as_str())}
                                </dd>
                            </div>
                            <div><dt>"Burn"</dt><dd>{format!("{} RP/day", s.burn_per_day)}</dd></div>
                            <div><dt>"Projected depletion"</dt><dd data-testid="ledger-depletion">{depletion}</dd></div>
                            <div><dt>"Exceptions"</dt><dd>{s.exceptions_this_window}</dd></div>
                        </dl>
                        {(!s.follow_ups_overdue.is_empty())
                            .then(|| {
                                view! {
                                    <p class="field-error" data-testid="ledger-overdue">
                                        {format!(
                                            "Overdue break-glass follow-ups: {}",
                                            s.follow_ups_overdue
                                                .iter()
                                                .map(|f| format!("{} (due {}, line {})", f.change_id, f.due, f.line))
                                                .collect::<Vec<_>>()
                                                .join(", "),
                                        )}
                                    </p>
                                }
                            })}
                        {(!s.duplicates_ignored.is_empty())
                            .then(|| {
                                view! {
                                    <p class="hint">
                                        {format!(
                                            "{} duplicate release(s) not charged again (idempotent change ids).",
                                            s.duplicates_ignored.len(),
                                        )}
                                    </p>
                                }
                            })}
                        {s.earned_capacity
                            .earned
                            .then(|| {
                                view! {
                                    <p class="ok">
                                        {format!(
                                            "Earned capacity: +{}% ({} RP). {}",
                                            s.earned_capacity.pct,
                                            s.earned_capacity.points,
                                            s.earned_capacity.evidence.join(" "),
                                        )}
                                    </p>
                                }
                            })}
                        <BurndownChart status=s.clone() yellow_pct=yellow red_pct=red />
                        <DoraMetrics status=s />
                    }
                })
        })
    };
    view! {
        <Show when=move || status.with(Option::is_some)>
            <Panel title="Budget window (ledger)" id="ledger">
                {body}
            </Panel>
        </Show>
    }
}
