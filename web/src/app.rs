use crate::browser;
use crate::components::{NavBar, NoticeBar, Page, SummaryBar};
use crate::pages::{PolicyPage, ReferencePage, WorksheetPage};
use crate::store::{self, Notice, Worksheet};
use leptos::prelude::*;
use riskgate::worksheet::WorksheetState;

/// The app shell: header, page switcher, status line and the current page.
#[component]
pub fn App() -> impl IntoView {
    let (initial, notice) = store::initial_state();
    let ws = Worksheet::new(initial);
    if let Some(n) = notice {
        ws.say(n);
    }
    store::persist(ws);
    let page = RwSignal::new(Page::from_fragment(&browser::fragment()));
    // A share link pasted into this tab's address bar loads at once.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = browser::fragment();
        match WorksheetState::from_fragment(&fragment) {
            Ok(Some(state)) => {
                ws.state.set(state);
                page.set(Page::Worksheet);
                ws.say(Notice::info("Loaded the worksheet from the share link."));
            }
            Ok(None) => {
                if matches!(fragment.as_str(), "policy" | "reference" | "worksheet") {
                    page.set(Page::from_fragment(&fragment));
                }
            }
            Err(e) => ws.say(Notice::error(format!(
                "This share link could not be opened: {}",
                e.message()
            ))),
        }
    });
    // Mark the first decision on screen, for the navigation-to-first-score measurement.
    Effect::new(move |done: Option<bool>| {
        let ready = ws.shown.with(|s| s.eval.is_some());
        if ready && done != Some(true) {
            browser::mark("riskgate:first-score");
        }
        ready || done == Some(true)
    });
    view! {
        <a class="skip" href="#main">"Skip to the worksheet"</a>
        <header class="top">
            <h1>
                "riskgate" <span class="sub">"release risk worksheet"</span>
            </h1>
            <NavBar page />
        </header>
        <NoticeBar ws />
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Page::Worksheet => view! { <WorksheetPage ws /> }.into_any(),
                Page::Policy => view! { <PolicyPage ws /> }.into_any(),
                Page::Reference => view! { <ReferencePage ws /> }.into_any(),
            }}
        </main>
        <Show when=move || page.get() == Page::Worksheet>
            <SummaryBar ws />
        </Show>
        <footer class="foot">
            <p>
                {format!("riskgate {} · ", riskgate::version())}
                "Runs entirely in this browser: nothing you type is sent anywhere."
            </p>
        </footer>
    }
}
