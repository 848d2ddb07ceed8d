use super::Field;
use crate::store::{Worksheet, describe_error};
use leptos::prelude::*;
use serde_json::{Map, Value, json};

/// One labelled text input bound to a local signal.
fn input(id: &'static str, label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <Field>
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                data-testid=id
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </Field>
    }
}

/// Adds what happened after a release (an outcome) or a budget adjustment to the ledger;
/// the engine chains the entry (`seq`, `prev`) as the CLI's `ledger append` does.
#[component]
pub fn LedgerEntryForm(ws: Worksheet) -> impl IntoView {
    let now = move || ws.get_str("/now");
    let kind = RwSignal::new(String::from("outcome"));
    let at = RwSignal::new(now());
    let change_id = RwSignal::new(ws.get_str("/change/id"));
    let failed = RwSignal::new(true);
    let severity = RwSignal::new(String::from("sev2"));
    let detected_at = RwSignal::new(String::new());
    let restored_at = RwSignal::new(String::new());
    let rolled_back = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let amount = RwSignal::new(String::from("10"));
    let reason = RwSignal::new(String::new());
    let approver = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let add = move |_| {
        let service = ws.get_str("/service/name");
        let mut entry = Map::new();
        entry.insert("kind".into(), json!(kind.get_untracked()));
        let when = at.get_untracked();
        entry.insert(
            "at".into(),
            json!(if when.trim().is_empty() { now() } else { when }),
        );
        entry.insert("service".into(), json!(service));
        let optional = |map: &mut Map<String, Value>, key: &str, value: String| {
            if !value.trim().is_empty() {
                map.insert(key.to_owned(), json!(value.trim()));
            }
        };
        if kind.get_untracked() == "outcome" {
            entry.insert("changeId".into(), json!(change_id.get_untracked()));
            entry.insert("failed".into(), json!(failed.get_untracked()));
            optional(&mut entry, "severity", severity.get_untracked());
            optional(&mut entry, "detectedAt", detected_at.get_untracked());
            optional(&mut entry, "restoredAt", restored_at.get_untracked());
            entry.insert("rolledBack".into(), json!(rolled_back.get_untracked()));
            optional(&mut entry, "note", note.get_untracked());
        } else {
            let Ok(points) = amount.get_untracked().trim().parse::<i64>() else {
                status.set(String::from("The amount must be a whole number of risk points (negative takes points away)."));
                return;
            };
            entry.insert("amount".into(), json!(points));
            entry.insert("reason".into(), json!(reason.get_untracked()));
            entry.insert("approver".into(), json!(approver.get_untracked()));
        }
        let mut result = None;
        ws.state
            .update(|s| result = Some(s.append_ledger_entry(Value::Object(entry))));
        match result {
            Some(Ok(n)) => status.set(format!("Added line {}.", n.line)),
            Some(Err(e)) => status.set(format!("Not added: {}", describe_error(&e))),
            None => {}
        }
    };
    view! {
        <details class="more" data-testid="ledger-entry-form">
            <summary>"Add an outcome or a budget adjustment"</summary>
            <Field>
                <label for="entry-kind">"Entry"</label>
                <select
                    id="entry-kind"
                    data-testid="entry-kind"
                    on:change=move |ev| kind.set(event_target_value(&ev))
                >
                    <option value="outcome" prop:selected=move || kind.get() == "outcome">
                        "Outcome of a release (failure, incident, rollback)"
                    </option>
                    <option value="adjustment" prop:selected=move || kind.get() == "adjustment">
                        "Budget adjustment"
                    </option>
                </select>
            </Field>
            {input("entry-at", "When (RFC 3339)", at)}
            {move || {
                if kind.get() == "outcome" {
                    view! {
                        {input("entry-change-id", "Change id", change_id)}
                        <div class="check">
                            <input
                                type="checkbox"
                                id="entry-failed"
                                data-testid="entry-failed"
                                prop:checked=move || failed.get()
                                on:change=move |ev| failed.set(event_target_checked(&ev))
                            />
                            <label for="entry-failed">"The release caused a failure in production"</label>
                        </div>
                        <Field>
                            <label for="entry-severity">"Severity"</label>
                            <select
                                id="entry-severity"
                                data-testid="entry-severity"
                                on:change=move |ev| severity.set(event_target_value(&ev))
                            >
                                {["", "sev1", "sev2", "sev3", "sev4"]
                                    .into_iter()
                                    .map(|s| {
                                        view! {
                                            <option value=s prop:selected=move || severity.get() == s>
                                                {if s.is_empty() { "none" } else { s }}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </Field>
                        {input("entry-detected-at", "Detected at (RFC 3339)", detected_at)}
                        {input("entry-restored-at", "Service restored at (RFC 3339)", restored_at)}
                        <div class="check">
                            <input
                                type="checkbox"
                                id="entry-rolled-back"
                                data-testid="entry-rolled-back"
                                prop:checked=move || rolled_back.get()
                                on:change=move |ev| rolled_back.set(event_target_checked(&ev))
                            />
                            <label for="entry-rolled-back">"Rolled back"</label>
                        </div>
                        {input("entry-note", "Note", note)}
                    }
                        .into_any()
                } else {
                    view! {
                        {input("entry-amount", "Risk points (+ adds, − takes away)", amount)}
                        {input("entry-reason", "Reason", reason)}
                        {input("entry-approver", "Approved by", approver)}
                    }
                        .into_any()
                }
            }}
            <button type="button" data-testid="entry-add" on:click=add>
                "Add to the ledger"
            </button>
            <p class="status" role="status" data-testid="entry-status">
                {move || status.get()}
            </p>
        </details>
    }
}
