use crate::store::{Worksheet, describe_error};
use leptos::prelude::*;
use riskgate::Verdict;

/// The verdict in words (colour is never the only signal), with the gate and score.
#[component]
pub fn VerdictBanner(ws: Worksheet) -> impl IntoView {
    let stale = move || {
        ws.shown.with(|s| {
            s.error.as_ref().map(|e| {
                view! {
                    <p class="stale" role="alert" data-testid="stale-note">
                        "The inputs have an error: " {describe_error(e)}
                        ". The panels show the last valid decision."
                    </p>
                }
            })
        })
    };
    // Only what the banner says, so the live region speaks when the verdict, gate, score or
    // budget status changes, not on every keystroke.
    let facts = Memo::new(move |_| {
        ws.evaluation().map(|eval| {
            let d = &eval.decision;
            let (class, icon, word, why) = match d.verdict {
                Verdict::Go if d.blockers.is_empty() => {
                    ("go", "✓", "GO", String::from("No blockers."))
                }
                Verdict::Go => (
                    "go waived",
                    "✓",
                    "GO",
                    String::from("Every blocker is waived by the break-glass exception."),
                ),
                Verdict::Blocked => {
                    let open = d.blockers.iter().filter(|b| !b.waived).count();
                    (
                        "blocked",
                        "✗",
                        "BLOCKED",
                        format!("{open} open blocker(s)."),
                    )
                }
                Verdict::Abort => (
                    "abort",
                    "✗",
                    "ABORT",
                    String::from("A prerequisite of the release failed."),
                ),
            };
            (
                class,
                icon,
                word,
                why,
                d.gate.level.to_string(),
                d.score.total,
                d.budget.status_before.as_str(),
            )
        })
    });
    let banner = move || {
        facts
            .get()
            .map(|(class, icon, word, why, gate, total, budget)| {
                view! {
                    <div class=format!("verdict {class}") data-testid="verdict-banner">
                        <span class="icon" aria-hidden="true">{icon}</span>
                        <div>
                            <p class="verdict-word">
                                "Verdict: " <strong data-testid="verdict">{word}</strong>
                            </p>
                            <p class="verdict-why">{why}</p>
                        </div>
                        <dl class="verdict-facts">
                            <div>
                                <dt>"Gate"</dt>
                                <dd data-testid="verdict-gate">{gate}</dd>
                            </div>
                            <div>
                                <dt>"RRS"</dt>
                                <dd data-testid="verdict-rrs">{format!("{total} RP")}</dd>
                            </div>
                            <div>
                                <dt>"Budget"</dt>
                                <dd>{budget}</dd>
                            </div>
                        </dl>
                    </div>
                }
            })
    };
    view! {
        <section
            class="panel verdict-panel"
            id="panel-verdict"
            aria-label="Verdict"
            data-testid="panel-verdict"
        >
            <div role="status" aria-live="polite">
                <ErrorBoundary fallback=|errors| {
                    view! {
                        <p class="panel-error" role="alert" data-testid="panel-error">
                            {move || {
                                errors
                                    .get()
                                    .into_iter()
                                    .map(|(_, e)| e.to_string())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            }}
                        </p>
                    }
                }>{banner}</ErrorBoundary>
            </div>
            {stale}
        </section>
    }
}
