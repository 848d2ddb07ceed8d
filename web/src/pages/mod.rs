//! The app's pages.

mod policy;
mod reference;
mod worksheet;

pub use policy::PolicyPage;
pub use reference::ReferencePage;
pub use worksheet::WorksheetPage;
