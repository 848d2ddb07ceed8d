use crate::components::{
    BlockersPanel, BudgetImpact, BudgetPanel, CategoriesPanel, ChangePanel, Checklist,
    ContextPanel, ErrorBudgetGate, ErrorBudgetInput, ExceptionPanel, ExportPanel, FilesPanel,
    GatePanel, LedgerStatus, MitigationsPanel, PipelineInput, PipelinePanel, PrerequisitesInput,
    ReadinessInput, ReadinessPanel, RolloutPanel, ScoreBreakdown, ServicePanel, SharePanel,
    VerdictBanner,
};
use crate::store::Worksheet;
use leptos::prelude::*;

/// The scoring worksheet: inputs on the left, the live decision on the right.
#[component]
pub fn WorksheetPage(ws: Worksheet) -> impl IntoView {
    view! {
        <div class="worksheet">
            <div class="inputs" aria-label="Inputs">
                <ServicePanel ws />
                <ChangePanel ws />
                <FilesPanel ws />
                <CategoriesPanel ws />
                <ContextPanel ws />
                <MitigationsPanel ws />
                <BudgetPanel ws />
                <ErrorBudgetInput ws />
                <ReadinessInput ws />
                <PipelineInput ws />
                <PrerequisitesInput ws />
                <ExceptionPanel ws />
            </div>
            <div class="results" aria-label="Decision">
                <VerdictBanner ws />
                <ScoreBreakdown ws />
                <GatePanel ws />
                <Checklist ws />
                <BlockersPanel ws />
                <BudgetImpact ws />
                <LedgerStatus ws />
                <ErrorBudgetGate ws />
                <ReadinessPanel ws />
                <PipelinePanel ws />
                <RolloutPanel ws />
                <ExportPanel ws />
                <SharePanel ws />
            </div>
        </div>
    }
}
