//! Share links: a JSON document (the worksheet state) carried in a URL fragment.
//!
//! The fragment is `s=v1.<payload>`, where the payload is the UTF-8 JSON compressed with
//! raw DEFLATE and written in unpadded base64url (RFC 4648 section 5), so it survives
//! chat tools, wikis and e-mail without escaping. Both directions are bounded: an encoded
//! fragment longer than [`MAX_FRAGMENT_LEN`] characters or a document larger than
//! [`MAX_DOCUMENT_LEN`] bytes is refused with a `limit_exceeded` error naming the limit,
//! and decoding never inflates past the document limit (a "zip bomb" fails fast).
//!
//! Decoding only turns untrusted text into a JSON string; it interprets nothing. The
//! caller parses and validates that JSON like any other input.

use crate::error::{Error, ErrorKind};

/// Longest accepted encoded fragment, in characters (after `#`): about 16 KB of
/// base64url text. Browsers accept far longer URLs, but chat tools, wikis and
/// issue trackers truncate long links silently, which would corrupt the state.
pub const MAX_FRAGMENT_LEN: usize = 16_384;

/// Largest accepted JSON document, in bytes, before compression.
pub const MAX_DOCUMENT_LEN: usize = 1 << 20;

/// The fragment key that carries the state (`#s=…`).
pub const FRAGMENT_KEY: &str = "s";

/// Version tag of the payload format.
const VERSION_TAG: &str = "v1.";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn limit(message: String) -> Error {
    Error::new(ErrorKind::LimitExceeded, "fragment", message)
}

fn malformed(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidRequest, "fragment", message)
}

/// Encodes a JSON document as a fragment value (`v1.…`, without the `s=` key).
pub fn encode(json: &str) -> Result<String, Error> {
    if json.len() > MAX_DOCUMENT_LEN {
        return Err(limit(format!(
            "the state is {} bytes; a share link holds at most {MAX_DOCUMENT_LEN} bytes",
            json.len()
        )));
    }
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let mut out = String::with_capacity(VERSION_TAG.len() + compressed.len() * 4 / 3 + 4);
    out.push_str(VERSION_TAG);
    base64url_encode(&compressed, &mut out);
    if out.len() > MAX_FRAGMENT_LEN {
        return Err(limit(format!(
            "the share link would be {} characters long; the limit is {MAX_FRAGMENT_LEN}. \
             Remove ledger entries or files, or export the request file instead",
            out.len()
        )));
    }
    Ok(out)
}

/// The whole fragment (`s=v1.…`, without `#`) for a JSON document.
pub fn encode_fragment(json: &str) -> Result<String, Error> {
    Ok(format!("{FRAGMENT_KEY}={}", encode(json)?))
}

/// Finds the state value in a URL fragment (`#s=v1.…`, `s=v1.…`, or `a=b&s=v1.…`).
/// Returns `None` when the fragment carries no state.
pub fn fragment_value(fragment: &str) -> Option<&str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == FRAGMENT_KEY)
        .map(|(_, value)| value)
}

/// Decodes a fragment value (`v1.…`) back into the JSON document it carries.
pub fn decode(value: &str) -> Result<String, Error> {
    if value.len() > MAX_FRAGMENT_LEN {
        return Err(limit(format!(
            "the share link is {} characters long; the limit is {MAX_FRAGMENT_LEN}",
            value.len()
        )));
    }
    let payload = value.strip_prefix(VERSION_TAG).ok_or_else(|| {
        malformed("not a riskgate share link (it must start with 'v1.'); it may be from a newer version or truncated")
    })?;
    let compressed = base64url_decode(payload)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_DOCUMENT_LEN)
        .map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => limit(format!(
            "the shared state expands beyond {MAX_DOCUMENT_LEN} bytes"
        )),
        _ => malformed(
            "the share link is damaged (its compressed data does not decode); it may be truncated",
        ),
    })?;
    String::from_utf8(bytes).map_err(|_| malformed("the shared state is not UTF-8 text"))
}

/// Decodes the state carried by a whole URL fragment; `Ok(None)` when there is none.
pub fn decode_fragment(fragment: &str) -> Result<Option<String>, Error> {
    fragment_value(fragment).map(decode).transpose()
}

fn base64url_encode(bytes: &[u8], out: &mut String) {
    let symbol =
        |index: u32| char::from(ALPHABET.get((index & 63) as usize).copied().unwrap_or(b'A'));
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(symbol(n >> 18));
        out.push(symbol(n >> 12));
        if chunk.len() > 1 {
            out.push(symbol(n >> 6));
        }
        if chunk.len() > 2 {
            out.push(symbol(n));
        }
    }
}

fn base64url_decode(text: &str) -> Result<Vec<u8>, Error> {
    let value = |c: u8| -> Result<u32, Error> {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => {
                return Err(malformed(format!(
                    "the share link contains '{}', which is not a base64url character; it may have been altered",
                    char::from(c).escape_default()
                )));
            }
        };
        Ok(u32::from(v))
    };
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(malformed("the share link has a truncated payload"));
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let [_, b0, b1, b2] = n.to_be_bytes();
        out.push(b0);
        if chunk.len() > 2 {
            out.push(b1);
        }
        if chunk.len() > 3 {
            out.push(b2);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for doc in ["", "{}", "{\"a\":\"é ✓ \\n\"}", &"x".repeat(10_000)] {
            let encoded = encode(doc).unwrap();
            assert!(encoded.starts_with("v1."));
            assert!(
                encoded
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
            );
            assert_eq!(decode(&encoded).unwrap(), doc);
        }
    }

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, b64) in cases {
            let mut out = String::new();
            base64url_encode(plain.as_bytes(), &mut out);
            assert_eq!(out, b64);
            assert_eq!(base64url_decode(b64).unwrap(), plain.as_bytes());
        }
        let mut out = String::new();
        base64url_encode(&[0xfb, 0xff], &mut out);
        assert_eq!(out, "-_8");
    }

    #[test]
    fn fragment_forms() {
        let fragment = encode_fragment("{\"k\":1}").unwrap();
        assert!(fragment.starts_with("s=v1."));
        assert_eq!(
            decode_fragment(&format!("#{fragment}")).unwrap().as_deref(),
            Some("{\"k\":1}")
        );
        assert_eq!(
            decode_fragment(&format!("page=x&{fragment}"))
                .unwrap()
                .as_deref(),
            Some("{\"k\":1}")
        );
        assert_eq!(decode_fragment("#reference").unwrap(), None);
        assert_eq!(decode_fragment("").unwrap(), None);
    }

    #[test]
    fn damaged_links_are_clear_errors() {
        let e = decode("v2.abcd").unwrap_err();
        assert_eq!(e.code(), "invalid_request");
        assert_eq!(e.path(), "fragment");
        assert!(
            decode("v1.ab$d")
                .unwrap_err()
                .message()
                .contains("base64url")
        );
        assert!(decode("v1.a").unwrap_err().message().contains("truncated"));
        let good = encode(&"{\"x\": 1}".repeat(50)).unwrap();
        let cut = &good[..good.len() - 7];
        assert!(decode(cut).is_err());
    }

    #[test]
    fn limits() {
        let long = "v1.".to_owned() + &"A".repeat(MAX_FRAGMENT_LEN);
        assert_eq!(decode(&long).unwrap_err().code(), "limit_exceeded");
        assert_eq!(
            encode(&" ".repeat(MAX_DOCUMENT_LEN + 1))
                .unwrap_err()
                .code(),
            "limit_exceeded"
        );
        // Incompressible data: fine as a document, too long as a link.
        let mut noise = String::new();
        let mut x = 12345u32;
        for _ in 0..20_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            noise.push(char::from(b'a' + u8::try_from((x >> 16) % 26).unwrap()));
        }
        let e = encode(&noise).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
        assert!(e.message().contains("16384"));
        // A bomb: 2 MB of zeros compresses to a few KB but must not inflate past the limit.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'0'; 2 << 20], 9);
        let mut text = String::from("v1.");
        base64url_encode(&bomb, &mut text);
        assert_eq!(decode(&text).unwrap_err().code(), "limit_exceeded");
    }
}
