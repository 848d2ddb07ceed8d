//! Request JSON → evaluate: never panics; a decision is valid JSON, deterministic, and
//! renders in every format.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match riskgate::api::evaluate(text) {
        Ok(decision) => {
            assert!(serde_json::from_str::<serde_json::Value>(&decision).is_ok());
            assert_eq!(riskgate::api::evaluate(text).ok().as_deref(), Some(decision.as_str()));
            for format in ["text", "markdown", "readiness", "release"] {
                assert!(riskgate::api::render(&decision, format).is_ok());
            }
        }
        Err(e) => assert!(!e.code().is_empty()),
    }
});
