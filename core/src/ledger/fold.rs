//! The streaming fold: entries in, one at a time, checked against the chain, folded into
//! per-window accumulators; [`Fold::finish`] turns the state into a [`Status`].
//!
//! Time is linear in the number of entries. Memory holds the windows the report needs
//! (the current one and the earned-capacity look-back; older ones are pruned), the window
//! policy changes, and one compact record per distinct change id of the reported service
//! (what idempotency needs: a change id is charged once, however late it is recorded again).
//! The state is serializable: a fold can be checkpointed and resumed.

use super::entry::{
    Entry, GENESIS, Hash, OutcomeEntry, ReleaseEntry, Severity, format_offset, ledger_error,
    parse_hash, text_hash, to_hex,
};
use super::metrics::{self, Acc};
use super::report::{
    AdjustmentRecord, Allocation, BurnDown, BurnPoint, Duplicate, FollowUp, Status, Trend,
    WindowInfo,
};
use super::rules::{Granularity, LedgerRules};
use super::window::{DAY, History, Scheme, Window, instant, local_date};
use crate::budget::{BudgetStatus, remaining_pct, round_pct};
use crate::decision::Verdict;
use crate::error::{Error, ErrorKind};
use crate::policy::{BudgetRules, Policy};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the fold needs from the policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
struct Config {
    rules: LedgerRules,
    budget: BudgetRules,
    monthly_budgets: BTreeMap<u8, u32>,
}

/// The chain check: seq, prev and time order, line by line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Chain {
    lines: u64,
    last_seq: u64,
    last_hash: Hash,
    last_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ReleaseInfo {
    pub line: u64,
    pub at: i64,
    pub window: i64,
    pub charge: u32,
    pub waived: bool,
    pub follow_up_due: Option<NaiveDate>,
    pub lines: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OutcomeState {
    pub first_at: i64,
    pub failed: bool,
    pub severity: Option<Severity>,
    pub detected: Option<i64>,
    pub restored: Option<i64>,
    pub rolled_back: bool,
    pub rolled_back_at: Option<i64>,
    pub reviewed: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ChangeState {
    pub release: Option<ReleaseInfo>,
    /// Boxed: most changes never get an outcome, and the fold keeps one state per change id.
    pub outcome: Option<Box<OutcomeState>>,
}

/// Per-window accumulators.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WindowAcc {
    pub consumed: u64,
    pub releases: u32,
    pub exceptions: u32,
    pub blocked: u32,
    pub adjustment_total: i64,
    pub adjustments: Vec<AdjustmentRecord>,
    pub duplicates: Vec<Duplicate>,
    /// Charges per day since the window start.
    pub days: BTreeMap<i64, u64>,
}

/// Scratch buffer for canonical serialization; not part of the state.
#[derive(Debug, Clone, Default)]
struct Scratch(String);

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A prior charge of a change id, found while folding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorRelease {
    pub line: u64,
    pub charge: u32,
    pub waived: bool,
    /// The charge fell in the window of the status instant.
    pub in_window: bool,
}

/// The streaming fold of one service's ledger at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
pub struct Fold {
    config: Config,
    service: String,
    at: DateTime<FixedOffset>,
    t: i64,
    tier: Option<u8>,
    last_tier: Option<u8>,
    chain: Chain,
    history: History,
    windows: BTreeMap<i64, WindowAcc>,
    changes: BTreeMap<String, ChangeState>,
    latest: Option<i64>,
    granularity: Granularity,
    /// The last entry when it came as a line of text whose hash is in `chain.last_hash`
    /// instead of its canonical form's (see [`Fold::push_line`]).
    pending: Option<Entry>,
    #[serde(skip)]
    scratch: Scratch,
}

impl Fold {
    /// A fold of `service`'s budget at instant `at`; `tier` overrides the latest release's.
    pub fn new(
        policy: &Policy,
        service: &str,
        at: DateTime<FixedOffset>,
        tier: Option<u8>,
    ) -> Self {
        let rules = policy.ledger.clone();
        let scheme = Scheme::from_rules(&rules);
        Self {
            granularity: rules.burn_down,
            config: Config {
                rules,
                budget: policy.budget.clone(),
                // Inserted one by one: collecting into a map sorts first (a sort's code
                // of its own), and the tiers come in order anyway.
                monthly_budgets: policy.tiers.iter().fold(BTreeMap::new(), |mut m, (k, v)| {
                    m.insert(*k, v.monthly_budget);
                    m
                }),
            },
            service: service.to_owned(),
            at,
            t: at.timestamp(),
            tier,
            last_tier: None,
            chain: Chain {
                lines: 0,
                last_seq: 0,
                last_hash: [0; 32],
                last_at: None,
            },
            history: History::new(scheme),
            windows: BTreeMap::new(),
            changes: BTreeMap::new(),
            latest: None,
            pending: None,
            scratch: Scratch::default(),
        }
    }

    /// Burn-down points per day (the policy's default) or per week.
    pub fn set_granularity(&mut self, granularity: Granularity) {
        self.granularity = granularity;
    }

    /// Lines pushed so far; the next entry is line `lines() + 1`.
    pub fn lines(&self) -> u64 {
        self.chain.lines
    }

    /// Hash of the last entry (the next entry's `prev`).
    pub fn head(&self) -> String {
        match &self.pending {
            _ if self.chain.lines == 0 => GENESIS.to_owned(),
            Some(entry) => to_hex(&entry.hash_with(&mut String::new())),
            None => to_hex(&self.chain.last_hash),
        }
    }

    pub fn last_seq(&self) -> u64 {
        self.chain.last_seq
    }

    pub fn last_at(&self) -> Option<DateTime<FixedOffset>> {
        self.chain.last_at
    }

    /// The charged release of `change_id` for this service, if any.
    pub fn prior_release(&self, change_id: &str) -> Option<PriorRelease> {
        let release = self.changes.get(change_id)?.release.as_ref()?;
        let current = self.history.window(self.t).map(|w| w.start);
        Some(PriorRelease {
            line: release.line,
            charge: release.charge,
            waived: release.waived,
            in_window: current == Some(release.window),
        })
    }

    /// Checks the next entry against the chain, then folds it. A chain failure is an
    /// `invalid_ledger` error naming the line; the fold must not be used after one.
    pub fn push(&mut self, entry: &Entry) -> Result<(), Error> {
        let line = self.chain.lines + 1;
        self.check_chain(line, entry)?;
        let hash = entry.hash_with(&mut self.scratch.0);
        self.pending = None;
        self.link(line, entry, hash);
        self.fold(line, entry)
    }

    /// [`Self::push`] for an entry read from `text`, one line of a ledger file. riskgate
    /// writes each entry in its canonical form, so the hash of the text as stored is almost
    /// always the hash the chain needs, and costs no re-serialization. It is only trusted
    /// when the next entry's `prev` equals it: SHA-256 then says the text is byte for byte
    /// the canonical form that `prev` was made from. Otherwise (the line was reformatted,
    /// or it is the last line and its hash is asked for) the canonical form is hashed, so
    /// every answer is the same as [`Self::push`]'s.
    pub fn push_line(&mut self, entry: Entry, text: &str) -> Result<(), Error> {
        self.push_line_hashed(entry, text_hash(text))
    }

    /// [`Self::push_line`] with the line's [`text_hash`] computed already.
    pub(crate) fn push_line_hashed(&mut self, entry: Entry, text_hash: Hash) -> Result<(), Error> {
        let line = self.chain.lines + 1;
        self.check_chain(line, &entry)?;
        self.link(line, &entry, text_hash);
        let folded = self.fold(line, &entry);
        self.pending = Some(entry);
        folded
    }

    fn link(&mut self, line: u64, entry: &Entry, hash: Hash) {
        self.chain = Chain {
            lines: line,
            last_seq: entry.seq(),
            last_hash: hash,
            last_at: Some(entry.at()),
        };
    }

    fn fold(&mut self, line: u64, entry: &Entry) -> Result<(), Error> {
        let t = entry.at().timestamp();
        if t > self.t {
            return Ok(());
        }
        match entry {
            Entry::Window(w) if w.service.as_deref().is_none_or(|s| s == self.service) => {
                self.history.apply(t, w).ok_or_else(|| out_of_range(line))?;
            }
            Entry::Release(r) if r.service == self.service => self.release(line, t, r)?,
            Entry::Outcome(o) if o.service == self.service => self.outcome(t, o),
            Entry::Adjustment(a) if a.service == self.service => {
                let acc = self.acc(line, t)?.1;
                acc.adjustment_total = acc.adjustment_total.saturating_add(a.amount);
                acc.adjustments.push(AdjustmentRecord {
                    line,
                    at: a.at,
                    amount: a.amount,
                    reason: a.reason.clone(),
                    approver: a.approver.clone(),
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn check_chain(&mut self, line: u64, entry: &Entry) -> Result<(), Error> {
        let expected = self.chain.last_seq + 1;
        let seq = entry.seq();
        if seq != expected {
            let why = if seq > expected {
                let missing = seq - expected;
                format!(
                    "{missing} entr{} missing before it (deleted) or lines out of order",
                    if missing == 1 { "y is" } else { "ies are" }
                )
            } else {
                String::from("a line was inserted, duplicated or moved")
            };
            return Err(ledger_error(
                line,
                "seq",
                format!(
                    "the ledger fails verification: line {line} has seq {seq} where {expected} was expected: {why}"
                ),
            ));
        }
        let prev = parse_hash(entry.prev()).unwrap_or([0xff; 32]);
        if line == 1 && prev != [0; 32] {
            return Err(ledger_error(
                1,
                "prev",
                "the ledger fails verification: line 1's prev is not the genesis value (64 zeros): it was edited or lines before it were removed",
            ));
        }
        if line > 1
            && prev != self.chain.last_hash
            && let Some(last) = self.pending.take()
        {
            // The last line's text is not its canonical form: hash that instead.
            self.chain.last_hash = last.hash_with(&mut self.scratch.0);
        }
        if line > 1 && prev != self.chain.last_hash {
            let before = line - 1;
            return Err(ledger_error(
                before,
                "",
                format!(
                    "the ledger fails verification: line {before} was edited: its hash no longer matches the prev of line {line} (or line {line}'s prev was altered)"
                ),
            ));
        }
        if self.chain.last_at.is_some_and(|last| entry.at() < last) {
            return Err(ledger_error(
                line,
                "at",
                format!(
                    "the ledger fails verification: line {line} is dated before line {}: entries must be in time order",
                    line - 1
                ),
            ));
        }
        Ok(())
    }

    fn window_of(&self, line: u64, t: i64) -> Result<Window, Error> {
        self.history.window(t).ok_or_else(|| out_of_range(line))
    }

    /// The accumulator of the window containing `t`, pruning windows the report can no longer need.
    fn acc(&mut self, line: u64, t: i64) -> Result<(Window, &mut WindowAcc), Error> {
        let window = self.window_of(line, t)?;
        if self.latest.is_none_or(|l| window.start > l) {
            self.latest = Some(window.start);
            let mut oldest = window.clone();
            for _ in 0..=self.config.rules.earned_capacity.windows {
                match self.history.previous(&oldest) {
                    Some(w) => oldest = w,
                    None => break,
                }
            }
            let cutoff = oldest.start;
            self.windows.retain(|start, _| *start >= cutoff);
        }
        let acc = self.windows.entry(window.start).or_default();
        Ok((window, acc))
    }

    fn release(&mut self, line: u64, t: i64, r: &ReleaseEntry) -> Result<(), Error> {
        self.last_tier = Some(r.tier);
        let (window, _) = self.acc(line, t)?;
        let start = window.start;
        let state = self.changes.entry(r.change_id.clone()).or_default();
        let duplicate_of = state.release.as_ref().map(|first| first.line);
        let go = r.verdict == Verdict::Go;
        if go && duplicate_of.is_none() {
            state.release = Some(ReleaseInfo {
                line,
                at: t,
                window: start,
                charge: r.charge,
                waived: r.exception.is_some(),
                follow_up_due: r.exception.as_ref().map(|e| e.follow_up_due),
                lines: r.additions.saturating_add(r.deletions),
            });
        } else if state.release.is_none() && state.outcome.is_none() {
            self.changes.remove(&r.change_id);
        }
        let acc = self.windows.entry(start).or_default();
        if !go {
            acc.blocked += 1;
        } else if let Some(first_line) = duplicate_of {
            acc.duplicates.push(Duplicate {
                line,
                change_id: r.change_id.clone(),
                first_line,
            });
        } else {
            acc.consumed = acc.consumed.saturating_add(u64::from(r.charge));
            acc.releases += 1;
            if r.exception.is_some() {
                acc.exceptions += 1;
            }
            let day = (t - start).div_euclid(DAY);
            let slot = acc.days.entry(day).or_default();
            *slot = slot.saturating_add(u64::from(r.charge));
        }
        Ok(())
    }

    fn outcome(&mut self, t: i64, o: &OutcomeEntry) {
        let state = self.changes.entry(o.change_id.clone()).or_default();
        let out = state.outcome.get_or_insert_with(|| {
            Box::new(OutcomeState {
                first_at: t,
                ..OutcomeState::default()
            })
        });
        out.failed = o.failed;
        let ts = |d: Option<DateTime<FixedOffset>>| d.map(|d| d.timestamp());
        if o.severity.is_some() {
            out.severity = o.severity;
        }
        if o.detected_at.is_some() {
            out.detected = ts(o.detected_at);
        }
        if o.restored_at.is_some() {
            out.restored = ts(o.restored_at);
        }
        out.rolled_back |= o.rolled_back;
        if o.rolled_back_at.is_some() {
            out.rolled_back_at = ts(o.rolled_back_at);
        }
        if o.reviewed_at.is_some() {
            out.reviewed = ts(o.reviewed_at);
        }
    }

    /// The status at the fold's instant.
    pub fn finish(&self) -> Result<Status, Error> {
        let rules = &self.config.rules;
        let current = self.history.window(self.t).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRequest,
                "at",
                "the instant is out of the supported range",
            )
        })?;
        let offset = current.scheme.offset();
        let mut windows = vec![current.clone()];
        for _ in 0..=rules.earned_capacity.windows {
            let Some(prev) = windows.last().and_then(|w| self.history.previous(w)) else {
                break;
            };
            windows.push(prev);
        }

        // One pass over the change records: per-window metrics, incidents, follow-ups.
        let mut accs: Vec<Acc> = windows.iter().map(|_| Acc::default()).collect();
        let today = local_date(self.t, current.scheme.offset).unwrap_or_default();
        let mut follow_ups = Vec::new();
        let mut incidents = metrics::IncidentAcc::new(rules, self.t);
        for (id, state) in &self.changes {
            if let Some(release) = &state.release {
                if let Some(acc) = windows
                    .iter()
                    .position(|w| w.start == release.window)
                    .and_then(|i| accs.get_mut(i))
                {
                    acc.add(release, state.outcome.as_deref(), rules);
                }
                if let Some(due) = release.follow_up_due {
                    let reviewed = state
                        .outcome
                        .as_deref()
                        .and_then(|o| o.reviewed)
                        .is_some_and(|r| r <= self.t);
                    if !reviewed && today > due {
                        follow_ups.push(FollowUp {
                            change_id: id.clone(),
                            line: release.line,
                            due,
                            days_overdue: (today - due).num_days(),
                        });
                    }
                }
            }
            if let Some(outcome) = &state.outcome {
                incidents.add(id, outcome);
            }
        }
        crate::sorting::sort_by_key(&mut follow_ups, |f| {
            (crate::sorting::date_key(f.due) << 64) | u128::from(f.line)
        });

        let empty = WindowAcc::default();
        let window_acc = |w: &Window| self.windows.get(&w.start).unwrap_or(&empty);
        let mut history = Vec::new();
        for (i, (w, acc)) in windows.iter().zip(&accs).enumerate() {
            let end = if i == 0 { self.t.min(w.end) } else { w.end };
            history.push(acc.metrics(w, end, window_acc(w), rules, offset)?);
        }
        let metrics_now = if history.is_empty() {
            None
        } else {
            Some(history.remove(0))
        };
        let metrics_now =
            metrics_now.ok_or_else(|| Error::new(ErrorKind::Internal, "", "no current window"))?;

        // Allocation.
        let tier = self.tier.or(self.last_tier);
        let base = self.base_allocation(&current, tier)?;
        let earned = metrics::earned_capacity(&windows, &accs, rules, base, offset);
        let acc = window_acc(&current);
        let total = base
            .saturating_add(earned.points)
            .saturating_add(acc.adjustment_total);
        let consumed = acc.consumed;
        let consumed_i = i64::try_from(consumed).unwrap_or(i64::MAX);
        let remaining = total.saturating_sub(consumed_i);
        let alloc_u32 = u32::try_from(total.max(0)).unwrap_or(u32::MAX);
        let status = BudgetStatus::of(remaining, alloc_u32, &self.config.budget);

        // Burn-down and trend.
        let elapsed_secs = (self.t - current.start).max(0);
        let elapsed = elapsed_secs as f64 / DAY as f64;
        let length = (current.end - current.start) as f64 / DAY as f64;
        let burn_per_day = if elapsed > 0.0 {
            consumed as f64 / elapsed
        } else {
            0.0
        };
        let (burn_down, fit) =
            burn_down(&current, acc, total, elapsed_secs, length, self.granularity);
        let mut trend = Trend {
            slope_per_day: round(fit.slope, 4),
            intercept: round(fit.intercept, 4),
            points: fit.points,
            depletion_at: None,
            days_to_depletion: None,
            within_window: None,
        };
        let mut projected = None;
        if remaining > 0 && fit.slope > 0.0 {
            let x = ((total as f64 - fit.intercept) / fit.slope).max(elapsed);
            let secs = (x * DAY as f64).floor();
            if secs.is_finite() && secs < 1e15 {
                let at = current.start.saturating_add(secs as i64);
                trend.depletion_at = instant(at, offset);
                trend.days_to_depletion = Some(round(x - elapsed, 2));
                trend.within_window = Some(at < current.end);
                projected = local_date(at, current.scheme.offset);
            }
        }

        let mut duplicates = acc.duplicates.clone();
        crate::sorting::sort_by_key(&mut duplicates, |d| u128::from(d.line));
        Ok(Status {
            service: self.service.clone(),
            at: self.at,
            tier,
            window: WindowInfo {
                kind: current.scheme.kind,
                start: instant(current.start, offset).unwrap_or(self.at),
                end: instant(current.end, offset).unwrap_or(self.at),
                utc_offset: format_offset(offset),
                days: round(length, 4),
                elapsed_days: round(elapsed, 4),
                clipped: current.clipped,
            },
            allocation: Allocation {
                base,
                earned: earned.points,
                adjustments: acc.adjustment_total,
                total,
            },
            allocated: total,
            consumed,
            remaining,
            remaining_pct: round_pct(remaining_pct(remaining, alloc_u32.max(1))),
            status,
            burn_per_day: round(burn_per_day, 2),
            projected_depletion: projected,
            trend,
            exceptions_this_window: acc.exceptions,
            follow_ups_overdue: follow_ups,
            releases: acc.releases,
            blocked_attempts: acc.blocked,
            duplicates_ignored: duplicates,
            adjustments: acc.adjustments.clone(),
            burn_down,
            earned_capacity: earned,
            metrics: metrics_now,
            history,
            incidents: incidents.finish(),
            entries: self.chain.lines,
            head: self.head(),
        })
    }

    fn base_allocation(&self, window: &Window, tier: Option<u8>) -> Result<i64, Error> {
        if let Some(allocated) = window.scheme.allocated {
            return Ok(i64::from(allocated));
        }
        let tier = tier.ok_or_else(|| {
            Error::request(
                "tier",
                format!(
                    "service '{}' has no release in the ledger before this instant: give its tier",
                    self.service
                ),
            )
        })?;
        let monthly = self
            .config
            .monthly_budgets
            .get(&tier)
            .copied()
            .ok_or_else(|| {
                Error::request("tier", format!("tier {tier} is not defined by the policy"))
            })?;
        let monthly = i64::from(monthly);
        Ok(match window.scheme.kind {
            super::entry::WindowKind::Monthly => monthly,
            super::entry::WindowKind::Sprint => {
                let per_month = i64::from(self.config.rules.days_per_month.max(1));
                (monthly * i64::from(window.scheme.sprint_days) * 2 + per_month) / (2 * per_month)
            }
        })
    }
}

fn out_of_range(line: u64) -> Error {
    ledger_error(
        line,
        "at",
        format!("line {line}: the instant is out of the supported range"),
    )
}

/// Rounds to `decimals` places.
pub(crate) fn round(x: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    let r = (x * factor).round() / factor;
    if r == 0.0 { 0.0 } else { r }
}

pub(crate) struct Fit {
    pub slope: f64,
    pub intercept: f64,
    pub points: u32,
}

/// Least squares through `(x, y)` points.
fn fit(points: &[(f64, f64)]) -> Fit {
    let n = points.len() as f64;
    let (sx, sy, sxx, sxy) = points
        .iter()
        .fold((0.0, 0.0, 0.0, 0.0), |(sx, sy, sxx, sxy), (x, y)| {
            (sx + x, sy + y, sxx + x * x, sxy + x * y)
        });
    let denom = n * sxx - sx * sx;
    let count = u32::try_from(points.len()).unwrap_or(u32::MAX);
    if points.len() < 2 || denom == 0.0 {
        return Fit {
            slope: 0.0,
            intercept: if n > 0.0 { sy / n } else { 0.0 },
            points: count,
        };
    }
    let slope = (n * sxy - sx * sy) / denom;
    Fit {
        slope,
        intercept: (sy - slope * sx) / n,
        points: count,
    }
}

fn burn_down(
    window: &Window,
    acc: &WindowAcc,
    allocated: i64,
    elapsed_secs: i64,
    length: f64,
    granularity: Granularity,
) -> (BurnDown, Fit) {
    // The day `now` falls in; when `now` is exactly midnight, the day that just ended
    // (entries dated exactly `now` are added to it).
    let current_day = if elapsed_secs > 0 && elapsed_secs % DAY == 0 {
        elapsed_secs / DAY - 1
    } else {
        elapsed_secs.div_euclid(DAY)
    };
    let step = match granularity {
        Granularity::Day => 1,
        Granularity::Week => 7,
    };
    let mut points = Vec::new();
    let mut fit_points = vec![(0.0, 0.0)];
    let mut cum: u64 = 0;
    let elapsed = elapsed_secs as f64 / DAY as f64;
    for day in 0..=current_day {
        cum = cum.saturating_add(acc.days.get(&day).copied().unwrap_or(0));
        let covered = day + 1;
        let is_last = day == current_day;
        if is_last {
            cum = cum.saturating_add(acc.days.range(day + 1..).map(|(_, c)| *c).sum::<u64>());
        }
        if (covered as f64) < elapsed {
            fit_points.push((covered as f64, cum as f64));
        }
        if covered % step == 0 || is_last {
            let date =
                local_date(window.start + day * DAY, window.scheme.offset).unwrap_or_default();
            let remaining = allocated.saturating_sub(i64::try_from(cum).unwrap_or(i64::MAX));
            let x = if is_last { elapsed } else { covered as f64 };
            let ideal = if length > 0.0 {
                allocated as f64 * (1.0 - (x / length)).max(0.0)
            } else {
                0.0
            };
            points.push(BurnPoint {
                date,
                day: u32::try_from(covered).unwrap_or(u32::MAX),
                consumed: cum,
                remaining,
                ideal: round(ideal, 2),
            });
        }
    }
    if elapsed > 0.0 {
        fit_points.push((elapsed, cum as f64));
    }
    (
        BurnDown {
            granularity,
            points,
        },
        fit(&fit_points),
    )
}
