//! The riskgate scoring worksheet: a Leptos client-side app that scores a change live,
//! offline, with the same engine the CLI runs (crate `riskgate`, compiled in).
//!
//! The state is `riskgate::worksheet::WorksheetState` (a request document plus editor
//! texts); every rule, score and check comes from `riskgate`. Components only bind
//! controls to JSON pointers of the request and render the decision.

pub mod app;
pub mod browser;
pub mod components;
pub mod describe;
pub mod pages;
pub mod store;

pub use app::App;
pub use store::Worksheet;

// talc rather than Rust's default dlmalloc, as in the npm package: smaller, and every
// recompute allocates the request, the decision and the panels' texts anew.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
