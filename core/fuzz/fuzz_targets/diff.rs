//! `git diff --name-status` (plain and -z) and numstat parsing: never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (name_status, numstat) = match text.split_once('\u{1}') {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    if let Ok(files) = riskgate::diff::parse(name_status, numstat) {
        assert!(files.iter().all(|f| !f.path.is_empty()));
    }
});
