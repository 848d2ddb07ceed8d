use super::{Field, Panel, PresetSelect};
use crate::browser;
use crate::store::{Worksheet, describe_error};
use leptos::prelude::*;
use leptos::task::spawn_local;
use riskgate::worksheet::policy_document;

/// Loads or edits a policy document: overrides of the preset (or a complete policy),
/// checked as you type; errors name their JSON path and the last valid policy stays active.
#[component]
pub fn PolicyEditor(ws: Worksheet) -> impl IntoView {
    let text = Memo::new(move |_| ws.state.with(|s| s.policy_text.clone()));
    let preset = Memo::new(move |_| ws.state.with(|s| s.preset()));
    let problem = Memo::new(move |_| {
        let preset = preset.get();
        text.with(|t| policy_document(&preset, t).err())
    });
    let status = RwSignal::new(String::new());
    let set_text = move |value: String| {
        ws.state.update(|s| {
            let _ = s.set_policy_text(&value);
        });
    };
    let load = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        spawn_local(async move {
            match browser::read_chosen_file(&input).await {
                Ok(Some((name, content))) => {
                    set_text(content);
                    status.set(format!("Loaded {name}."));
                }
                Ok(None) => {}
                Err(e) => status.set(e),
            }
            input.set_value("");
        });
    };
    let start_from_preset =
        move |_| match riskgate::api::default_policy(Some(&preset.get_untracked())) {
            Ok(full) => {
                set_text(full);
                status.set(String::from(
                    "The editor holds the complete preset; change what you need.",
                ));
            }
            Err(e) => status.set(describe_error(&e)),
        };
    let clear = move |_| {
        set_text(String::new());
        status.set(String::from("Overrides cleared: the preset applies as is."));
    };
    let download = move |_| {
        let json = ws
            .policy
            .with_untracked(|p| p.as_ref().map(riskgate::Policy::to_json).ok());
        match json {
            Some(json) => {
                match browser::download("riskgate-policy.json", "application/json", &json) {
                    Ok(()) => status.set(String::from("Downloaded riskgate-policy.json.")),
                    Err(e) => status.set(e),
                }
            }
            None => status.set(String::from("The active policy has an error.")),
        }
    };
    view! {
        <Panel title="Policy editor" id="policy-editor">
            <PresetSelect ws in_editor=true />
            <div class="field">
                <label for="policy-file">"Load a policy JSON file"</label>
                <input
                    type="file"
                    id="policy-file"
                    data-testid="policy-file"
                    accept=".json,application/json"
                    on:change=load
                />
            </div>
            <Field>
                <label for="policy-text">"Policy overrides (JSON merge patch on the preset)"</label>
                <textarea
                    id="policy-text"
                    data-testid="policy-text"
                    rows=14
                    spellcheck="false"
                    wrap="off"
                    aria-describedby="policy-text-hint"
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    prop:value=move || text.get()
                    on:input=move |ev| set_text(event_target_value(&ev))
                ></textarea>
                <p class="hint" id="policy-text-hint">
                    "For example " <code>"{ \"categories\": { \"logic\": { \"points\": 4 } } }"</code>
                    ". Maps merge key by key, null removes a key, lists are replaced whole."
                </p>
            </Field>
            {move || match problem.get() {
                Some(e) => {
                    view! {
                        <div class="field-error" role="alert" data-testid="policy-error">
                            <p>
                                <strong>"Error at " <code data-testid="policy-error-path">{e.path().to_owned()}</code></strong>
                                ": "
                                {e.message().to_owned()}
                            </p>
                            <p>"The worksheet keeps using the last valid policy."</p>
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p class="ok" data-testid="policy-valid">
                            {move || {
                                ws.policy
                                    .with(|p| match p {
                                        Ok(p) => format!("Valid: policy {} version {} is active.", p.name, p.version),
                                        Err(e) => describe_error(e),
                                    })
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
            <div class="buttons">
                <button type="button" data-testid="policy-start-preset" on:click=start_from_preset>
                    "Start from the complete preset"
                </button>
                <button type="button" class="secondary" data-testid="policy-clear" on:click=clear>
                    "Clear overrides"
                </button>
                <button type="button" class="secondary" data-testid="policy-download" on:click=download>
                    "Download active policy"
                </button>
            </div>
            <p class="status" role="status">{move || status.get()}</p>
        </Panel>
    }
}
