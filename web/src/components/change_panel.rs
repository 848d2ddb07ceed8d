use super::{CheckField, NumberField, Panel, SelectField, TextField, yes_no};
use crate::store::Worksheet;
use leptos::prelude::*;

const RELEASE_TYPES: [(&str, &str); 8] = [
    ("feature", "Feature"),
    ("bugfix", "Bug fix"),
    ("incident_fix", "Incident fix"),
    ("security_fix", "Security fix"),
    ("critical_security_fix", "Critical security fix"),
    ("slo_improvement", "SLO improvement"),
    ("rollback", "Rollback"),
    ("chore", "Chore"),
];

fn options(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect()
}

/// The change itself: id, title, release type, customer impact, and the facts the
/// seed 001 and 004 policies ask about.
#[component]
pub fn ChangePanel(ws: Worksheet) -> impl IntoView {
    let release_types = Signal::derive(|| options(&RELEASE_TYPES));
    let risk_levels =
        Signal::derive(|| options(&[("low", "Low"), ("medium", "Medium"), ("high", "High")]));
    let natures = Signal::derive(|| {
        options(&[
            ("config", "Configuration only"),
            ("logic", "Logic change"),
            ("feature", "New feature"),
        ])
    });
    let yes_no = Signal::derive(yes_no);
    view! {
        <Panel title="Change" id="change">
            <TextField ws id="change-id" label="Change id (commit, PR or ticket)" pointer="/change/id" />
            <TextField ws id="change-title" label="Title" pointer="/change/title" optional=true />
            <SelectField
                ws
                id="change-release-type"
                label="Release type"
                pointer="/change/releaseType"
                options=release_types
            />
            <CheckField
                ws
                id="change-customer-impacting"
                label="Customer-impacting"
                pointer="/change/customerImpacting"
            />
            <details class="more">
                <summary>"More about the change (error-budget gate and rollout plan)"</summary>
                <SelectField
                    ws
                    id="change-risk-level"
                    label="Risk level for the error-budget gate"
                    pointer="/change/riskLevel"
                    options=risk_levels
                    blank="From the gate level"
                />
                <SelectField
                    ws
                    id="change-has-tests"
                    label="The change has tests"
                    pointer="/change/hasTests"
                    options=yes_no
                    blank="Not stated"
                    kind=super::ValueKind::Bool
                />
                <SelectField
                    ws
                    id="change-has-rollback-plan"
                    label="A rollback plan is documented"
                    pointer="/change/hasRollbackPlan"
                    options=yes_no
                    blank="Not stated"
                    kind=super::ValueKind::Bool
                />
                <SelectField
                    ws
                    id="change-nature"
                    label="Nature of the change"
                    pointer="/change/nature"
                    options=natures
                    blank="Inferred from the files"
                />
                <NumberField
                    ws
                    id="change-users-affected"
                    label="Users affected"
                    pointer="/change/usersAffected"
                    optional=true
                    integer=true
                    hint="Leave empty when unknown."
                />
            </details>
        </Panel>
    }
}
