use super::{ApproverList, Panel, SelectField};
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
    let modes = move || {
        ws.policy.with(|p| {
            p.as_ref()
                .ok()
                .and_then(|p| p.pipeline.as_ref())
                .map(|pl| pl.error_budget_modes.clone())
                .unwrap_or_default()
        })
    };
    let approval_hint = Signal::derive(move || {
        let needs: Vec<String> = modes()
            .into_iter()
            .filter(|m| !m.required_approvals.is_empty())
            .map(|m| format!("{}: {}", m.label, m.required_approvals.join(", ")))
            .collect();
        if needs.is_empty() {
            String::from("No error-budget mode of this policy needs an approval.")
        } else {
            format!(
                "Approvals the error-budget modes need: {}.",
                needs.join("; ")
            )
        }
    });
    let approval_roles = Signal::derive(move || {
        let mut roles: Vec<String> = modes()
            .into_iter()
            .flat_map(|m| m.required_approvals)
            .collect();
        roles.sort();
        roles.dedup();
        roles
    });
    view! {
        <Show when=wanted>
            <Panel title="Pipeline stages" id="pipeline-input">
                <SelectField ws id="pipeline-build" label="Build" pointer="/pipeline/build" options=results blank="Not reported" />
                <SelectField ws id="pipeline-quality" label="Quality" pointer="/pipeline/quality" options=results blank="Not reported" />
                <SelectField ws id="pipeline-security" label="Security" pointer="/pipeline/security" options=results blank="Not reported" />
                <ApproverList
                    ws
                    base="/pipeline/approvals"
                    prefix="pipeline-approver"
                    legend="Approvals"
                    hint=approval_hint
                    roles=approval_roles
                />
                <p class="hint">
                    "The SLO and policy stages follow from the error budget and the gate."
                </p>
            </Panel>
        </Show>
    }
}
