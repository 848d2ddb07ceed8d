use crate::store::Worksheet;
use leptos::prelude::*;
use leptos::tachys::view::keyed::keyed;
use riskgate::decision::FileClassification;
use riskgate::request::FileStatus;
use std::sync::Arc;

fn status_text(status: FileStatus) -> &'static str {
    match status {
        FileStatus::Added => "added",
        FileStatus::Modified => "modified",
        FileStatus::Deleted => "deleted",
        FileStatus::Renamed => "renamed",
        FileStatus::Copied => "copied",
        FileStatus::TypeChanged => "type changed",
    }
}

/// A row's key: its position, path, status, category ids and fallback flag.
type RowKey = (usize, Arc<str>, FileStatus, Arc<[Arc<str>]>, bool);

/// What a row shows, with its position (two rows may show the same): rows whose key is
/// unchanged are kept as they are when the list changes, not rebuilt.
fn row_key((i, f): &(usize, FileClassification)) -> RowKey {
    (
        *i,
        f.path.clone(),
        f.status,
        f.categories.clone(),
        f.fallback,
    )
}

fn file_row(f: FileClassification) -> impl IntoView {
    let note = f.fallback.then_some(" (no rule matched)");
    view! {
        <tr data-testid="file-row">
            <td class="path">
                <code>{f.path}</code>
            </td>
            <td>{status_text(f.status)}</td>
            <td data-testid="file-categories">
                {f
                    .categories
                    .iter()
                    .cloned()
                    .map(|c| view! { <span class="chip">{c}</span> })
                    .collect_view()}
                {note}
            </td>
        </tr>
    }
}

/// Each file of the change with the categories the policy's path rules detected.
#[component]
pub fn FileTable(ws: Worksheet) -> impl IntoView {
    let files = ws.part(|d| &d.files);
    move || {
        files().map(|files| {
            if files.is_empty() {
                return view! { <p class="empty" data-testid="no-files">"No files yet."</p> }
                    .into_any();
            }
            let count = files.len();
            view! {
                <table class="files" data-testid="file-table">
                    <caption>{format!("{count} file(s) and their detected categories")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"File"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Categories"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {keyed(files.into_iter().enumerate(), row_key, |_, (_, f)| (|_| {}, file_row(f)))}
                    </tbody>
                </table>
            }
            .into_any()
        })
    }
}
