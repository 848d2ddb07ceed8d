use crate::store::Worksheet;
use leptos::prelude::*;

/// A one-line decision summary kept in view on narrow screens, where the decision panels
/// sit below the inputs; its button scrolls to the full decision.
#[component]
pub fn SummaryBar(ws: Worksheet) -> impl IntoView {
    // A memo of the words, so the bar's text and class change in place when they change and
    // the bar is not rebuilt (its button re-attached) on every recompute.
    let line = Memo::new(move |_| {
        ws.shown.with(|s| {
            s.eval.as_ref().map(|e| {
                let d = &e.decision;
                let verdict = d.verdict.as_str().to_uppercase();
                (
                    format!("summary {}", verdict.to_lowercase()),
                    format!("{verdict} · {} · {} RP", d.gate.level, d.score.total),
                )
            })
        })
    });
    let jump = move |_| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("panel-verdict"))
        {
            el.scroll_into_view();
        }
    };
    view! {
        <div class="summary-bar no-print" aria-label="Decision summary" data-testid="summary-bar">
            <Show when=move || line.with(Option::is_some)>
                <span class=move || {
                    line.with(|l| l.as_ref().map(|(class, _)| class.clone()).unwrap_or_default())
                }>
                    {move || {
                        line.with(|l| l.as_ref().map(|(_, text)| text.clone()).unwrap_or_default())
                    }}
                </span>
                <button type="button" class="secondary" on:click=jump>
                    "Show the decision"
                </button>
            </Show>
        </div>
    }
}
