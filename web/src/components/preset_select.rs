use crate::store::{Notice, Worksheet, describe_error};
use leptos::prelude::*;

/// Chooses the built-in policy preset; the policy editor's overrides are kept.
#[component]
pub fn PresetSelect(ws: Worksheet) -> impl IntoView {
    let current = Memo::new(move |_| ws.state.with(|s| s.preset()));
    let on_change = move |ev| {
        let name = event_target_value(&ev);
        let mut result = Ok(());
        ws.state.update(|s| result = s.set_preset(&name));
        match result {
            Ok(()) => ws.say(Notice::info(format!("Policy preset: {name}."))),
            Err(e) => ws.say(Notice::error(format!(
                "The preset {name} cannot be used with the policy overrides: {}",
                describe_error(&e)
            ))),
        }
    };
    view! {
        <div class="field">
            <label for="policy-preset">"Policy preset"</label>
            <select
                id="policy-preset"
                data-testid="policy-preset"
                aria-describedby="policy-preset-hint"
                on:change=on_change
            >
                {riskgate::policy::preset_names()
                    .into_iter()
                    .map(|name| {
                        view! {
                            <option value=name prop:selected=move || current.with(|c| c == name)>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="hint" id="policy-preset-hint">
                "Which seed policy decides; edit it on the Policy page."
            </p>
        </div>
    }
}
