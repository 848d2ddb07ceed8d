//! URL-fragment state decoding: never panics; what decodes re-encodes and decodes the same.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(Some(json)) = riskgate::share::decode_fragment(text) {
        if let Ok(again) = riskgate::share::encode_fragment(&json) {
            assert_eq!(riskgate::share::decode_fragment(&again).ok().flatten(), Some(json));
        }
    }
});
