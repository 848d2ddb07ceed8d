//! Reading a ledger line written in its canonical form, without serde.
//!
//! riskgate writes every entry in its canonical form (`kind` first, the fields in their
//! declared order, no spaces, absent options left out), so nearly every line of a ledger
//! file has exactly that shape. This reader expects it literally: each key is one prefix
//! test instead of a scan for its end and a match on its name, and each string is one
//! search for its closing quote. It answers `None` at the first byte it does not expect
//! (another key order, spaces, an escape, `null`, a number serde_json would read
//! differently, a date chrono's RFC 3339 parser refuses), and the line then goes through
//! serde, which accepts every form and explains every error. So it never decides anything
//! serde would decide otherwise: when it answers, the entry is the one serde reads (the
//! tests below hold it to that on generated entries and on damaged lines).
//!
//! Why: serde was three quarters of folding a ledger (1,000,000 lines, 0.87 s).

use super::entry::{
    AdjustmentEntry, Entry, ExceptionRecord, OutcomeEntry, ReleaseEntry, WindowEntry,
};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::DeserializeOwned;
use serde::de::value::{BorrowedStrDeserializer, Error as ValueError};

/// The entry on `text` when it is in the canonical form; `None` sends it to serde.
pub(super) fn parse(text: &str) -> Option<Entry> {
    let mut c = Cursor {
        rest: text.strip_prefix("{\"kind\":\"")?,
    };
    let (kind, rest) = c.rest.split_once('"')?;
    c.rest = rest;
    let entry = match kind {
        "release" => Entry::Release(release(&mut c)?),
        "outcome" => Entry::Outcome(outcome(&mut c)?),
        "adjustment" => Entry::Adjustment(adjustment(&mut c)?),
        "window" => Entry::Window(window(&mut c)?),
        _ => return None,
    };
    (c.rest == "}").then_some(entry)
}

fn release(c: &mut Cursor<'_>) -> Option<ReleaseEntry> {
    Some(ReleaseEntry {
        seq: c.required("seq", Cursor::unsigned)?,
        prev: c.required("prev", Cursor::string)?,
        at: c.required("at", Cursor::timestamp)?,
        service: c.required("service", Cursor::string)?,
        tier: c.required("tier", Cursor::unsigned)?,
        change_id: c.required("changeId", Cursor::string)?,
        title: c.optional("title", Cursor::string)?,
        release_type: c.defaulted("releaseType", Cursor::variant)?,
        rrs: c.required("rrs", Cursor::unsigned)?,
        penalty: c.defaulted("penalty", Cursor::unsigned)?,
        charge: c.required("charge", Cursor::unsigned)?,
        gate: c.required("gate", Cursor::variant)?,
        verdict: c.required("verdict", Cursor::variant)?,
        exception: c.optional("exception", Cursor::exception)?,
        additions: c.defaulted("additions", Cursor::unsigned)?,
        deletions: c.defaulted("deletions", Cursor::unsigned)?,
        files: c.defaulted("files", Cursor::unsigned)?,
        categories: c.defaulted("categories", Cursor::strings)?,
    })
}

fn outcome(c: &mut Cursor<'_>) -> Option<OutcomeEntry> {
    Some(OutcomeEntry {
        seq: c.required("seq", Cursor::unsigned)?,
        prev: c.required("prev", Cursor::string)?,
        at: c.required("at", Cursor::timestamp)?,
        service: c.required("service", Cursor::string)?,
        change_id: c.required("changeId", Cursor::string)?,
        failed: c.required("failed", Cursor::boolean)?,
        severity: c.optional("severity", Cursor::variant)?,
        detected_at: c.optional("detectedAt", Cursor::timestamp)?,
        restored_at: c.optional("restoredAt", Cursor::timestamp)?,
        rolled_back: c.defaulted("rolledBack", Cursor::boolean)?,
        rolled_back_at: c.optional("rolledBackAt", Cursor::timestamp)?,
        reviewed_at: c.optional("reviewedAt", Cursor::timestamp)?,
        note: c.optional("note", Cursor::string)?,
    })
}

fn adjustment(c: &mut Cursor<'_>) -> Option<AdjustmentEntry> {
    Some(AdjustmentEntry {
        seq: c.required("seq", Cursor::unsigned)?,
        prev: c.required("prev", Cursor::string)?,
        at: c.required("at", Cursor::timestamp)?,
        service: c.required("service", Cursor::string)?,
        amount: c.required("amount", Cursor::signed)?,
        reason: c.required("reason", Cursor::string)?,
        approver: c.required("approver", Cursor::string)?,
    })
}

fn window(c: &mut Cursor<'_>) -> Option<WindowEntry> {
    Some(WindowEntry {
        seq: c.required("seq", Cursor::unsigned)?,
        prev: c.required("prev", Cursor::string)?,
        at: c.required("at", Cursor::timestamp)?,
        service: c.optional("service", Cursor::string)?,
        window: c.optional("window", Cursor::variant)?,
        utc_offset: c.optional("utcOffset", Cursor::string)?,
        sprint_start: c.optional("sprintStart", Cursor::date)?,
        sprint_days: c.optional("sprintDays", Cursor::unsigned)?,
        allocated: c.optional("allocated", Cursor::unsigned)?,
        reason: c.required("reason", Cursor::string)?,
        approver: c.optional("approver", Cursor::string)?,
    })
}

/// The unread rest of a line.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, literal: &str) -> bool {
        match self.rest.strip_prefix(literal) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// True (and past it) when the next member is `,"name":`.
    fn key(&mut self, name: &str) -> bool {
        let rest = self
            .rest
            .strip_prefix(",\"")
            .and_then(|r| r.strip_prefix(name))
            .and_then(|r| r.strip_prefix("\":"));
        match rest {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn required<T>(&mut self, name: &str, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.key(name) { value(self) } else { None }
    }

    /// `Some(None)` when the member is absent (serde's `None` too); `None` when it is there
    /// but not read.
    fn optional<T>(
        &mut self,
        name: &str,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        if self.key(name) {
            value(self).map(Some)
        } else {
            Some(None)
        }
    }

    /// A member with `#[serde(default)]`: its default when absent.
    fn defaulted<T: Default>(
        &mut self,
        name: &str,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        if self.key(name) {
            value(self)
        } else {
            Some(T::default())
        }
    }

    /// A string with no escape and no control character, as it is in the text.
    fn text(&mut self) -> Option<&'a str> {
        let body = self.rest.strip_prefix('"')?;
        let end = memchr::memchr(b'"', body.as_bytes())?;
        let value = body.get(..end)?;
        // serde_json refuses raw control characters; an escape (`\"` included) is serde's.
        let plain = !value
            .bytes()
            .fold(false, |seen, b| seen | (b < 0x20) | (b == b'\\'));
        self.rest = body.get(end + 1..)?;
        plain.then_some(value)
    }

    fn string(&mut self) -> Option<String> {
        self.text().map(str::to_owned)
    }

    /// `["a","b"]` (or `[]`).
    fn strings(&mut self) -> Option<Vec<String>> {
        if !self.eat("[") {
            return None;
        }
        let mut out = Vec::new();
        if self.eat("]") {
            return Some(out);
        }
        loop {
            out.push(self.string()?);
            if self.eat("]") {
                return Some(out);
            }
            if !self.eat(",") {
                return None;
            }
        }
    }

    /// Digits as serde_json reads an unsigned integer: no sign, no leading zero, no
    /// fraction or exponent (the next byte then fails the next key), within `T`.
    fn unsigned<T: TryFrom<u64>>(&mut self) -> Option<T> {
        let bytes = self.rest.as_bytes();
        let len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 || (len > 1 && bytes.first() == Some(&b'0')) {
            return None;
        }
        let value = bytes.get(..len)?.iter().try_fold(0_u64, |v, d| {
            v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })?;
        self.rest = self.rest.get(len..)?;
        T::try_from(value).ok()
    }

    fn signed(&mut self) -> Option<i64> {
        if self.eat("-") {
            // serde_json reads `-0` as a float, which an integer field refuses.
            let magnitude: i64 = self.unsigned()?;
            (magnitude != 0).then_some(-magnitude)
        } else {
            self.unsigned()
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.eat("true") {
            Some(true)
        } else if self.eat("false") {
            Some(false)
        } else {
            None
        }
    }

    /// The first parser of `timestamp::required`; a text it refuses is serde's.
    fn timestamp(&mut self) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(self.text()?).ok()
    }

    /// As chrono's `Deserialize` for `NaiveDate` reads one.
    fn date(&mut self) -> Option<NaiveDate> {
        self.text()?.parse().ok()
    }

    /// A unit variant of an enum, by the enum's own `Deserialize`.
    fn variant<T: DeserializeOwned>(&mut self) -> Option<T> {
        T::deserialize(BorrowedStrDeserializer::<ValueError>::new(self.text()?)).ok()
    }

    fn exception(&mut self) -> Option<ExceptionRecord> {
        if !self.eat("{\"reason\":") {
            return None;
        }
        let reason = self.string()?;
        let follow_up_due = self.required("followUpDue", Self::date)?;
        self.eat("}").then_some(ExceptionRecord {
            reason,
            follow_up_due,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Verdict;
    use crate::error::{ErrorKind, from_json_str};
    use crate::gate::GateLevel;
    use crate::ledger::entry::{Severity, WindowKind};
    use crate::request::ReleaseType;
    use chrono::{Offset, Utc};
    use proptest::prelude::*;

    fn general(text: &str) -> Option<Entry> {
        from_json_str(text, ErrorKind::InvalidLedger).ok()
    }

    fn text() -> impl Strategy<Value = String> {
        // Mostly plain; sometimes a quote, backslash or control character (escaped in
        // the canonical form) or text beyond ASCII.
        prop_oneof![
            4 => "[a-z0-9 ._-]{0,12}",
            1 => "[a-z\"\\\\\u{1}\u{1f}é€🚀 ]{0,8}",
        ]
    }

    fn timestamp() -> impl Strategy<Value = DateTime<FixedOffset>> {
        (
            -5_000_000_000_i64..5_000_000_000,
            prop_oneof![Just(0_u32), 0..1_000_000_000_u32],
            -1439_i32..=1439,
        )
            .prop_map(|(secs, nanos, minutes)| {
                let offset = FixedOffset::east_opt(minutes * 60).unwrap_or_else(|| Utc.fix());
                DateTime::from_timestamp(secs, nanos)
                    .unwrap_or_default()
                    .with_timezone(&offset)
            })
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (-100_000_i64..100_000).prop_map(|days| NaiveDate::default() + chrono::Duration::days(days))
    }

    /// Any variant of an enum, from its list of all of them.
    fn pick<T: Clone + std::fmt::Debug + 'static, const N: usize>(
        all: [T; N],
    ) -> impl Strategy<Value = T> {
        prop::sample::select(all.to_vec())
    }

    fn entry() -> impl Strategy<Value = Entry> {
        let head = || (any::<u64>(), "[0-9a-f]{64}|[a-z]{0,3}", timestamp());
        let release = (
            head(),
            (text(), any::<u8>(), text(), prop::option::of(text())),
            (
                pick(ReleaseType::ALL),
                any::<u32>(),
                any::<u32>(),
                any::<u32>(),
                pick(GateLevel::ALL),
                pick(Verdict::ALL),
            ),
            (
                prop::option::of((text(), date())),
                any::<u64>(),
                any::<u64>(),
                any::<u32>(),
                prop::collection::vec(text(), 0..3),
            ),
        )
            .prop_map(
                |(
                    (seq, prev, at),
                    (service, tier, change_id, title),
                    (release_type, rrs, penalty, charge, gate, verdict),
                    (exception, additions, deletions, files, categories),
                )| {
                    Entry::Release(ReleaseEntry {
                        seq,
                        prev,
                        at,
                        service,
                        tier,
                        change_id,
                        title,
                        release_type,
                        rrs,
                        penalty,
                        charge,
                        gate,
                        verdict,
                        exception: exception.map(|(reason, follow_up_due)| ExceptionRecord {
                            reason,
                            follow_up_due,
                        }),
                        additions,
                        deletions,
                        files,
                        categories,
                    })
                },
            );
        let outcome = (
            head(),
            (
                text(),
                text(),
                any::<bool>(),
                prop::option::of(pick(Severity::ALL)),
            ),
            (
                prop::option::of(timestamp()),
                prop::option::of(timestamp()),
                any::<bool>(),
                prop::option::of(timestamp()),
                prop::option::of(timestamp()),
                prop::option::of(text()),
            ),
        )
            .prop_map(
                |(
                    (seq, prev, at),
                    (service, change_id, failed, severity),
                    (detected_at, restored_at, rolled_back, rolled_back_at, reviewed_at, note),
                )| {
                    Entry::Outcome(OutcomeEntry {
                        seq,
                        prev,
                        at,
                        service,
                        change_id,
                        failed,
                        severity,
                        detected_at,
                        restored_at,
                        rolled_back,
                        rolled_back_at,
                        reviewed_at,
                        note,
                    })
                },
            );
        let adjustment = (head(), text(), any::<i64>(), text(), text()).prop_map(
            |((seq, prev, at), service, amount, reason, approver)| {
                Entry::Adjustment(AdjustmentEntry {
                    seq,
                    prev,
                    at,
                    service,
                    amount,
                    reason,
                    approver,
                })
            },
        );
        let window = (
            head(),
            (
                prop::option::of(text()),
                prop::option::of(pick(WindowKind::ALL)),
                prop::option::of(text()),
            ),
            (
                prop::option::of(date()),
                prop::option::of(any::<u32>()),
                prop::option::of(any::<u32>()),
                text(),
                prop::option::of(text()),
            ),
        )
            .prop_map(
                |(
                    (seq, prev, at),
                    (service, window, utc_offset),
                    (sprint_start, sprint_days, allocated, reason, approver),
                )| {
                    Entry::Window(WindowEntry {
                        seq,
                        prev,
                        at,
                        service,
                        window,
                        utc_offset,
                        sprint_start,
                        sprint_days,
                        allocated,
                        reason,
                        approver,
                    })
                },
            );
        prop_oneof![release, outcome, adjustment, window]
    }

    /// Bits of JSON and of the canonical form, to damage a line with.
    const SNIPPETS: &[&str] = &[
        "",
        ",",
        "\"",
        "\\",
        " ",
        "0",
        "1",
        "-",
        ".5",
        "e3",
        "null",
        "true",
        "}",
        "{",
        "[",
        "]",
        ":",
        "\"kind\":\"release\"",
        ",\"title\":\"x\"",
        ",\"seq\":1",
        "\u{1}",
        "é",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every entry reads back from its canonical form as itself, without serde unless a
        /// string needed an escape.
        #[test]
        fn canonical_lines_read_back_as_their_entry(entry in entry()) {
            let line = entry.canonical();
            prop_assert_eq!(general(&line), Some(entry.clone()), "{}", line);
            if line.contains('\\') {
                prop_assert_eq!(parse(&line), None, "{}", line);
            } else {
                prop_assert_eq!(parse(&line), Some(entry), "{}", line);
            }
        }

        /// A damaged line is read by this reader only when serde reads the same entry from it.
        #[test]
        fn damaged_lines_are_read_as_serde_reads_them(
            entry in entry(),
            at in any::<prop::sample::Index>(),
            cut in 0_usize..4,
            snippet in prop::sample::select(SNIPPETS),
        ) {
            let line = entry.canonical();
            let bounds: Vec<usize> = line.char_indices().map(|(i, _)| i).chain([line.len()]).collect();
            let start = *at.get(&bounds);
            let end = bounds.iter().copied().filter(|&b| b >= start).nth(cut).unwrap_or(line.len());
            let damaged = format!("{}{snippet}{}", &line[..start], &line[end..]);
            if let Some(fast) = parse(&damaged) {
                prop_assert_eq!(general(&damaged), Some(fast), "{}", damaged);
            }
        }
    }

    #[test]
    fn lines_in_other_shapes_go_to_serde() {
        let prev = "0".repeat(64);
        let canonical = format!(
            r#"{{"kind":"release","seq":1,"prev":"{prev}","at":"2026-01-01T00:00:00Z","service":"a","tier":2,"changeId":"c1","releaseType":"feature","rrs":3,"penalty":0,"charge":3,"gate":"G1","verdict":"go","additions":0,"deletions":0,"files":0}}"#
        );
        assert!(parse(&canonical).is_some());
        for other in [
            canonical.replace(",\"seq\":1", ", \"seq\":1"),
            canonical.replace(",\"tier\":2", ",\"tier\":2.0"),
            canonical.replace(",\"tier\":2", ",\"tier\":02"),
            canonical.replace(",\"tier\":2", ",\"tier\":300"),
            canonical.replace("\"service\":\"a\"", "\"service\":\"\\u0061\""),
            canonical.replace(",\"tier\":2", ",\"title\":null,\"tier\":2"),
            canonical.replace("}", ",\"kind\":\"outcome\"}"),
            canonical.replace("}", "} "),
            canonical.replace("2026-01-01T00:00:00Z", "2026-01-01"),
            canonical.replace("{\"kind\":\"release\",", "{") + ",\"kind\":\"release\"}",
        ] {
            assert_eq!(parse(&other), None, "{other}");
        }
        // serde_json reads `-0` as a float, which an integer refuses; `-5` is an integer.
        let adjustment = |amount: &str| {
            format!(
                r#"{{"kind":"adjustment","seq":2,"prev":"{prev}","at":"2026-01-01T00:00:00Z","service":"a","amount":{amount},"reason":"r","approver":"Dana"}}"#
            )
        };
        assert_eq!(general(&adjustment("-0")), None);
        assert_eq!(parse(&adjustment("-0")), None);
        assert!(parse(&adjustment("-5")).is_some());
        assert_eq!(parse(&adjustment("-5")), general(&adjustment("-5")));
    }
}
