use crate::browser;
use leptos::prelude::*;

/// The wrapper of one labelled control (a text input, select or textarea) with its hint
/// and error: a form of its own, never submitted (Enter in a text input does not reload
/// the page). A form, not a div: Chromium's autofill lays out every control of the
/// edited control's form after each keystroke, and the controls outside any form count
/// as one form, so each control sits in a form of its own.
#[component]
pub fn Field(children: Children) -> impl IntoView {
    view! {
        <form class="field" on:submit=browser::no_submit>
            {children()}
        </form>
    }
}
