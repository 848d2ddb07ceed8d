use super::{CheckField, NumberField, Panel};
use crate::store::Worksheet;
use leptos::prelude::*;

/// The operational context: incidents, SLO error budget, on-call load, restricted windows.
#[component]
pub fn ContextPanel(ws: Worksheet) -> impl IntoView {
    let note = move |pick: fn(&riskgate::policy::ContextRules) -> u32| {
        ws.policy.with_untracked(|p| {
            p.as_ref()
                .map(|p| format!(" +{} RP", pick(&p.context)))
                .unwrap_or_default()
        })
    };
    view! {
        <Panel title="Operational context" id="context">
            <CheckField
                ws
                id="context-active-incident"
                label="Active incident on the service"
                pointer="/context/activeIncident"
                note=note(|c| c.incident.points)
            />
            <CheckField
                ws
                id="context-recent-sev12"
                label="Sev1 or Sev2 incident in the last 7 days"
                pointer="/context/recentSev12"
                note=note(|c| c.incident.points)
            />
            <CheckField
                ws
                id="context-on-call-load-high"
                label="On-call load high"
                pointer="/context/onCallLoadHigh"
                note=note(|c| c.on_call_load_high.points)
            />
            <CheckField
                ws
                id="context-restricted-window"
                label="Restricted window (holiday or freeze)"
                pointer="/context/restrictedWindow"
                note=note(|c| c.restricted_window.points)
            />
            <NumberField
                ws
                id="context-error-budget"
                label="SLO error budget remaining (%)"
                pointer="/context/errorBudgetRemainingPct"
                optional=true
                max=100.0
                hint="Leave empty when unknown; below 50% adds points, below 10% freezes features."
            />
        </Panel>
    }
}
