use leptos::prelude::*;

/// The pages of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Worksheet,
    Policy,
    Reference,
}

impl Page {
    pub fn from_fragment(fragment: &str) -> Self {
        match fragment {
            "policy" => Self::Policy,
            "reference" => Self::Reference,
            _ => Self::Worksheet,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Worksheet => "Worksheet",
            Self::Policy => "Policy editor",
            Self::Reference => "Policy reference",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Self::Worksheet => "worksheet",
            Self::Policy => "policy",
            Self::Reference => "reference",
        }
    }
}

/// The page switcher: buttons, so the URL fragment stays free for share links.
#[component]
pub fn NavBar(page: RwSignal<Page>) -> impl IntoView {
    view! {
        <nav class="nav no-print" aria-label="Pages">
            {[Page::Worksheet, Page::Policy, Page::Reference]
                .into_iter()
                .map(|p| {
                    view! {
                        <button
                            type="button"
                            data-testid=format!("nav-{}", p.id())
                            aria-current=move || (page.get() == p).then_some("page")
                            on:click=move |_| page.set(p)
                        >
                            {p.label()}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}
