use leptos::prelude::*;

/// A titled section of the page with its own error boundary: whatever fails inside
/// shows a message in place of the panel, never a blank page.
#[component]
pub fn Panel(
    #[prop(into)] title: String,
    id: &'static str,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    view! {
        <section
            class=format!("panel {class}")
            id=id
            data-testid=format!("panel-{id}")
            aria-labelledby=labelled_by
        >
            <h2 id=heading>{title}</h2>
            <ErrorBoundary fallback=|errors| {
                view! {
                    <p class="panel-error" role="alert" data-testid="panel-error">
                        {move || {
                            errors
                                .get()
                                .into_iter()
                                .map(|(_, e)| e.to_string())
                                .collect::<Vec<_>>()
                                .join(" ")
                        }}
                    </p>
                }
            }>{children()}</ErrorBoundary>
        </section>
    }
}
