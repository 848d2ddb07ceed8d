use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;
use serde_json::Value;

fn show(value: Option<Value>) -> String {
    match value {
        None => String::from("(absent)"),
        Some(v) => serde_json::to_string(&v).unwrap_or_default(),
    }
}

/// Where the active policy differs from its preset, field by field.
#[component]
pub fn PolicyCompare(ws: Worksheet) -> impl IntoView {
    let body = move || {
        ws.state.with(|s| s.compare_with_preset()).map(|diffs| {
            if diffs.is_empty() {
                return view! {
                    <p data-testid="policy-same">"The active policy is the preset as is."</p>
                }
                .into_any();
            }
            view! {
                <table data-testid="policy-diff">
                    <caption>{format!("{} difference(s) from the preset", diffs.len())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Field"</th>
                            <th scope="col">"Preset"</th>
                            <th scope="col">"Active"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {diffs
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <tr data-testid="policy-diff-row">
                                        <td><code>{d.path}</code></td>
                                        <td class="json">{show(d.preset)}</td>
                                        <td class="json">{show(d.active)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })
    };
    view! {
        <Panel title="Compare with the preset" id="policy-compare">
            {body}
        </Panel>
    }
}
