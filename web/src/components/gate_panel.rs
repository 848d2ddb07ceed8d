use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;

/// The gate level: the base level from the score and every adjustment, with reasons.
#[component]
pub fn GatePanel(ws: Worksheet) -> impl IntoView {
    let gate = ws.part(|d| &d.gate);
    let body = move || {
        gate().map(|gate| {
            let level = gate.level.to_string();
            view! {
                <p class=format!("big gate gate-{}", level.to_lowercase())>
                    <span data-testid="gate-level">{level.clone()}</span>
                    " "
                    <span class="gate-title">{gate.level.title()}</span>
                </p>
                <p data-testid="gate-base">
                    "Base level "
                    <strong data-testid="gate-base-level">{gate.base_level.to_string()}</strong>
                    ": "
                    {gate.base_reason}
                    "."
                </p>
                {if gate.adjustments.is_empty() {
                    view! { <p class="empty">"No adjustments."</p> }.into_any()
                } else {
                    view! {
                        <ol class="adjustments" data-testid="gate-adjustments">
                            {gate
                                .adjustments
                                .into_iter()
                                .map(|a| {
                                    view! {
                                        <li data-testid="gate-adjustment">
                                            <strong>{format!("{} → {}", a.from, a.to)}</strong>
                                            ": "
                                            {a.reason}
                                            ". "
                                            <span class="explanation">{a.explanation}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }}
            }
        })
    };
    view! {
        <Panel title="Gate" id="gate">
            {body}
        </Panel>
    }
}
