use super::{NumberField, Panel, SelectField};
use crate::store::Worksheet;
use leptos::prelude::*;
use serde_json::json;

/// Seed 001 inputs: the SLO error budget, measured (events in the window) or given.
#[component]
pub fn ErrorBudgetInput(ws: Worksheet) -> impl IntoView {
    let wanted = move || {
        ws.policy
            .with(|p| p.as_ref().is_ok_and(|p| p.error_budget_gate.is_some()))
    };
    let enabled = Memo::new(move |_| ws.get("/errorBudget").is_some());
    let measured = Memo::new(move |_| ws.get("/errorBudget/sloTarget").is_some());
    let toggle = move |on: bool| {
        ws.state.update(|s| {
            s.toggle_section(
                "errorBudget",
                on,
                json!({ "remainingPct": 42.0, "burnRate": 1.0 }),
            );
        });
    };
    let set_mode = move |measure: bool| {
        let section = if measure {
            json!({ "sloTarget": 99.9, "windowDays": 30, "elapsedDays": 12, "totalEvents": 1_000_000, "badEvents": 420 })
        } else {
            json!({ "remainingPct": 42.0, "burnRate": 1.0 })
        };
        ws.set("/errorBudget", section);
    };
    let statuses = Signal::derive(|| {
        ["healthy", "attention", "warning", "critical", "exhausted"]
            .iter()
            .map(|s| ((*s).to_owned(), (*s).to_owned()))
            .collect()
    });
    view! {
        <Show when=wanted>
            <Panel title="SLO error budget" id="error-budget">
                <div class="check">
                    <input
                        type="checkbox"
                        id="error-budget-enabled"
                        data-testid="error-budget-enabled"
                        prop:checked=move || enabled.get()
                        on:change=move |ev| toggle(event_target_checked(&ev))
                    />
                    <label for="error-budget-enabled">"Report the SLO error budget"</label>
                </div>
                <Show when=move || enabled.get()>
                    <fieldset class="radios">
                        <legend>"Figures"</legend>
                        <div class="check">
                            <input
                                type="radio"
                                name="error-budget-mode"
                                id="error-budget-measured"
                                prop:checked=move || measured.get()
                                on:change=move |_| set_mode(true)
                            />
                            <label for="error-budget-measured">"Measured: events in the SLO window"</label>
                        </div>
                        <div class="check">
                            <input
                                type="radio"
                                name="error-budget-mode"
                                id="error-budget-given"
                                prop:checked=move || !measured.get()
                                on:change=move |_| set_mode(false)
                            />
                            <label for="error-budget-given">"Given: remaining % and burn rate"</label>
                        </div>
                    </fieldset>
                    {move || {
                        if measured.get() {
                            view! {
                                <NumberField ws id="eb-slo" label="SLO target (%)" pointer="/errorBudget/sloTarget" max=100.0 />
                                <NumberField ws id="eb-window" label="Window (days)" pointer="/errorBudget/windowDays" />
                                <NumberField ws id="eb-elapsed" label="Elapsed (days)" pointer="/errorBudget/elapsedDays" />
                                <NumberField ws id="eb-total" label="Total events" pointer="/errorBudget/totalEvents" integer=true />
                                <NumberField ws id="eb-bad" label="Bad events" pointer="/errorBudget/badEvents" integer=true />
                            }
                                .into_any()
                        } else {
                            view! {
                                <NumberField ws id="eb-remaining" label="Remaining (%)" pointer="/errorBudget/remainingPct" max=100.0 />
                                <NumberField ws id="eb-burn" label="Burn rate (× sustainable)" pointer="/errorBudget/burnRate" />
                                <SelectField
                                    ws
                                    id="eb-status"
                                    label="Status"
                                    pointer="/errorBudget/status"
                                    options=statuses
                                    blank="Derived from the figures"
                                />
                            }
                                .into_any()
                        }
                    }}
                </Show>
            </Panel>
        </Show>
    }
}
