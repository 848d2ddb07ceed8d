use super::{Panel, SelectField, ValueKind, yes_no};
use crate::store::Worksheet;
use leptos::prelude::*;

/// Seed 004 inputs: the hard prerequisites of the release decision.
#[component]
pub fn PrerequisitesInput(ws: Worksheet) -> impl IntoView {
    let wanted = move || {
        ws.policy
            .with(|p| p.as_ref().is_ok_and(|p| p.rollout.is_some()))
    };
    let options = Signal::derive(yes_no);
    view! {
        <Show when=wanted>
            <Panel title="Release prerequisites" id="prerequisites">
                <SelectField ws id="pre-qa" label="QA gate passed" pointer="/prerequisites/qaGatePassed" options=options blank="Not reported" kind=ValueKind::Bool />
                <SelectField ws id="pre-security" label="Security gate passed" pointer="/prerequisites/securityGatePassed" options=options blank="Not reported" kind=ValueKind::Bool />
                <SelectField ws id="pre-tests" label="Tests passing" pointer="/prerequisites/testsPassing" options=options blank="Not reported" kind=ValueKind::Bool />
                <SelectField ws id="pre-branch" label="Branch ahead of main" pointer="/prerequisites/branchAheadOfMain" options=options blank="Not reported" kind=ValueKind::Bool />
            </Panel>
        </Show>
    }
}
