use crate::store::Worksheet;
use leptos::prelude::*;

/// The engine's message for a field, shown next to it when the error concerns it.
#[component]
pub fn FieldError(ws: Worksheet, #[prop(into)] path: String) -> impl IntoView {
    move || {
        ws.error_at(&path).map(|message| {
            view! {
                <p class="field-error" role="alert" data-testid="field-error">
                    {message}
                </p>
            }
        })
    }
}
