//! Shared by the integration tests that include it (`mod common;`).
#![allow(dead_code, reason = "each test file uses a part")]

pub mod documents;
