use super::Panel;
use crate::store::Worksheet;
use leptos::prelude::*;
use leptos::tachys::view::keyed::keyed;
use riskgate::gate::{GateLevel, Requirement};
use std::sync::Arc;

/// Each requirement with how many equal ones come before it, so that every row has a key
/// of its own even if a requirement were listed twice.
fn numbered(requirements: Vec<Requirement>) -> Vec<(usize, Requirement)> {
    let mut out: Vec<(usize, Requirement)> = Vec::with_capacity(requirements.len());
    for r in requirements {
        let before = out.iter().filter(|(_, o)| *o == r).count();
        out.push((before, r));
    }
    out
}

/// What a row shows: rows whose key is unchanged are kept as they are when the gate's
/// requirements change (with their checkbox and its handler), not rebuilt.
fn row_key((n, r): &(usize, Requirement)) -> (usize, Arc<str>, Arc<str>, GateLevel) {
    (*n, r.id.clone(), r.text.clone(), r.level)
}

fn check_row(ws: Worksheet, checked: Memo<Vec<String>>, r: Requirement) -> impl IntoView {
    let dom_id = format!("check-{}", r.id);
    let read = r.id.clone();
    let write = r.id;
    view! {
        <li class="check">
            <input
                type="checkbox"
                id=dom_id.clone()
                data-testid=dom_id.clone()
                prop:checked=move || checked.with(|c| c.iter().any(|id| **id == *read))
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
}

/// The gate's required checks as a checklist a person ticks off (kept with the worksheet).
#[component]
pub fn Checklist(ws: Worksheet) -> impl IntoView {
    let checked = Memo::new(move |_| ws.state.with(|s| s.checked.clone()));
    let requirements = ws.part(|d| &d.gate.requirements);
    let body = move || {
        requirements().map(|requirements| {
            let total = requirements.len();
            let ids: Vec<Arc<str>> = requirements.iter().map(|r| r.id.clone()).collect();
            let done = move || {
                checked.with(|c| {
                    ids.iter()
                        .filter(|id| c.iter().any(|x| **x == ***id))
                        .count()
                })
            };
            view! {
                <p data-testid="checklist-progress" aria-live="polite">
                    {move || format!("{} of {total} checks done", done())}
                </p>
                <ul class="checklist" data-testid="checklist">
                    {keyed(
                        numbered(requirements),
                        row_key,
                        move |_, (_, r)| (|_| {}, check_row(ws, checked, r)),
                    )}
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
