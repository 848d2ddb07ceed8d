use super::{Panel, SelectField};
use crate::store::Worksheet;
use leptos::prelude::*;

/// Seed 003 inputs: the results of the pipeline stages riskgate cannot compute.
#[component]
pub fn PipelineInput(ws: Worksheet) -> impl IntoView {
    let wanted = move || {
        ws.policy
            .with(|p| p.as_ref().is_ok_and(|p| p.pipeline.is_some()))
    };
    let results = Signal::derive(|| {
        [
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("pending", "Pending"),
        ]
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect()
    });
    view! {
        <Show when=wanted>
            <Panel title="Pipeline stages" id="pipeline-input">
                <SelectField ws id="pipeline-build" label="Build" pointer="/pipeline/build" options=results blank="Not reported" />
                <SelectField ws id="pipeline-quality" label="Quality" pointer="/pipeline/quality" options=results blank="Not reported" />
                <SelectField ws id="pipeline-security" label="Security" pointer="/pipeline/security" options=results blank="Not reported" />
                <p class="hint">
                    "SLO and policy stages come from the error budget and the gate; approvals from the exception approvers."
                </p>
            </Panel>
        </Show>
    }
}
