use crate::store::Worksheet;
use leptos::prelude::*;

/// Page-level messages (a share link that could not be opened, storage problems, imports).
#[component]
pub fn NoticeBar(ws: Worksheet) -> impl IntoView {
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || {
                ws.notice
                    .get()
                    .map(|n| {
                        view! {
                            <div
                                class=if n.error { "notice error" } else { "notice" }
                                data-testid=if n.error { "notice-error" } else { "notice" }
                            >
                                <p>{if n.error { "Problem: " } else { "" }} {n.text}</p>
                                <button
                                    type="button"
                                    class="secondary"
                                    aria-label="Dismiss this message"
                                    on:click=move |_| ws.notice.set(None)
                                >
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
