use crate::components::{
    Panel, RefBlockers, RefBreakGlass, RefBudget, RefCategories, RefContext, RefGates,
    RefMitigations, RefSeeds, RefTiers,
};
use crate::store::Worksheet;
use leptos::prelude::*;

/// The active policy as readable tables, so a docs site hosting the worksheet never
/// drifts from the gate CI runs.
#[component]
pub fn ReferencePage(ws: Worksheet) -> impl IntoView {
    let title = move || {
        ws.policy.with(|p| match p {
            Ok(p) => format!("Active policy: {} (version {})", p.name, p.version),
            Err(_) => String::from("The active policy has an error."),
        })
    };
    let body = move || {
        ws.policy.get().map(|p| {
            view! {
                <p class="lead">{p.description.clone()}</p>
                <RefTiers policy=p.clone() />
                <RefCategories policy=p.clone() />
                <RefContext policy=p.clone() />
                <RefMitigations policy=p.clone() />
                <RefGates policy=p.clone() />
                <RefBudget policy=p.clone() />
                <RefBlockers policy=p.clone() />
                <RefBreakGlass policy=p.clone() />
                <RefSeeds policy=p />
            }
        })
    };
    view! {
        <div class="single reference">
            <Panel title="Policy reference" id="reference">
                <p class="policy-name" data-testid="reference-title">{title}</p>
                {body}
            </Panel>
        </div>
    }
}
