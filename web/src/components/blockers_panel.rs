use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;

/// Blockers (open or waived) and what the break-glass exception did.
#[component]
pub fn BlockersPanel(ws: Worksheet) -> impl IntoView {
    let shown = ws.derive(|a, b| a.blockers == b.blockers && a.exception == b.exception);
    let body = move || {
        shown.get().map(|e| (e.decision.blockers.clone(), e.decision.exception.clone())).map(|(blockers, exception)| {
            let blockers = if blockers.is_empty() {
                view! { <p class="empty" data-testid="no-blockers">"No blockers."</p> }.into_any()
            } else {
                view! {
                    <ul class="blockers">
                        {blockers
                            .into_iter()
                            .map(|b| {
                                let state = if b.waived { "waived" } else { "blocking" };
                                let code = b.code.clone();
                                view! {
                                    <li
                                        class=format!("blocker {state}")
                                        data-testid="blocker"
                                        data-code=code
                                    >
                                        <strong class="tag">{state.to_uppercase()}</strong>
                                        " "
                                        <code>{b.code}</code>
                                        ": "
                                        {b.message}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            };
            let exception = exception.map(|x| {
                let summary = if x.used {
                    format!(
                        "Used: it waives every blocker, costs {} RP extra, and a follow-up review is due by {}.",
                        x.penalty,
                        x.follow_up_due.map(|d| d.to_string()).unwrap_or_else(|| String::from("(no evaluation time given)"))
                    )
                } else if x.valid {
                    String::from("Valid but not used: there is no blocker to waive, so it costs nothing.")
                } else {
                    String::from("Invalid: it waives nothing.")
                };
                view! {
                    <div class="exception-outcome" data-testid="exception-outcome">
                        <h3>{format!("Break-glass exception ({})", x.reason)}</h3>
                        <p data-testid="exception-summary">{summary}</p>
                        <ul>
                            {x
                                .problems
                                .into_iter()
                                .map(|p| view! { <li data-testid="exception-problem">{p}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
            });
            view! {
                {blockers}
                {exception}
            }
        })
    };
    view! {
        <Panel title="Blockers and waivers" id="blockers">
            {body}
        </Panel>
    }
}
