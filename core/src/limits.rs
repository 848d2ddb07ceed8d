//! Explicit input limits. Exceeding one is a `limit_exceeded` error naming the limit,
//! raised before the expensive work starts, so a hostile or runaway input fails fast
//! instead of hanging a pipeline or exhausting memory.

use crate::error::{Error, ErrorKind};

/// Largest JSON document accepted by any entry point (request, policy, classify input).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
/// Most files one change may list.
pub const MAX_FILES: usize = 100_000;
/// Longest file path, in bytes.
pub const MAX_PATH_LEN: usize = 4096;
/// Most paths one `classify` call may take.
pub const MAX_CLASSIFY_PATHS: usize = 1_000_000;
/// Most ledger entries one call may carry (the native fold itself streams any number).
pub const MAX_LEDGER_ENTRIES: usize = 1_000_000;
/// Most categories a policy may define.
pub const MAX_CATEGORIES: usize = 256;
/// Most globs (include and exclude, all categories together) a policy may define.
pub const MAX_GLOBS: usize = 5_000;
/// Longest glob, in bytes.
pub const MAX_GLOB_LEN: usize = 512;
/// Most `**` segments in one glob (each one multiplies the matching work).
pub const MAX_GLOB_RECURSIONS: usize = 8;
/// Deepest nesting of `{…}` alternatives in one glob (a `**` inside the innermost counts as
/// one more level). globset's regex engine refused a few hundred levels with an error about
/// its own nesting limit; this says it in the policy's terms.
pub const MAX_GLOB_NESTING: usize = 32;

pub(crate) fn exceeded(path: impl Into<String>, what: &str, actual: usize, limit: usize) -> Error {
    Error::new(
        ErrorKind::LimitExceeded,
        path,
        format!("{what} is {actual}; the limit is {limit}"),
    )
}

/// Rejects a file path longer than [`MAX_PATH_LEN`]; `at` names where it was found.
pub(crate) fn check_path_len(path: &str, at: &str) -> Result<(), Error> {
    if path.len() > MAX_PATH_LEN {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            at,
            format!(
                "the path is {} bytes long; the limit is {MAX_PATH_LEN}",
                path.len()
            ),
        ));
    }
    Ok(())
}

/// Checks a changed file's path as a request gives it: not blank, not longer than
/// [`MAX_PATH_LEN`], no control characters. The error's path is empty, for the caller to
/// name (so a valid path costs no formatting).
pub(crate) fn check_file_path(path: &str) -> Result<(), Error> {
    // A path that starts with a visible ASCII character is not blank (no trim walk).
    let visible_start = path
        .as_bytes()
        .first()
        .is_some_and(|&b| b > b' ' && b < 0x7f);
    if !visible_start && path.trim().is_empty() {
        return Err(Error::request("", "a file path must not be empty"));
    }
    check_path_len(path, "")?;
    // Control characters are C0 (bytes below 0x20), DEL and C1 (0xC2 0x80-0x9F in UTF-8):
    // a byte scan rules them out for almost every path before the character walk. A fold
    // without an early exit, so that the compiler tests many bytes at a time.
    let maybe_control = path.bytes().fold(false, |seen, b| {
        seen | (b < 0x20) | (b == 0x7f) | (b == 0xc2)
    });
    if maybe_control && path.chars().any(char::is_control) {
        return Err(Error::request(
            "",
            "a file path must not contain control characters",
        ));
    }
    Ok(())
}

/// Rejects an oversized input document before parsing it.
pub(crate) fn check_input(text: &str) -> Result<(), Error> {
    check_input_len(text.len())
}

/// Rejects an input document of `len` bytes when that is over [`MAX_INPUT_BYTES`].
pub(crate) fn check_input_len(len: usize) -> Result<(), Error> {
    if len > MAX_INPUT_BYTES {
        return Err(exceeded(
            "",
            "the input size in bytes",
            len,
            MAX_INPUT_BYTES,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_refused_exactly_when_it_is_blank_or_holds_a_control_character() {
        // Every C0 and C1 control, DEL, and their neighbours (`Â` is the lead byte of C1
        // controls in UTF-8, `Ă` a lead byte next to it).
        let chars = (0_u32..=0x200)
            .filter_map(char::from_u32)
            .chain(['Â', 'Ă', '€', '🚀']);
        for c in chars {
            let paths = [
                format!("a/{c}b"),
                format!("{c}"),
                format!("src/x{c}"),
                format!("{c}x"),
                format!("{c} "),
            ];
            for path in paths {
                let refused = check_file_path(&path).is_err();
                let expected = path.trim().is_empty() || path.chars().any(char::is_control);
                assert_eq!(refused, expected, "{path:?}");
            }
        }
    }
}
