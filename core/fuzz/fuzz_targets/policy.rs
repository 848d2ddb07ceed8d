//! Policy JSON → validate: never panics; a valid policy round-trips to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(resolved) = riskgate::api::validate_policy(text) {
        assert_eq!(riskgate::api::validate_policy(&resolved).ok().as_deref(), Some(resolved.as_str()));
    }
});
