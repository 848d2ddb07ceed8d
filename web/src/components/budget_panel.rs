use super::{LedgerInput, NumberField, Panel};
use crate::store::Worksheet;
use leptos::prelude::*;
use serde_json::Value;

/// The risk budget of the current window, before this change.
#[component]
pub fn BudgetPanel(ws: Worksheet) -> impl IntoView {
    let tier_default = move || {
        let tier = ws.get("/service/tier").as_ref().and_then(Value::as_u64);
        ws.policy.with(|p| {
            let budget = p.as_ref().ok().and_then(|p| {
                tier.and_then(|t| u8::try_from(t).ok())
                    .and_then(|t| p.tiers.get(&t))
                    .map(|rule| rule.monthly_budget)
            });
            match budget {
                Some(b) => format!("Empty: the tier's monthly budget, {b} RP."),
                None => String::from("Empty: the tier's monthly budget."),
            }
        })
    };
    let ledger = Memo::new(move |_| ws.state.with(|s| s.uses_ledger()));
    let set_source = move |use_ledger: bool| ws.state.update(|s| s.set_budget_source(use_ledger));
    let manual = move || {
        view! {
            <NumberField
                ws
                id="budget-allocated"
                label="Allocated this window (RP)"
                pointer="/budget/allocated"
                optional=true
                integer=true
            />
            <p class="hint" data-testid="budget-default">{tier_default}</p>
            <NumberField
                ws
                id="budget-consumed"
                label="Consumed so far (RP)"
                pointer="/budget/consumed"
                integer=true
            />
            <NumberField
                ws
                id="budget-exceptions"
                label="Break-glass exceptions used this window"
                pointer="/budget/exceptionsThisWindow"
                integer=true
            />
        }
    };
    view! {
        <Panel title="Risk budget" id="budget">
            <fieldset class="radios">
                <legend>"Budget of the current window"</legend>
                <div class="check">
                    <input
                        type="radio"
                        name="budget-source"
                        id="budget-source-manual"
                        data-testid="budget-source-manual"
                        prop:checked=move || !ledger.get()
                        on:change=move |_| set_source(false)
                    />
                    <label for="budget-source-manual">"Entered by hand"</label>
                </div>
                <div class="check">
                    <input
                        type="radio"
                        name="budget-source"
                        id="budget-source-ledger"
                        data-testid="budget-source-ledger"
                        prop:checked=move || ledger.get()
                        on:change=move |_| set_source(true)
                    />
                    <label for="budget-source-ledger">"From a ledger (JSON Lines)"</label>
                </div>
            </fieldset>
            {move || {
                if ledger.get() {
                    view! { <LedgerInput ws /> }.into_any()
                } else {
                    manual().into_any()
                }
            }}
        </Panel>
    }
}
