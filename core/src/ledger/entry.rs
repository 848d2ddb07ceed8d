//! Ledger entries: one JSON object per line, tagged by `kind`, chained by `prev`.

use crate::decision::Verdict;
use crate::error::{Error, ErrorKind, from_json_str, from_json_value, join_path};
use crate::gate::GateLevel;
use crate::request::ReleaseType;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Timestamps read with chrono's dedicated RFC 3339 parser first (chrono's `Deserialize`
/// uses its general format parser: about a tenth of the time per ledger line); anything
/// that parser rejects goes to the general one, so the same texts are accepted, with the
/// same values and the same error messages as `DateTime<FixedOffset>`'s own `Deserialize`.
mod timestamp {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, de};
    use std::fmt;

    struct Rfc3339(DateTime<FixedOffset>);

    struct Visitor;

    impl de::Visitor<'_> for Visitor {
        type Value = Rfc3339;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            // chrono's own words, so errors read the same as before.
            formatter.write_str("an RFC 3339 formatted date and time string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<Rfc3339, E> {
            DateTime::parse_from_rfc3339(value)
                .or_else(|_| value.parse())
                .map(Rfc3339)
                .map_err(E::custom)
        }
    }

    impl<'de> Deserialize<'de> for Rfc3339 {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_str(Visitor)
        }
    }

    pub(super) fn required<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        Rfc3339::deserialize(deserializer).map(|t| t.0)
    }

    pub(super) fn optional<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        Option::<Rfc3339>::deserialize(deserializer).map(|t| t.map(|t| t.0))
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use proptest::prelude::*;

        /// Ours and chrono's `Deserialize`: the same value or the same error message.
        fn same(json: &str) -> Result<(), TestCaseError> {
            let ours = serde_json::from_str::<Rfc3339>(json).map(|t| t.0);
            let chrono = serde_json::from_str::<DateTime<FixedOffset>>(json);
            match (ours, chrono) {
                (Ok(a), Ok(b)) => prop_assert_eq!((a, a.offset()), (b, b.offset()), "{}", json),
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string(), "{}", json),
                (a, b) => prop_assert!(false, "{json}: ours {a:?}, chrono {b:?}"),
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn timestamps_read_as_chrono_reads_them(
                text in "[+-]?[0-9]{4,5}-[01][0-9]-[0-3][0-9]([Tt ]| +)[0-2][0-9]:[0-6][0-9](:[0-6][0-9])?([.,][0-9]{0,10})? ?([Zz]|[+-][0-2][0-9](:?[0-5][0-9])?|UTC)? ?",
            ) {
                same(&serde_json::to_string(&text).map_err(|e| TestCaseError::fail(e.to_string()))?)?;
            }

            #[test]
            fn anything_else_fails_alike(text in ".{0,40}") {
                same(&serde_json::to_string(&text).map_err(|e| TestCaseError::fail(e.to_string()))?)?;
            }
        }

        #[test]
        fn other_json_types_fail_alike() -> Result<(), TestCaseError> {
            for json in [
                "5",
                "null",
                "true",
                "[]",
                "{}",
                "\"2024-02-30T00:00:00Z\"",
                "\"2024-01-01T00:00:60Z\"",
            ] {
                same(json)?;
            }
            Ok(())
        }
    }
}

/// The `prev` of the first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// One ledger line. The canonical form (what `prev` hashes) is the compact JSON
/// re-serialization of this typed value: `kind` first, then the fields in the order
/// below, absent optional fields left out. Key order and spacing of the line as written
/// do not matter; its content does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    /// A release that was evaluated (and, when `verdict` is `go`, shipped and charged).
    Release(ReleaseEntry),
    /// What happened after a release: failure, severity, detection, restoration, rollback, review.
    Outcome(OutcomeEntry),
    /// A manual change of this window's budget, with its reason and approver.
    Adjustment(AdjustmentEntry),
    /// A change of the window policy (kind, offset, sprint, allocation), effective from the next window.
    Window(WindowEntry),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReleaseEntry {
    /// Position in the ledger, from 1 (the line number in a complete ledger).
    pub seq: u64,
    /// SHA-256 (hex) of the previous entry's canonical form; [`GENESIS`] for the first entry.
    pub prev: String,
    #[serde(deserialize_with = "timestamp::required")]
    pub at: DateTime<FixedOffset>,
    pub service: String,
    pub tier: u8,
    pub change_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub release_type: ReleaseType,
    /// The Release Risk Score.
    pub rrs: u32,
    /// Break-glass penalty (0 when no exception was used).
    #[serde(default)]
    pub penalty: u32,
    /// Risk points charged: `rrs + penalty`.
    pub charge: u32,
    pub gate: GateLevel,
    /// Only `go` releases are charged and count as deployments.
    pub verdict: Verdict,
    /// The break-glass exception that was used, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<ExceptionRecord>,
    /// Diff size: lines added, lines deleted, files touched.
    #[serde(default)]
    pub additions: u64,
    #[serde(default)]
    pub deletions: u64,
    #[serde(default)]
    pub files: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExceptionRecord {
    pub reason: String,
    /// The mandatory follow-up review is due on this date.
    pub follow_up_due: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Sev1,
    Sev2,
    Sev3,
    Sev4,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Self::Sev1, Self::Sev2, Self::Sev3, Self::Sev4];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sev1 => "sev1",
            Self::Sev2 => "sev2",
            Self::Sev3 => "sev3",
            Self::Sev4 => "sev4",
        }
    }

    /// The incident priority of seed 003's MTTR targets: Sev1 → P1 and so on.
    pub fn priority(self) -> &'static str {
        match self {
            Self::Sev1 => "P1",
            Self::Sev2 => "P2",
            Self::Sev3 => "P3",
            Self::Sev4 => "P4",
        }
    }

    pub fn is_sev12(self) -> bool {
        matches!(self, Self::Sev1 | Self::Sev2)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeEntry {
    pub seq: u64,
    pub prev: String,
    #[serde(deserialize_with = "timestamp::required")]
    pub at: DateTime<FixedOffset>,
    pub service: String,
    pub change_id: String,
    /// The change caused a failure in production (counts toward the change failure rate).
    pub failed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp::optional"
    )]
    pub detected_at: Option<DateTime<FixedOffset>>,
    /// Service restored: `restoredAt - detectedAt` is the time to restore (MTTR).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp::optional"
    )]
    pub restored_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub rolled_back: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp::optional"
    )]
    pub rolled_back_at: Option<DateTime<FixedOffset>>,
    /// The post-release (or post-incident) review was held: closes a break-glass follow-up.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp::optional"
    )]
    pub reviewed_at: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdjustmentEntry {
    pub seq: u64,
    pub prev: String,
    #[serde(deserialize_with = "timestamp::required")]
    pub at: DateTime<FixedOffset>,
    pub service: String,
    /// Risk points added to (positive) or taken from (negative) the window containing `at`.
    pub amount: i64,
    pub reason: String,
    pub approver: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WindowKind {
    /// Calendar months in the stated UTC offset.
    Monthly,
    /// Fixed-length sprints from a start date.
    Sprint,
}

impl WindowKind {
    pub const ALL: [WindowKind; 2] = [Self::Monthly, Self::Sprint];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Sprint => "sprint",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WindowEntry {
    pub seq: u64,
    pub prev: String,
    #[serde(deserialize_with = "timestamp::required")]
    pub at: DateTime<FixedOffset>,
    /// The service it applies to; every service when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<WindowKind>,
    /// `+HH:MM` or `-HH:MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sprint_start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sprint_days: Option<u32>,
    /// Base allocation per window in risk points, replacing the tier's budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocated: Option<u32>,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<String>,
}

/// Longest sprint, in days.
pub const MAX_SPRINT_DAYS: u32 = 366;

impl Entry {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Release(_) => "release",
            Self::Outcome(_) => "outcome",
            Self::Adjustment(_) => "adjustment",
            Self::Window(_) => "window",
        }
    }

    pub fn seq(&self) -> u64 {
        match self {
            Self::Release(e) => e.seq,
            Self::Outcome(e) => e.seq,
            Self::Adjustment(e) => e.seq,
            Self::Window(e) => e.seq,
        }
    }

    pub fn prev(&self) -> &str {
        match self {
            Self::Release(e) => &e.prev,
            Self::Outcome(e) => &e.prev,
            Self::Adjustment(e) => &e.prev,
            Self::Window(e) => &e.prev,
        }
    }

    pub fn at(&self) -> DateTime<FixedOffset> {
        match self {
            Self::Release(e) => e.at,
            Self::Outcome(e) => e.at,
            Self::Adjustment(e) => e.at,
            Self::Window(e) => e.at,
        }
    }

    /// The service the entry belongs to; `None` for a window entry that applies to all.
    pub fn service(&self) -> Option<&str> {
        match self {
            Self::Release(e) => Some(&e.service),
            Self::Outcome(e) => Some(&e.service),
            Self::Adjustment(e) => Some(&e.service),
            Self::Window(e) => e.service.as_deref(),
        }
    }

    /// The canonical form: compact JSON of the typed entry.
    pub fn canonical(&self) -> String {
        crate::json::to_string(self, 0).unwrap_or_default()
    }

    /// SHA-256 of the canonical form.
    pub fn hash(&self) -> Hash {
        let mut buf = String::with_capacity(256);
        self.hash_with(&mut buf)
    }

    /// SHA-256 of the canonical form, reusing `buf` for the serialization.
    pub(crate) fn hash_with(&self, buf: &mut String) -> Hash {
        buf.clear();
        // Serializing plain data into memory cannot fail; an empty buffer would only
        // make the chain check fail, never pass.
        let _ = crate::json::write(buf, self);
        Sha256::digest(buf.as_bytes()).into()
    }

    /// Checks what the types alone cannot; `(field, message)` of the first problem.
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.seq() == 0 {
            return Err(("seq", String::from("seq starts at 1")));
        }
        if parse_hash(self.prev()).is_none() {
            return Err((
                "prev",
                String::from("prev must be 64 lowercase hex digits (a SHA-256)"),
            ));
        }
        let non_empty = |field: &'static str, value: &str| {
            if value.trim().is_empty() {
                Err((field, format!("{field} must not be empty")))
            } else {
                Ok(())
            }
        };
        match self {
            Self::Release(e) => {
                non_empty("service", &e.service)?;
                non_empty("changeId", &e.change_id)?;
                if u64::from(e.charge) != u64::from(e.rrs) + u64::from(e.penalty) {
                    return Err((
                        "charge",
                        format!(
                            "charge {} is not rrs {} + penalty {}",
                            e.charge, e.rrs, e.penalty
                        ),
                    ));
                }
                if let Some(ex) = &e.exception {
                    non_empty("exception.reason", &ex.reason)?;
                }
            }
            Self::Outcome(e) => {
                non_empty("service", &e.service)?;
                non_empty("changeId", &e.change_id)?;
                if let (Some(d), Some(r)) = (e.detected_at, e.restored_at)
                    && r < d
                {
                    return Err((
                        "restoredAt",
                        String::from("restoredAt is before detectedAt"),
                    ));
                }
                if e.rolled_back_at.is_some() && !e.rolled_back {
                    return Err((
                        "rolledBackAt",
                        String::from("rolledBackAt needs rolledBack: true"),
                    ));
                }
            }
            Self::Adjustment(e) => {
                non_empty("service", &e.service)?;
                non_empty("reason", &e.reason)?;
                non_empty("approver", &e.approver)?;
                if e.amount == 0 {
                    return Err((
                        "amount",
                        String::from("an adjustment of 0 risk points changes nothing"),
                    ));
                }
            }
            Self::Window(e) => {
                if let Some(s) = &e.service {
                    non_empty("service", s)?;
                }
                non_empty("reason", &e.reason)?;
                if let Some(o) = &e.utc_offset
                    && parse_offset(o).is_none()
                {
                    return Err((
                        "utcOffset",
                        format!("'{o}' is not a UTC offset (+HH:MM or -HH:MM)"),
                    ));
                }
                if let Some(days) = e.sprint_days
                    && !(1..=MAX_SPRINT_DAYS).contains(&days)
                {
                    return Err((
                        "sprintDays",
                        format!("a sprint lasts 1 to {MAX_SPRINT_DAYS} days"),
                    ));
                }
                if e.allocated == Some(0) {
                    return Err((
                        "allocated",
                        String::from("an allocation must be at least 1 risk point"),
                    ));
                }
                if e.window.is_none()
                    && e.utc_offset.is_none()
                    && e.sprint_start.is_none()
                    && e.sprint_days.is_none()
                    && e.allocated.is_none()
                {
                    return Err((
                        "window",
                        String::from(
                            "a window entry must change something (window, utcOffset, sprintStart, sprintDays, allocated)",
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The error path of ledger line `line` (1-based): `ledger:13`, or `ledger:13.charge`.
pub fn line_path(line: u64, field: &str) -> String {
    join_path(&format!("ledger:{line}"), field)
}

pub(crate) fn ledger_error(line: u64, field: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidLedger, line_path(line, field), message)
}

fn finish_parse(line: u64, parsed: Result<Entry, Error>) -> Result<Entry, Error> {
    let entry = parsed.map_err(|e| {
        // A line is one JSON document: serde's "at line 1 column N" is just the column.
        let message = e.message().replace(" at line 1 column ", " at column ");
        ledger_error(
            line,
            e.path(),
            format!("line {line} is malformed: {message}"),
        )
    })?;
    entry.check().map_err(|(field, message)| {
        ledger_error(line, field, format!("line {line} is malformed: {message}"))
    })?;
    Ok(entry)
}

/// Parses ledger line `line` (1-based). A blank line is malformed: nothing is skipped.
pub fn parse_line(line: u64, text: &str) -> Result<Entry, Error> {
    // Lines in the canonical form (as riskgate writes them) are read without serde.
    if let Some(entry) = super::canonical::parse(text) {
        return finish_parse(line, Ok(entry));
    }
    if text.trim().is_empty() {
        return Err(ledger_error(line, "", format!("line {line} is blank")));
    }
    finish_parse(line, from_json_str(text, ErrorKind::InvalidLedger))
}

/// Parses the entry at 1-based position `line` of an `entries` array.
pub fn parse_value(line: u64, value: &serde_json::Value) -> Result<Entry, Error> {
    finish_parse(line, from_json_value(value, ErrorKind::InvalidLedger))
}

/// SHA-256 of a line's text as stored (the chain hash of a line in the canonical form).
pub(crate) fn text_hash(text: &str) -> Hash {
    Sha256::digest(text.as_bytes()).into()
}

/// Lowercase hex of a digest.
pub fn to_hex(hash: &Hash) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for byte in hash {
        out.push(char::from(
            DIGITS.get(usize::from(byte >> 4)).copied().unwrap_or(b'0'),
        ));
        out.push(char::from(
            DIGITS
                .get(usize::from(byte & 0x0f))
                .copied()
                .unwrap_or(b'0'),
        ));
    }
    out
}

/// Parses 64 lowercase hex digits.
pub fn parse_hash(text: &str) -> Option<Hash> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    // Eight digits at a time, without a branch per digit: hash digits are random, so a
    // `match` on each one was mispredicted about half the time (a fifth of a ledger fold),
    // and every line's `prev` is parsed twice (checked, then compared with the chain).
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `w` (all below 0x80) that lies in `lo..=hi`.
    let within = |w: u64, lo: u64, hi: u64| {
        w.wrapping_add((0x80 - lo) * ONES) & !w.wrapping_add((0x7f - hi) * ONES) & HIGH
    };
    let mut valid = true;
    let mut out = [0u8; 32];
    for (slot, chunk) in out.chunks_exact_mut(4).zip(bytes.chunks_exact(8)) {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?);
        valid &= w & HIGH == 0 && within(w, 0x30, 0x39) | within(w, 0x61, 0x66) == HIGH;
        // `c & 0xf` is the value of `0`-`9`, and of `a`-`f` less 9, which bit 6 (set for
        // letters) adds back.
        let v = (w & (ONES * 0x0f)) + 9 * ((w >> 6) & ONES);
        // Digit pairs (high nibble first) into bytes, then the four bytes together.
        let pairs = ((v & 0x00ff_00ff_00ff_00ff) << 4) | ((v >> 8) & 0x00ff_00ff_00ff_00ff);
        let quads = (pairs | (pairs >> 8)) & 0x0000_ffff_0000_ffff;
        let packed = (quads | (quads >> 16)) as u32;
        slot.copy_from_slice(&packed.to_le_bytes());
    }
    valid.then_some(out)
}

/// Parses `+HH:MM`, `-HH:MM` or `Z`.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    if text == "Z" {
        return FixedOffset::east_opt(0);
    }
    let bytes = text.as_bytes();
    let [sign, h1, h2, b':', m1, m2] = bytes else {
        return None;
    };
    let num = |a: u8, b: u8| -> Option<i32> {
        (a.is_ascii_digit() && b.is_ascii_digit())
            .then(|| i32::from(a - b'0') * 10 + i32::from(b - b'0'))
    };
    let (h, m) = (num(*h1, *h2)?, num(*m1, *m2)?);
    if h > 23 || m > 59 {
        return None;
    }
    let secs = h * 3600 + m * 60;
    match sign {
        b'+' => FixedOffset::east_opt(secs),
        b'-' => FixedOffset::west_opt(secs),
        _ => None,
    }
}

/// `+HH:MM` of an offset.
pub fn format_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_digits_are_exactly_lowercase_hex() {
        let base = "0123456789abcdef".repeat(4);
        assert_eq!(parse_hash(&base).map(|h| to_hex(&h)), Some(base.clone()));
        for at in [0, 1, 31, 62, 63] {
            for byte in 0..=127_u8 {
                let mut text = base.clone().into_bytes();
                if let Some(b) = text.get_mut(at) {
                    *b = byte;
                }
                let text = String::from_utf8(text).unwrap_or_default();
                let expected =
                    (byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte)).then(|| text.clone());
                assert_eq!(
                    parse_hash(&text).map(|h| to_hex(&h)),
                    expected,
                    "{byte:#x} at {at}"
                );
            }
        }
        assert_eq!(parse_hash(&format!("{}é", &base[..62])), None);
    }

    #[test]
    fn offsets_parse_and_print() {
        for (text, secs) in [
            ("+02:00", 7200),
            ("-05:30", -19800),
            ("Z", 0),
            ("+00:00", 0),
        ] {
            assert_eq!(
                parse_offset(text).map(|o| o.local_minus_utc()),
                Some(secs),
                "{text}"
            );
        }
        for bad in ["+2:00", "+24:00", "02:00", "+02:60", ""] {
            assert!(parse_offset(bad).is_none(), "{bad}");
        }
        assert_eq!(
            parse_offset("-05:30").map(format_offset).as_deref(),
            Some("-05:30")
        );
    }

    #[test]
    fn hashes_round_trip_through_hex() {
        let hash: Hash = std::array::from_fn(|i| (i * 7) as u8);
        assert_eq!(parse_hash(&to_hex(&hash)), Some(hash));
        assert!(parse_hash(&to_hex(&hash).to_uppercase()).is_none());
        assert_eq!(parse_hash(GENESIS), Some([0; 32]));
    }
}
