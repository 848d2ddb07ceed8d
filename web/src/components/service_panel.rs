use super::{Panel, PresetSelect, SelectField, TextField, ValueKind};
use crate::store::Worksheet;
use leptos::prelude::*;

const CLASSES: [(&str, &str); 5] = [
    ("critical_path", "Critical path"),
    ("supporting", "Supporting"),
    ("stateful", "Stateful or migration"),
    ("internal_tool", "Internal tool"),
    ("gradual_feature", "Gradual feature"),
];

/// The service the change ships to: name, criticality tier, policy preset and (when the
/// policy plans deployments) the service class.
#[component]
pub fn ServicePanel(ws: Worksheet) -> impl IntoView {
    let tiers = Signal::derive(move || {
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.tiers
                        .iter()
                        .map(|(tier, rule)| {
                            (
                                tier.to_string(),
                                format!("{} (base {} RP)", rule.label, rule.base),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let has_pipeline = move || {
        ws.policy
            .with(|p| p.as_ref().is_ok_and(|p| p.pipeline.is_some()))
    };
    let classes = Signal::derive(|| {
        CLASSES
            .iter()
            .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
            .collect()
    });
    view! {
        <Panel title="Service" id="service">
            <TextField ws id="service-name" label="Service name" pointer="/service/name" />
            <SelectField
                ws
                id="service-tier"
                label="Criticality tier"
                pointer="/service/tier"
                options=tiers
                kind=ValueKind::Number
            />
            <PresetSelect ws />
            <Show when=has_pipeline>
                <SelectField
                    ws
                    id="service-class"
                    label="Service class (deployment strategy)"
                    pointer="/service/class"
                    options=classes
                    blank="Inferred from the tier"
                />
            </Show>
        </Panel>
    }
}
