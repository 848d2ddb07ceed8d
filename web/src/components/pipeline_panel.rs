use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;
use riskgate::pipeline::StageStatus;

fn stage_word(status: StageStatus) -> &'static str {
    match status {
        StageStatus::Passed => "passed",
        StageStatus::Failed => "failed",
        StageStatus::Pending => "pending",
        StageStatus::NotReached => "not reached",
    }
}

/// Seed 003: the staged release pipeline, its error-budget mode and deployment strategy.
#[component]
pub fn PipelinePanel(ws: Worksheet) -> impl IntoView {
    let present = move || {
        ws.shown.with(|s| {
            s.eval
                .as_ref()
                .is_some_and(|e| e.decision.pipeline.is_some())
        })
    };
    let section = ws.part(|d| &d.pipeline);
    let body = move || {
        section().map(|section| {
            section.map(|p| {
                let summary = match &p.stopped_at {
                    None if p.passed => String::from("Every stage passed."),
                    None => String::from("Some stages are still pending."),
                    Some(stage) => format!("Stopped at {stage}."),
                };
                view! {
                    <p data-testid="pipeline-summary">{summary}</p>
                    <ol class="stages">
                        {p
                            .stages
                            .into_iter()
                            .map(|s| {
                                let word = stage_word(s.status);
                                view! {
                                    <li class=format!("stage {}", word.replace(' ', "-"))>
                                        <strong>{s.id}</strong>
                                        {format!(": {word}")}
                                        {(!s.reason.is_empty()).then(|| format!(". {}", s.reason))}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    {p
                        .error_budget_mode
                        .map(|m| {
                            view! {
                                <h3>{format!("Error-budget mode: {}", m.label)}</h3>
                                <ul>
                                    {m
                                        .requirements
                                        .into_iter()
                                        .map(|r| view! { <li>{r}</li> })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                    {p
                        .deployment
                        .map(|d| {
                            view! {
                                <p data-testid="pipeline-deployment">
                                    <strong>{format!("Deployment: {}", d.label)}</strong>
                                    {format!(
                                        " (service class {}{}). {}",
                                        d.service_class.as_str(),
                                        if d.class_derived { ", from the tier" } else { "" },
                                        d.reason,
                                    )}
                                </p>
                            }
                        })}
                }
            })
        })
    };
    view! {
        <Show when=present>
            <Panel title="Release pipeline" id="pipeline">
                {body}
            </Panel>
        </Show>
    }
}
