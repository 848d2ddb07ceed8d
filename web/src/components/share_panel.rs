use super::{Field, Panel};
use crate::browser;
use crate::store::{Notice, Worksheet, fresh_state};
use leptos::prelude::*;
use leptos::task::spawn_local;
use riskgate::worksheet::WorksheetState;

/// Share link (the whole state in the URL fragment), browser persistence and reset.
#[component]
pub fn SharePanel(ws: Worksheet) -> impl IntoView {
    let link = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let failed = RwSignal::new(false);
    let undo = StoredValue::new(None::<WorksheetState>);
    let can_undo = RwSignal::new(false);
    let shared = StoredValue::new(None::<WorksheetState>);
    // A link made earlier goes stale as soon as the worksheet changes.
    Effect::new(move |_| {
        let changed = ws
            .state
            .with(|s| shared.with_value(|v| v.as_ref().is_some_and(|old| old != s)));
        if changed {
            shared.set_value(None);
            link.set(String::new());
            status.set(String::from(
                "The worksheet changed since the link was made: copy a new link to share it.",
            ));
        }
    });
    let share = move |_| match ws.state.with_untracked(WorksheetState::to_fragment) {
        Ok(fragment) => {
            shared.set_value(Some(ws.state.get_untracked()));
            let url = format!("{}#{fragment}", browser::page_url());
            browser::replace_fragment(&fragment);
            link.set(url.clone());
            failed.set(false);
            status.set(format!("Share link ready ({} characters).", url.len()));
            spawn_local(async move {
                if browser::copy(&url).await.is_ok() {
                    status.set(format!("Share link copied ({} characters).", url.len()));
                }
            });
        }
        Err(e) => {
            link.set(String::new());
            failed.set(true);
            status.set(format!("No share link: {}", e.message()));
        }
    };
    let reset = move |_| {
        undo.set_value(Some(ws.state.get_untracked()));
        ws.state.set(fresh_state());
        browser::replace_fragment("");
        link.set(String::new());
        can_undo.set(true);
        status.set(String::from("The worksheet was reset to its defaults."));
        ws.say(Notice::info("The worksheet was reset to its defaults."));
    };
    let restore = move |_| {
        if let Some(previous) = undo.get_value() {
            ws.state.set(previous);
            can_undo.set(false);
            status.set(String::from("Reset undone."));
        }
    };
    view! {
        <Panel title="Share and save" id="share" class="no-print">
            <p class="hint">
                "The worksheet is saved in this browser as you type. A share link carries the whole worksheet in its # fragment, which never leaves the browser."
            </p>
            <div class="buttons">
                <button type="button" data-testid="share-button" on:click=share>
                    "Copy share link"
                </button>
                <button type="button" class="secondary" data-testid="reset-button" on:click=reset>
                    "Reset worksheet"
                </button>
                <Show when=move || can_undo.get()>
                    <button type="button" class="secondary" data-testid="undo-reset" on:click=restore>
                        "Undo reset"
                    </button>
                </Show>
            </div>
            <p
                class=move || if failed.get() { "status field-error" } else { "status" }
                role="status"
                data-testid="share-status"
            >
                {move || status.get()}
            </p>
            <Show when=move || !link.with(String::is_empty)>
                <Field>
                    <label for="share-link">"Share link"</label>
                    <input
                        id="share-link"
                        type="text"
                        readonly=true
                        data-testid="share-link"
                        prop:value=move || link.get()
                    />
                </Field>
            </Show>
        </Panel>
    }
}
