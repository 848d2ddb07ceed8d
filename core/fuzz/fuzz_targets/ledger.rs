//! Ledger lines → verify and fold: never panics; a ledger that verifies folds.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let quoted = serde_json::Value::String(text.to_owned()).to_string();
    let verify = riskgate::api::ledger_verify(&format!("{{\"text\":{quoted}}}"));
    let status = riskgate::api::ledger_status(&format!(
        "{{\"text\":{quoted},\"service\":\"payments-api\",\"tier\":3,\"at\":\"2026-11-20T12:00:00Z\"}}"
    ));
    if let Ok(report) = verify {
        let ok = serde_json::from_str::<serde_json::Value>(&report)
            .ok()
            .and_then(|v| v.get("ok").and_then(serde_json::Value::as_bool));
        if ok == Some(true) {
            assert!(status.is_ok(), "a verified ledger must fold: {status:?}");
        }
    }
});
