use super::Panel;
use crate::browser;
use crate::store::{Notice, Worksheet, describe_error};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use riskgate::worksheet::WorksheetState;
use serde_json::Value;

/// A file name made from the change id: letters, digits, `.`, `_` and `-` only.
fn file_stem(ws: Worksheet) -> String {
    let id: String = ws
        .get_str("/change/id")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    if id.is_empty() {
        String::from("riskgate-change")
    } else {
        format!("riskgate-{id}")
    }
}

/// Exports (Markdown, decision JSON, request file), request import and print.
#[component]
pub fn ExportPanel(ws: Worksheet) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let markdown_area: NodeRef<html::Textarea> = NodeRef::new();
    // The Markdown is made only while its section is open, and when it is copied or
    // downloaded: rendering it and writing it into the text area on every change cost a
    // large share of each recompute, for a section that is usually closed.
    let open = RwSignal::new(false);
    let markdown_now = move || {
        ws.shown.with(|s| {
            s.eval
                .as_ref()
                .map(|e| ws.state.with(|state| state.markdown(&e.decision)))
                .unwrap_or_default()
        })
    };
    let shown_markdown = Memo::new(move |_| open.get().then(markdown_now));
    Effect::new(move |_| {
        shown_markdown.with(|text| {
            if let (Some(text), Some(area)) = (text, markdown_area.get()) {
                area.set_value(text);
            }
        });
    });
    // The text the buttons export, current even while the section is closed; the text
    // area shows it too (the clipboard fallback selects it there).
    let markdown = move || {
        let text = untrack(markdown_now);
        if let Some(area) = markdown_area.get_untracked() {
            area.set_value(&text);
        }
        text
    };
    let report = move |result: Result<(), String>, done: String| match result {
        Ok(()) => status.set(done),
        Err(e) => status.set(format!("That did not work: {e}")),
    };
    let copy_markdown = move |_| {
        let text = markdown();
        spawn_local(async move {
            match browser::copy(&text).await {
                Ok(()) => status.set(String::from("Markdown copied to the clipboard.")),
                Err(first) => {
                    let selected = markdown_area
                        .get_untracked()
                        .map(|area| area.select())
                        .is_some();
                    match (selected, browser::copy_selection()) {
                        (true, Ok(())) => status.set(String::from("Markdown copied to the clipboard.")),
                        _ => status.set(format!(
                            "The browser did not allow copying ({first}); the Markdown is selected below, copy it with Ctrl+C."
                        )),
                    }
                }
            }
        });
    };
    let download_markdown = move |_| {
        let name = format!("{}.md", file_stem(ws));
        report(
            browser::download(&name, "text/markdown", &markdown()),
            format!("Downloaded {name}."),
        );
    };
    let download_decision = move |_| {
        let json = ws
            .shown
            .with_untracked(|s| s.eval.as_ref().map(|e| e.decision.to_json_pretty()));
        let name = format!("{}-decision.json", file_stem(ws));
        match json {
            Some(json) => report(
                browser::download(&name, "application/json", &json),
                format!("Downloaded {name}."),
            ),
            None => status.set(String::from("There is no decision to export yet.")),
        }
    };
    let download_request = move |_| {
        let text = ws.state.with_untracked(WorksheetState::request_text);
        let name = format!("{}-request.json", file_stem(ws));
        report(
            browser::download(&name, "application/json", &text),
            format!("Downloaded {name}: run it with riskgate's CLI (evaluate {name})."),
        );
    };
    let import_request = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        spawn_local(async move {
            match browser::read_chosen_file(&input).await {
                Ok(Some((name, text))) => match WorksheetState::from_request_text(&text) {
                    Ok(mut state) => {
                        if state.get("/now").is_none() {
                            state.set("/now", Value::String(browser::now_iso()));
                        }
                        ws.state.set(state);
                        status.set(format!("Imported the request file {name}."));
                        ws.say(Notice::info(format!("Imported the request file {name}.")));
                    }
                    Err(e) => status.set(format!(
                        "{name} is not a request riskgate accepts: {}",
                        describe_error(&e)
                    )),
                },
                Ok(None) => {}
                Err(e) => status.set(e),
            }
            input.set_value("");
        });
    };
    let print = move |_| report(browser::print(), String::from("Print dialog opened."));
    view! {
        <Panel title="Export and import" id="export" class="no-print">
            <div class="buttons">
                <button type="button" data-testid="copy-markdown" on:click=copy_markdown>
                    "Copy Markdown"
                </button>
                <button type="button" data-testid="download-markdown" on:click=download_markdown>
                    "Download Markdown"
                </button>
                <button type="button" data-testid="download-decision" on:click=download_decision>
                    "Download decision JSON"
                </button>
                <button type="button" data-testid="download-request" on:click=download_request>
                    "Download request file"
                </button>
                <button type="button" data-testid="print" on:click=print>
                    "Print view"
                </button>
            </div>
            <div class="field">
                <label for="import-request">"Import a request file (JSON the CLI accepts)"</label>
                <input
                    type="file"
                    id="import-request"
                    data-testid="import-request"
                    accept=".json,application/json"
                    on:change=import_request
                />
            </div>
            <p class="status" role="status" data-testid="export-status">
                {move || status.get()}
            </p>
            <details
                class="more"
                on:toggle=move |ev| {
                    let details: web_sys::Element = event_target(&ev);
                    open.set(details.has_attribute("open"));
                }
            >
                <summary>"Markdown (for Confluence, Notion or a pull request)"</summary>
                <label for="markdown-output" class="sr-only">"Markdown of the decision"</label>
                <textarea
                    id="markdown-output"
                    data-testid="markdown-output"
                    node_ref=markdown_area
                    readonly=true
                    rows=14
                    wrap="off"
                ></textarea>
            </details>
        </Panel>
    }
}
