use super::{Field, LedgerEntryForm};
use crate::browser;
use crate::store::{Worksheet, describe_error};
use leptos::prelude::*;
use leptos::task::spawn_local;
use riskgate::worksheet::{WorksheetState, sample_ledger};
use serde_json::Value;

/// The budget ledger kept in the browser: import a JSON Lines file, paste or edit it,
/// record this release in it, and see whether its chain verifies.
#[component]
pub fn LedgerInput(ws: Worksheet) -> impl IntoView {
    let text = Memo::new(move |_| ws.state.with(WorksheetState::ledger_text));
    let verification = Memo::new(move |_| ws.state.with(WorksheetState::verify_ledger));
    let status = RwSignal::new(String::new());
    let set_text = move |value: String| ws.state.update(|s| s.set_ledger_text(&value));
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        spawn_local(async move {
            match browser::read_chosen_file(&input).await {
                Ok(Some((name, content))) => {
                    let lines = content.lines().count();
                    set_text(content);
                    status.set(format!("Imported {name} ({lines} lines)."));
                }
                Ok(None) => {}
                Err(e) => status.set(e),
            }
            input.set_value("");
        });
    };
    let sample = move |_| {
        let (name, tier, now) = ws.state.with_untracked(|s| {
            (
                s.get("/service/name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                s.get("/service/tier")
                    .and_then(Value::as_u64)
                    .and_then(|t| u8::try_from(t).ok())
                    .unwrap_or(2),
                s.get("/now")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(browser::now_iso),
            )
        });
        match sample_ledger(&name, tier, &now) {
            Ok(ledger) => {
                set_text(ledger);
                status.set(String::from("Loaded a sample ledger for this service."));
            }
            Err(e) => status.set(describe_error(&e)),
        }
    };
    let record = move |_| {
        let mut outcome = None;
        ws.state.update(|s| outcome = Some(s.record_release()));
        match outcome {
            Some(Ok(note)) => status.set(note.message),
            Some(Err(e)) => status.set(format!("Not recorded: {}", describe_error(&e))),
            None => {}
        }
    };
    let download = move |_| match browser::download(
        "riskgate-ledger.jsonl",
        "application/jsonl",
        &text.get_untracked(),
    ) {
        Ok(()) => status.set(String::from("Downloaded riskgate-ledger.jsonl.")),
        Err(e) => status.set(e),
    };
    let clear = move |_| {
        set_text(String::new());
        status.set(String::from("The ledger is empty."));
    };
    view! {
        <div class="ledger-input">
            <div class="field">
                <label for="ledger-file">"Import a ledger (JSON Lines)"</label>
                <input
                    type="file"
                    id="ledger-file"
                    data-testid="ledger-file"
                    accept=".jsonl,.ndjson,.json,.txt,application/jsonl,application/x-ndjson"
                    on:change=import
                />
            </div>
            <Field>
                <label for="ledger-text">"Ledger entries, one JSON object per line"</label>
                <textarea
                    id="ledger-text"
                    data-testid="ledger-text"
                    rows=6
                    wrap="off"
                    spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| set_text(event_target_value(&ev))
                ></textarea>
            </Field>
            {move || {
                verification
                    .get()
                    .map(|v| {
                        if v.ok {
                            let head = v.head.unwrap_or_default();
                            let short: String = head.chars().take(12).collect();
                            view! {
                                <p class="ok" data-testid="ledger-verified">
                                    {format!(
                                        "✓ {} entries; the hash chain verifies (head {short}…).",
                                        v.entries,
                                    )}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <div class="field-error" role="alert" data-testid="ledger-problems">
                                    <p>"The ledger does not verify, so it is not used:"</p>
                                    <ul>
                                        {v
                                            .problems
                                            .into_iter()
                                            .map(|p| {
                                                view! {
                                                    <li>
                                                        {format!("line {}: {} ({})", p.line, p.message, p.code)}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
            <div class="buttons">
                <button type="button" data-testid="ledger-record" on:click=record>
                    "Record this release"
                </button>
                <button type="button" class="secondary" data-testid="ledger-sample" on:click=sample>
                    "Load a sample ledger"
                </button>
                <button type="button" class="secondary" data-testid="ledger-download" on:click=download>
                    "Download ledger"
                </button>
                <button type="button" class="secondary" data-testid="ledger-clear" on:click=clear>
                    "Clear ledger"
                </button>
            </div>
            <p class="status" role="status" data-testid="ledger-status-line">
                {move || status.get()}
            </p>
            <LedgerEntryForm ws />
        </div>
    }
}
