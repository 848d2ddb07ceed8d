use crate::store::Worksheet;
use leptos::prelude::*;

/// The engine's message for a field, shown next to it when the error concerns it.
#[component]
pub fn FieldError(ws: Worksheet, #[prop(into)] path: String) -> impl IntoView {
    // error_at reads a per-path signal set only when the message changes.
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
