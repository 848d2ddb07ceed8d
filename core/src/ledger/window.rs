//! Budget windows: calendar months in a UTC offset, or fixed-length sprints, and the
//! history of window policy changes that a ledger's `window` entries make.
//!
//! Instants are Unix seconds; sub-second parts are ignored. A window is `[start, end)`.

use super::entry::{WindowEntry, WindowKind, parse_offset};
use super::rules::LedgerRules;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, Utc};
use serde::{Deserialize, Serialize};

pub(crate) const DAY: i64 = 86_400;

/// How windows are cut from a given instant on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Scheme {
    pub kind: WindowKind,
    /// Seconds east of UTC.
    pub offset: i32,
    pub sprint_start: Option<NaiveDate>,
    pub sprint_days: u32,
    /// Base allocation override (risk points per window).
    pub allocated: Option<u32>,
}

impl Scheme {
    pub fn from_rules(rules: &LedgerRules) -> Self {
        Self {
            kind: rules.window,
            offset: parse_offset(&rules.utc_offset).map_or(0, |o| o.local_minus_utc()),
            sprint_start: rules.sprint.as_ref().map(|s| s.start),
            sprint_days: rules.sprint.as_ref().map_or(14, |s| s.days),
            allocated: None,
        }
    }

    /// This scheme with the fields a window entry states.
    fn with(&self, entry: &WindowEntry) -> Self {
        let mut next = self.clone();
        if let Some(kind) = entry.window {
            next.kind = kind;
        }
        if let Some(offset) = entry.utc_offset.as_deref().and_then(parse_offset) {
            next.offset = offset.local_minus_utc();
        }
        if let Some(start) = entry.sprint_start {
            next.sprint_start = Some(start);
        }
        if let Some(days) = entry.sprint_days {
            next.sprint_days = days;
        }
        if let Some(allocated) = entry.allocated {
            next.allocated = Some(allocated);
        }
        next
    }

    pub fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.offset).unwrap_or_else(|| Utc.fix())
    }

    /// The unclipped window of this scheme containing `t`.
    fn raw_window(&self, t: i64) -> Option<(i64, i64)> {
        let offset = i64::from(self.offset);
        match self.kind {
            WindowKind::Monthly => {
                let local = DateTime::from_timestamp(t.checked_add(offset)?, 0)?.naive_utc();
                let first = NaiveDate::from_ymd_opt(local.year(), local.month(), 1)?;
                let next = if local.month() == 12 {
                    NaiveDate::from_ymd_opt(local.year().checked_add(1)?, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(local.year(), local.month() + 1, 1)?
                };
                Some((midnight(first)? - offset, midnight(next)? - offset))
            }
            WindowKind::Sprint => {
                let start = self.sprint_start?;
                let len = i64::from(self.sprint_days.max(1)) * DAY;
                let anchor = midnight(start)? - offset;
                let k = (t - anchor).div_euclid(len);
                let s = anchor.checked_add(k.checked_mul(len)?)?;
                Some((s, s.checked_add(len)?))
            }
        }
    }
}

fn midnight(date: NaiveDate) -> Option<i64> {
    Some(
        NaiveDateTime::new(date, chrono::NaiveTime::MIN)
            .and_utc()
            .timestamp(),
    )
}

/// One window of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Window {
    pub start: i64,
    pub end: i64,
    pub scheme: Scheme,
    /// Clipped by a change of window policy (shorter than its scheme's window).
    pub clipped: bool,
}

/// The window policy over time: the policy's scheme, then each change from its instant on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct History {
    base: Scheme,
    /// `(effective instant, scheme)`, increasing instants.
    changes: Vec<(i64, Scheme)>,
}

impl History {
    pub fn new(base: Scheme) -> Self {
        Self {
            base,
            changes: Vec::new(),
        }
    }

    fn active(&self, t: i64) -> (Option<i64>, &Scheme, Option<i64>) {
        let idx = self.changes.partition_point(|(e, _)| *e <= t);
        let (since, scheme) = match idx.checked_sub(1).and_then(|i| self.changes.get(i)) {
            Some((e, s)) => (Some(*e), s),
            None => (None, &self.base),
        };
        let until = self.changes.get(idx).map(|(e, _)| *e);
        (since, scheme, until)
    }

    /// The window containing `t`.
    pub fn window(&self, t: i64) -> Option<Window> {
        let (since, scheme, until) = self.active(t);
        let (raw_start, raw_end) = scheme.raw_window(t)?;
        let start = since.map_or(raw_start, |s| s.max(raw_start));
        let end = until.map_or(raw_end, |u| u.min(raw_end));
        Some(Window {
            start,
            end,
            scheme: scheme.clone(),
            clipped: start != raw_start || end != raw_end,
        })
    }

    /// The window before `w`.
    pub fn previous(&self, w: &Window) -> Option<Window> {
        self.window(w.start.checked_sub(1)?)
    }

    /// Records a window entry made at `t`: it takes effect at the end of the window containing `t`.
    pub fn apply(&mut self, t: i64, entry: &WindowEntry) -> Option<i64> {
        let effective = self.window(t)?.end;
        let (_, current, _) = self.active(effective);
        let next = current.with(entry);
        match self.changes.iter_mut().find(|(e, _)| *e == effective) {
            Some((_, scheme)) => *scheme = next,
            None => {
                let idx = self.changes.partition_point(|(e, _)| *e < effective);
                self.changes.insert(idx, (effective, next));
            }
        }
        Some(effective)
    }
}

/// A window's calendar date of instant `t`, in the scheme's offset.
pub(crate) fn local_date(t: i64, offset: i32) -> Option<NaiveDate> {
    Some(DateTime::from_timestamp(t.checked_add(i64::from(offset))?, 0)?.date_naive())
}

/// An instant as RFC 3339 in the given offset.
pub(crate) fn instant(t: i64, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    Some(DateTime::from_timestamp(t, 0)?.with_timezone(&offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.timestamp())
            .unwrap_or(i64::MIN)
    }

    fn sprint(start: &str, days: u32) -> Scheme {
        Scheme {
            kind: WindowKind::Sprint,
            offset: 0,
            sprint_start: NaiveDate::parse_from_str(start, "%Y-%m-%d").ok(),
            sprint_days: days,
            allocated: None,
        }
    }

    #[test]
    fn sprints_before_their_start_date_count_backwards() {
        let history = History::new(sprint("2026-01-05", 14));
        let w = history.window(ts("2026-01-04T23:59:59Z")).unwrap();
        assert_eq!(
            (w.start, w.end),
            (ts("2025-12-22T00:00:00Z"), ts("2026-01-05T00:00:00Z"))
        );
    }

    #[test]
    fn december_rolls_over_into_the_next_year_in_the_offset() {
        let mut scheme = sprint("2026-01-05", 14);
        scheme.kind = WindowKind::Monthly;
        scheme.offset = 9 * 3600;
        let history = History::new(scheme);
        let w = history.window(ts("2026-12-31T15:00:00Z")).unwrap(); // 2027-01-01 00:00 at +09:00
        assert_eq!(w.start, ts("2027-01-01T00:00:00+09:00"));
        let w = history.window(ts("2026-12-31T14:59:59Z")).unwrap();
        assert_eq!(
            (w.start, w.end),
            (
                ts("2026-12-01T00:00:00+09:00"),
                ts("2027-01-01T00:00:00+09:00")
            )
        );
    }
}
