use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;

/// The gate's required checks as a checklist a person ticks off (kept with the worksheet).
#[component]
pub fn Checklist(ws: Worksheet) -> impl IntoView {
    let checked = Memo::new(move |_| ws.state.with(|s| s.checked.clone()));
    let requirements = ws.derive(|a, b| a.gate.requirements == b.gate.requirements);
    let body =
        move || {
            requirements.get().map(|e| e.decision.gate.requirements.clone()).map(|requirements| {
            let total = requirements.len();
            let ids: Vec<String> = requirements.iter().map(|r| r.id.clone()).collect();
            let done = move || checked.with(|c| ids.iter().filter(|id| c.contains(id)).count());
            view! {
                <p data-testid="checklist-progress" aria-live="polite">
                    {move || format!("{} of {total} checks done", done())}
                </p>
                <ul class="checklist" data-testid="checklist">
                    {requirements
                        .into_iter()
                        .map(|r| {
                            let dom_id = format!("check-{}", r.id);
                            let read = r.id.clone();
                            let write = r.id.clone();
                            view! {
                                <li class="check">
                                    <input
                                        type="checkbox"
                                        id=dom_id.clone()
                                        data-testid=dom_id.clone()
                                        prop:checked=move || checked.with(|c| c.contains(&read))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            ws.state.update(|s| s.set_checked(&write, on));
                                        }
                                    />
                                    <label for=dom_id>
                                        {r.text}
                                        <span class="level">{format!(" ({})", r.level)}</span>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
        };
    view! {
        <Panel title="Required checks" id="checklist">
            {body}
        </Panel>
    }
}
