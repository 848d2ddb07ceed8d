use super::{Field, FieldError, FileTable, Panel};
use crate::store::Worksheet;
use leptos::html;
use leptos::prelude::*;

/// The files the change touches: paste `git diff --name-status` output or a list of
/// paths, or type them; each file's detected categories are listed below.
#[component]
pub fn FilesPanel(ws: Worksheet) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    // What the text area holds: what was last typed into it or written to it. The state's
    // text is written into it only when it differs (an import, a reset, a share link), not
    // echoed back on every keystroke.
    let in_area = StoredValue::new(String::new());
    Effect::new(move |_| {
        ws.state.with(|s| {
            if let Some(el) = area.get()
                && in_area.with_value(|t| *t != s.files_text)
            {
                el.set_value(&s.files_text);
                in_area.set_value(s.files_text.clone());
            }
        });
    });
    // Why the text does not read as a file list, with the text it was made from, so it is
    // made again only when the text changes (not on every change of the worksheet).
    let parse_error = Memo::new_owning(move |prev: Option<(String, Option<String>)>| {
        ws.state.with(|s| match prev {
            Some(prev) if prev.0 == s.files_text => (prev, false),
            prev => {
                let error = riskgate::diff::parse_name_status(&s.files_text)
                    .err()
                    .map(|e| match e.path() {
                        "" => e.message().to_owned(),
                        at => format!("{at}: {}", e.message()),
                    });
                let changed = prev.is_none_or(|p| p.1 != error);
                ((s.files_text.clone(), error), changed)
            }
        })
    });
    view! {
        <Panel title="Files" id="files">
            <Field>
                <label for="files-text">"Changed files"</label>
                <textarea
                    id="files-text"
                    data-testid="files-text"
                    rows=6
                    spellcheck="false"
                    wrap="off"
                    aria-describedby="files-text-hint"
                    node_ref=area
                    aria-invalid=move || parse_error.with(|(_, e)| e.is_some()).then_some("true")
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        ws.state
                            .update(|s| {
                                let _ = s.set_files_text(&value);
                            });
                        in_area.set_value(value);
                    }
                ></textarea>
                <p class="hint" id="files-text-hint">
                    "Paste the output of " <code>"git diff --name-status main...HEAD"</code>
                    ", or one path per line."
                </p>
                {move || {
                    parse_error
                        .with(|(_, e)| e.clone())
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
            </Field>
            <FileTable ws />
        </Panel>
    }
}
