use crate::store::Worksheet;
use leptos::prelude::*;

/// The engine's message for a field, shown next to it when the error concerns it.
#[component]
pub fn FieldError(ws: Worksheet, #[prop(into)] path: String) -> impl IntoView {
    // A memo, so the message is rebuilt only when it changes, not on every recompute.
    let message = Memo::new(move |_| ws.error_at(&path));
    move || {
        message.get().map(|message| {
            view! {
                <p class="field-error" role="alert" data-testid="field-error">
                    {message}
                </p>
            }
        })
    }
}
