//! Verification: every line parsed, every link of the chain checked, and each break
//! explained as an edit, a deletion, an insertion or a reordering, by line number.
//!
//! The chain alone tells that something changed; `seq` (the entry's position) tells what:
//! a line whose `seq` follows its predecessor's but whose `prev` does not match was edited
//! (the predecessor), a jump in `seq` is a deletion, a repeated or out-of-place `seq` an
//! insertion or a move. Editing the very last line, or cutting lines off the end, leaves no
//! trace inside the ledger: compare `head` with a hash kept elsewhere (`expectHead`).

use super::entry::{Entry, GENESIS, Hash, parse_hash, to_hex};
use super::report::{Problem, Verification};
use crate::error::Error;

/// What verification keeps per line: 32 bytes.
#[derive(Debug, Clone, Copy)]
struct Record {
    seq: u64,
    /// First 8 bytes of the entry's hash and of its `prev` (for matching non-adjacent lines;
    /// adjacent links are checked on the full hash).
    hash8: u64,
    prev8: u64,
    at: i64,
    /// `prev` equals the full hash of the physical previous line (or the genesis value on line 1).
    link_ok: bool,
    malformed: bool,
}

fn prefix(hash: &Hash) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(hash.get(..8).unwrap_or(&[0; 8]));
    u64::from_be_bytes(b)
}

/// Streaming collector; [`Verifier::finish`] classifies the breaks.
#[derive(Debug, Default)]
pub struct Verifier {
    records: Vec<Record>,
    malformed: Vec<(u64, String)>,
    last_hash: Option<Hash>,
    scratch: String,
}

impl Verifier {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next line: its parsed entry, or the error that made it malformed.
    pub fn push(&mut self, parsed: Result<&Entry, &Error>) {
        let line = self.records.len() as u64 + 1;
        match parsed {
            Err(e) => {
                self.malformed.push((line, e.message().to_owned()));
                self.records.push(Record {
                    seq: 0,
                    hash8: 0,
                    prev8: 0,
                    at: i64::MIN,
                    link_ok: false,
                    malformed: true,
                });
                self.last_hash = None;
            }
            Ok(entry) => {
                let hash = entry.hash_with(&mut self.scratch);
                let prev = parse_hash(entry.prev()).unwrap_or([0xff; 32]);
                let link_ok = match (line, self.last_hash) {
                    (1, _) => prev == [0; 32],
                    (_, Some(last)) => prev == last,
                    (_, None) => false,
                };
                self.records.push(Record {
                    seq: entry.seq(),
                    hash8: prefix(&hash),
                    prev8: prefix(&prev),
                    at: entry.at().timestamp(),
                    link_ok,
                    malformed: false,
                });
                self.last_hash = Some(hash);
            }
        }
    }

    /// The report; `expect_head` is a head hash recorded elsewhere, to detect changes at the end.
    pub fn finish(self, expect_head: Option<&str>) -> Verification {
        let records = &self.records;
        let n = records.len();
        let mut problems: Vec<Problem> = self
            .malformed
            .iter()
            .map(|(line, message)| problem(*line, "malformed", message.clone()))
            .collect();
        let mut gaps: Vec<(usize, u64, u64)> = Vec::new(); // (problem index, first missing, last missing)
        let mut strays: Vec<(u64, u64)> = Vec::new(); // (line, seq) of lines behind the sequence
        let mut p: u64 = 0;
        let mut last: Option<usize> = None;
        let mut before_last: Option<usize> = None;
        let mut last_unknown = false;
        // (record index, problem index) of the last line accepted with a broken link.
        let mut broken_link: Option<(usize, usize)> = None;
        let mut i = 0;
        while let Some(r) = records.get(i) {
            let line = i as u64 + 1;
            if r.malformed {
                p += 1;
                before_last = last;
                last = Some(i);
                last_unknown = true;
                i += 1;
                continue;
            }
            let s = r.seq;
            let accepted = last.and_then(|a| records.get(a).map(|rec| (a, rec)));
            let linked = match accepted {
                None => r.link_ok,
                Some(_) if last_unknown => true,
                Some((a, _)) if a + 1 == i => r.link_ok,
                Some((_, rec)) => r.prev8 == rec.hash8,
            };
            if s == p + 1 {
                if !linked {
                    match accepted {
                        None => problems.push(problem(
                            line,
                            "edited",
                            format!("line {line}'s prev is not the genesis value: it was edited, or lines before it were removed"),
                        )),
                        Some((a, _)) => {
                            let edited = a as u64 + 1;
                            broken_link = Some((i, problems.len()));
                            problems.push(problem(
                                edited,
                                "edited",
                                format!("line {edited} was changed after line {line} was written: its hash no longer matches line {line}'s prev (or line {line}'s prev was altered)"),
                            ));
                        }
                    }
                } else if accepted.is_some_and(|(_, rec)| r.at < rec.at) {
                    problems.push(problem(
                        line,
                        "time_order",
                        format!("line {line} is dated before the entry it follows: entries must be in time order"),
                    ));
                }
                p = s;
                before_last = last;
                last = Some(i);
                last_unknown = false;
                i += 1;
                continue;
            }
            if s > p + 1 {
                let next = records.get(i + 1).filter(|x| !x.malformed);
                if let Some(nx) = next.filter(|x| x.seq == p + 1) {
                    if r.prev8 == nx.hash8 {
                        problems.push(problem(
                            line,
                            "reordered",
                            format!("lines {line} and {} are in the wrong order (seq {s} before seq {})", line + 1, nx.seq),
                        ));
                        p = s;
                        before_last = Some(i + 1);
                        last = Some(i);
                        last_unknown = false;
                        i += 2;
                    } else {
                        problems.push(problem(
                            line,
                            "inserted",
                            format!("line {line} (seq {s}) does not belong to the chain: it was inserted"),
                        ));
                        i += 1;
                    }
                    continue;
                }
                let (first, end) = (p + 1, s - 1);
                gaps.push((problems.len(), first, end));
                let what = if first == end {
                    format!(
                        "the entry with seq {first} is missing before line {line}: it was deleted"
                    )
                } else {
                    format!(
                        "{} entries (seq {first} to {end}) are missing before line {line}: they were deleted",
                        end - first + 1
                    )
                };
                problems.push(problem(line, "deleted", what));
                p = s;
                before_last = last;
                last = Some(i);
                last_unknown = false;
                i += 1;
                continue;
            }
            // s <= p: behind the sequence.
            let prev_line = i
                .checked_sub(1)
                .and_then(|j| records.get(j).map(|rec| (j, rec)));
            if let Some((_, pl)) =
                prev_line.filter(|(j, pl)| last == Some(*j) && !pl.malformed && pl.hash8 == r.hash8)
            {
                let _ = pl;
                problems.push(problem(
                    line,
                    "inserted",
                    format!("line {line} repeats line {}: it was inserted", line - 1),
                ));
                i += 1;
                continue;
            }
            // A line accepted in sequence just before, whose seq this line repeats while this
            // line's prev skips over it: that line was the one inserted.
            let intruder = match (last, before_last) {
                (Some(a), Some(b)) if a + 1 == i => records
                    .get(a)
                    .zip(records.get(b))
                    .is_some_and(|(ra, rb)| ra.seq == s && !rb.malformed && r.prev8 == rb.hash8),
                (Some(0), None) if i == 1 => {
                    records.first().is_some_and(|ra| ra.seq == s) && r.prev8 == 0
                }
                _ => false,
            };
            if intruder {
                // The broken link that line had was the insertion, not an edit.
                if let Some((_, idx)) = broken_link.filter(|(rec, _)| last == Some(*rec))
                    && let Some(pr) = problems.get_mut(idx)
                {
                    pr.code.clear();
                }
                let inserted = i as u64; // the previous line
                problems.push(problem(
                    inserted,
                    "inserted",
                    format!("line {inserted} was inserted: line {line} continues the chain from the line before it"),
                ));
                p = s;
                last = Some(i);
                // `before_last` stays: the line before the intruder.
                last_unknown = false;
                i += 1;
                continue;
            }
            strays.push((line, s));
            problems.push(problem(
                line,
                "inserted",
                format!("line {line} has seq {s}, which the ledger already passed (seq {p}): it was inserted or copied"),
            ));
            i += 1;
        }
        // A stray whose seq falls in a gap was moved there, not inserted.
        for (line, seq) in &strays {
            if let Some((idx, first, end)) = gaps.iter().find(|(_, f, e)| f <= seq && seq <= e) {
                if let Some(gap) = problems.get_mut(*idx) {
                    gap.code = String::from("reordered");
                    gap.message = format!(
                        "the entry with seq {seq} belongs before line {} but is at line {line}: lines were moved (seq {first} to {end} out of place)",
                        gap.line
                    );
                }
                if let Some(stray) = problems
                    .iter_mut()
                    .find(|pr| pr.line == *line && pr.code == "inserted")
                {
                    stray.code = String::from("reordered");
                    stray.message =
                        format!("line {line} (seq {seq}) is out of order: it was moved here");
                }
            }
        }
        let head = match (self.last_hash, records.last()) {
            (_, None) => Some(GENESIS.to_owned()),
            (Some(h), Some(r)) if !r.malformed => Some(to_hex(&h)),
            _ => None,
        };
        if let Some(expected) = expect_head
            && head.as_deref() != Some(expected)
        {
            {
                problems.push(problem(
                    n as u64,
                    "head_mismatch",
                    format!(
                        "the last entry's hash is {} but {expected} was expected: the last line was edited, or lines were removed from or added at the end",
                        head.as_deref().unwrap_or("unknown")
                    ),
                ));
            }
        }
        problems.retain(|p| !p.code.is_empty());
        crate::sorting::sort_by_key(&mut problems, |p| u128::from(p.line));
        Verification {
            ok: problems.is_empty(),
            entries: n as u64,
            head,
            problems,
        }
    }
}

fn problem(line: u64, code: &str, message: String) -> Problem {
    Problem {
        line,
        code: code.to_owned(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{parse_value, to_hex};

    fn ledger(n: u64) -> Vec<Entry> {
        let mut prev = GENESIS.to_owned();
        let mut out = Vec::new();
        for seq in 1..=n {
            let doc = serde_json::json!({
                "kind": "adjustment", "seq": seq, "prev": prev, "at": format!("2026-11-{:02}T00:00:00Z", seq),
                "service": "s", "amount": seq, "reason": "r", "approver": "a"
            });
            let entry = parse_value(seq, &doc).unwrap();
            prev = to_hex(&entry.hash());
            out.push(entry);
        }
        out
    }

    fn codes(entries: &[Entry]) -> Vec<(u64, String)> {
        let mut v = Verifier::new();
        for e in entries {
            v.push(Ok(e));
        }
        v.finish(None)
            .problems
            .into_iter()
            .map(|p| (p.line, p.code))
            .collect()
    }

    #[test]
    fn a_line_moved_far_is_reported_as_reordered_at_both_ends() {
        let mut entries = ledger(6);
        let moved = entries.remove(1);
        entries.insert(4, moved);
        assert_eq!(
            codes(&entries),
            vec![
                (2, String::from("reordered")),
                (5, String::from("reordered"))
            ]
        );
    }

    #[test]
    fn an_intact_ledger_has_no_problem_and_the_empty_one_has_the_genesis_head() {
        assert!(codes(&ledger(5)).is_empty());
        assert_eq!(
            Verifier::new().finish(Some(GENESIS)).head.as_deref(),
            Some(GENESIS)
        );
    }
}
