use crate::components::{PolicyCompare, PolicyEditor};
use crate::store::Worksheet;
use leptos::prelude::*;

/// Load, edit and check a policy; compare it with its preset.
#[component]
pub fn PolicyPage(ws: Worksheet) -> impl IntoView {
    view! {
        <div class="single">
            <PolicyEditor ws />
            <PolicyCompare ws />
        </div>
    }
}
