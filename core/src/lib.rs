#![doc = include_str!("../README.md")]

pub mod api;
pub mod budget;
pub mod classify;
pub mod decision;
pub mod diff;
pub mod direct;
mod engine;
pub mod error;
pub mod error_budget;
pub mod exception;
pub mod gate;
pub mod json;
pub mod ledger;
pub mod limits;
pub mod pipeline;
pub mod policy;
pub mod readiness;
pub mod render;
mod report;
pub mod request;
pub mod rollout;
pub mod score;
pub mod share;
mod sorting;
pub mod worksheet;

pub use budget::{BudgetImpact, BudgetStatus};
pub use classify::CompiledPolicy;
pub use decision::{Blocker, CategoryHit, Decision, Verdict};
pub use engine::{
    MAX_PATH_LEN, compiled_policy, default_policy, evaluate, evaluate_json, evaluate_with,
    parse_request,
};
pub use error::{Error, ErrorKind};
pub use gate::{Gate, GateLevel};
pub use policy::Policy;
pub use request::Request;
pub use score::RiskScore;

/// The engine version, as released.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
