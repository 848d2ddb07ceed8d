use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;

/// The mitigations in place, each lowering the score by the policy's points.
#[component]
pub fn MitigationsPanel(ws: Worksheet) -> impl IntoView {
    let chosen = Memo::new(move |_| ws.get_list("/change/mitigations"));
    let rules = Memo::new(move |_| {
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.mitigations
                        .iter()
                        .map(|(id, rule)| (id.clone(), rule.label.clone(), rule.points))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <Panel title="Mitigations" id="mitigations">
            <fieldset class="plain">
                <legend class="sr-only">"Mitigations in place"</legend>
                {move || {
                    rules
                        .get()
                        .into_iter()
                        .map(|(id, label, points)| {
                            let dom_id = format!("mitigation-{id}");
                            let read = id.clone();
                            view! {
                                <div class="check">
                                    <input
                                        type="checkbox"
                                        id=dom_id.clone()
                                        data-testid=dom_id.clone()
                                        prop:checked=move || chosen.with(|c| c.contains(&read))
                                        on:change=move |ev| {
                                            ws.toggle_in_list(
                                                "/change/mitigations",
                                                &id,
                                                event_target_checked(&ev),
                                            )
                                        }
                                    />
                                    <label for=dom_id>
                                        {label} <span class="points">{format!(" −{points} RP")}</span>
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
        </Panel>
    }
}
