use super::Field;
use crate::store::{Notice, Worksheet, describe_error};
use leptos::prelude::*;

/// Chooses the built-in policy preset; the policy editor's overrides are kept.
#[component]
pub fn PresetSelect(
    ws: Worksheet,
    /// Shown on the policy page, where the overrides below apply on top of the preset.
    #[prop(optional)]
    in_editor: bool,
) -> impl IntoView {
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
        <Field>
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
                {if in_editor {
                    "The overrides below apply on top of this preset."
                } else {
                    "Which seed policy decides; the Policy editor page changes it."
                }}
            </p>
        </Field>
    }
}
