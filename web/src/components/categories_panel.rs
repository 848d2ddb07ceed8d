use super::{Field, Panel};
use crate::store::Worksheet;
use leptos::prelude::*;
use riskgate::decision::CategorySource;

/// The change's categories: those the files revealed, and those a person declares
/// (added to the detected ones; declared ones can be removed again).
#[component]
pub fn CategoriesPanel(ws: Worksheet) -> impl IntoView {
    let declared = Memo::new(move |_| ws.get_list("/change/categories"));
    let choice = RwSignal::new(String::new());
    let available = Memo::new(move |_| {
        let taken = declared.get();
        ws.policy.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.categories
                        .iter()
                        .filter(|(id, _)| !taken.contains(id))
                        .map(|(id, rule)| {
                            (
                                id.clone(),
                                format!("{id}: {} ({} RP)", rule.label, rule.points),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let add = move || {
        let mut id = choice.get_untracked();
        if id.is_empty() {
            id = available
                .with_untracked(|a| a.first().map(|(v, _)| v.clone()))
                .unwrap_or_default();
        }
        if !id.is_empty() {
            ws.toggle_in_list("/change/categories", &id, true);
            choice.set(String::new());
        }
    };
    let categories = ws.part(|d| &d.categories);
    let detected = move || {
        categories().map(|categories| {
            let hits: Vec<_> = categories
                .into_iter()
                .filter(|c| c.source != CategorySource::Declared)
                .collect();
            if hits.is_empty() {
                return view! { <p class="empty">"None detected."</p> }.into_any();
            }
            view! {
                <ul class="chips" data-testid="detected-categories">
                    {hits
                        .into_iter()
                        .map(|c| {
                            let risk = c.high_risk.then_some(", high risk");
                            let how = if c.source == CategorySource::Fallback {
                                ", no rule matched"
                            } else {
                                ""
                            };
                            view! {
                                <li class="chip" class:high=c.high_risk>
                                    {c.id}
                                    <span class="points">
                                        {format!(" {} RP", c.points)}
                                        {risk}
                                        {how}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        })
    };
    view! {
        <Panel title="Categories" id="categories">
            <h3>"Detected from the files"</h3>
            {detected}
            <h3 id="declared-title">"Declared"</h3>
            <Show when=move || declared.with(Vec::is_empty)>
                <p class="empty">"None declared."</p>
            </Show>
            <ul class="chips" aria-labelledby="declared-title" data-testid="declared-categories">
                {move || {
                    declared
                        .get()
                        .into_iter()
                        .map(|id| {
                            let remove = id.clone();
                            view! {
                                <li class="chip">
                                    {id.clone()}
                                    <button
                                        type="button"
                                        class="chip-remove"
                                        data-testid=format!("remove-category-{id}")
                                        aria-label=format!("Remove declared category {id}")
                                        on:click=move |_| {
                                            ws.toggle_in_list("/change/categories", &remove, false)
                                        }
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="inline-form">
                <Field>
                    <label for="category-add">"Declare a category"</label>
                    <select
                        id="category-add"
                        data-testid="category-add"
                        on:change=move |ev| choice.set(event_target_value(&ev))
                    >
                        {move || {
                            available
                                .get()
                                .into_iter()
                                .map(|(value, text)| {
                                    let mine = value.clone();
                                    view! {
                                        <option
                                            value=value
                                            prop:selected=move || choice.with(|c| *c == mine)
                                        >
                                            {text}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </Field>
                <button type="button" data-testid="category-add-button" on:click=move |_| add()>
                    "Add category"
                </button>
            </div>
        </Panel>
    }
}
