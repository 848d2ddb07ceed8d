use super::{FieldError, FileTable, Panel};
use crate::browser;
use crate::store::Worksheet;
use leptos::prelude::*;

/// The files the change touches: paste `git diff --name-status` output or a list of
/// paths, or type them; each file's detected categories are listed below.
#[component]
pub fn FilesPanel(ws: Worksheet) -> impl IntoView {
    let text = Memo::new(move |_| ws.state.with(|s| s.files_text.clone()));
    let parse_error = Memo::new(move |_| {
        text.with(|t| {
            riskgate::diff::parse_name_status(t)
                .err()
                .map(|e| match e.path() {
                    "" => e.message().to_owned(),
                    at => format!("{at}: {}", e.message()),
                })
        })
    });
    view! {
        <Panel title="Files" id="files">
            <form class="field" on:submit=browser::no_submit>
                <label for="files-text">"Changed files"</label>
                <textarea
                    id="files-text"
                    data-testid="files-text"
                    rows=6
                    spellcheck="false"
                    wrap="off"
                    aria-describedby="files-text-hint"
                    aria-invalid=move || parse_error.with(Option::is_some).then_some("true")
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        ws.state
                            .update(|s| {
                                let _ = s.set_files_text(&value);
                            });
                    }
                ></textarea>
                <p class="hint" id="files-text-hint">
                    "Paste the output of " <code>"git diff --name-status main...HEAD"</code>
                    ", or one path per line."
                </p>
                {move || {
                    parse_error
                        .get()
                        .map(|m| {
                            view! {
                                <p class="field-error" role="alert" data-testid="files-error">
                                    {m}
                                    " The worksheet uses the last list that could be read."
                                </p>
                            }
                        })
                }}
                <FieldError ws path="change.files" />
            </form>
            <FileTable ws />
        </Panel>
    }
}
