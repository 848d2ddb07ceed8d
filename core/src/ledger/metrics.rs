//! Seed section 8 metrics per window, rolling incident counts, and earned capacity (5.6).

use super::entry::Severity;
use super::fold::{OutcomeState, ReleaseInfo, WindowAcc, round};
use super::report::{
    Comparison, DeployFrequency, DiffBucket, DiffSize, EarnedCapacity, GateCompliance, Incidents,
    Mttr, Rollbacks, SevCount, SeverityMttr, WindowMetrics,
};
use super::rules::LedgerRules;
use super::window::{DAY, Window, instant};
use crate::error::{Error, ErrorKind};
use chrono::FixedOffset;
use chrono::format::{Item, Numeric, Pad};

/// `%Y-%m-%dT%H:%M:%SZ` as chrono reads that format (`tests::utc_seconds_are_the_strftime_format`):
/// the items themselves, so that chrono's parser of format strings (~6 KB of wasm) is not
/// in the builds for this one format.
const UTC_SECONDS: [Item<'static>; 12] = [
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
    Item::Literal("T"),
    Item::Numeric(Numeric::Hour, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Minute, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Second, Pad::Zero),
    Item::Literal("Z"),
];

/// Sum and count of durations, in seconds.
#[derive(Debug, Clone, Copy, Default)]
struct Durations {
    count: u32,
    total: i64,
}

impl Durations {
    fn add(&mut self, secs: i64) {
        self.count += 1;
        self.total = self.total.saturating_add(secs);
    }

    fn mean_minutes(self) -> Option<f64> {
        (self.count > 0).then(|| round(self.total as f64 / 60.0 / f64::from(self.count), 2))
    }
}

/// Metrics of one window, accumulated from the change records whose release fell in it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Acc {
    releases: u32,
    failed: u32,
    waived: u32,
    recovery: Durations,
    by_severity: [Durations; 4],
    within_target: [u32; 4],
    /// Failed releases whose restoration is not (yet) known.
    unrestored: u32,
    rollbacks: u32,
    to_rollback: Durations,
    buckets: Vec<u32>,
    lines_total: u64,
    lines_max: u64,
}

fn sev_index(sev: Severity) -> usize {
    match sev {
        Severity::Sev1 => 0,
        Severity::Sev2 => 1,
        Severity::Sev3 => 2,
        Severity::Sev4 => 3,
    }
}

fn rate(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| round(f64::from(num) / f64::from(den), 4))
}

impl Acc {
    pub fn add(
        &mut self,
        release: &ReleaseInfo,
        outcome: Option<&OutcomeState>,
        rules: &LedgerRules,
    ) {
        self.releases += 1;
        if release.waived {
            self.waived += 1;
        }
        if self.buckets.is_empty() {
            self.buckets = vec![0; rules.diff_size_buckets.len() + 1];
        }
        let bucket = rules
            .diff_size_buckets
            .partition_point(|bound| *bound < release.lines);
        if let Some(slot) = self.buckets.get_mut(bucket) {
            *slot += 1;
        }
        self.lines_total = self.lines_total.saturating_add(release.lines);
        self.lines_max = self.lines_max.max(release.lines);
        let Some(o) = outcome else {
            return;
        };
        if o.failed {
            self.failed += 1;
            match (o.detected, o.restored) {
                (Some(d), Some(r)) => {
                    let secs = r - d;
                    self.recovery.add(secs);
                    if let Some(sev) = o.severity {
                        let i = sev_index(sev);
                        if let Some(slot) = self.by_severity.get_mut(i) {
                            slot.add(secs);
                        }
                        let target = rules.mttr_targets_minutes.get(&sev);
                        if target.is_some_and(|t| secs <= i64::from(*t) * 60)
                            && let Some(slot) = self.within_target.get_mut(i)
                        {
                            *slot += 1;
                        }
                    }
                }
                _ => self.unrestored += 1,
            }
        }
        if o.rolled_back {
            self.rollbacks += 1;
            if let Some(at) = o.rolled_back_at {
                self.to_rollback.add(at - o.detected.unwrap_or(release.at));
            }
        }
    }

    /// Change failure rate as an exact fraction, when the window had releases.
    fn cfr(&self) -> Option<(u64, u64)> {
        (self.releases > 0).then_some((u64::from(self.failed), u64::from(self.releases)))
    }

    /// MTTR (seconds) as an exact fraction for the earned-capacity comparison: 0 for a
    /// window with releases and no failure; unknown when a failure has no restoration.
    fn mttr_for_comparison(&self) -> Option<(i64, i64)> {
        if self.releases == 0 || self.unrestored > 0 {
            return None;
        }
        if self.failed == 0 {
            return Some((0, 1));
        }
        (self.recovery.count > 0).then_some((self.recovery.total, i64::from(self.recovery.count)))
    }

    pub fn metrics(
        &self,
        window: &Window,
        until: i64,
        acc: &WindowAcc,
        rules: &LedgerRules,
        offset: FixedOffset,
    ) -> Result<WindowMetrics, Error> {
        let range = || {
            Error::new(
                ErrorKind::InvalidRequest,
                "at",
                "the instant is out of the supported range",
            )
        };
        let days = (until - window.start).max(0) as f64 / DAY as f64;
        let per_day = if days > 0.0 {
            f64::from(self.releases) / days
        } else {
            0.0
        };
        let mut by_severity = Vec::new();
        let mut meets_all: Option<bool> = None;
        for sev in Severity::ALL {
            let i = sev_index(sev);
            let d = self.by_severity.get(i).copied().unwrap_or_default();
            let target = rules.mttr_targets_minutes.get(&sev).copied();
            let mean = d.mean_minutes();
            let meets = match (mean, target) {
                (Some(_), Some(t)) => Some(d.total <= i64::from(t) * 60 * i64::from(d.count)),
                _ => None,
            };
            if let Some(m) = meets {
                meets_all = Some(meets_all.unwrap_or(true) && m);
            }
            by_severity.push(SeverityMttr {
                severity: sev,
                priority: sev.priority().to_owned(),
                incidents: d.count,
                mean_minutes: mean,
                target_minutes: target,
                within_target: self.within_target.get(i).copied().unwrap_or(0),
                meets_target: meets,
            });
        }
        let mut buckets = Vec::new();
        for (i, bound) in rules
            .diff_size_buckets
            .iter()
            .map(Some)
            .chain(std::iter::once(None))
            .enumerate()
        {
            buckets.push(DiffBucket {
                up_to: bound.copied(),
                releases: self.buckets.get(i).copied().unwrap_or(0),
            });
        }
        Ok(WindowMetrics {
            start: instant(window.start, offset).ok_or_else(range)?,
            end: instant(window.end, offset).ok_or_else(range)?,
            days: round(days, 4),
            releases: self.releases,
            consumed: acc.consumed,
            exceptions: acc.exceptions,
            adjustments: acc.adjustment_total,
            deploy_frequency: DeployFrequency {
                per_day: round(per_day, 4),
                per_week: round(per_day * 7.0, 4),
            },
            failed_releases: self.failed,
            change_failure_rate: rate(self.failed, self.releases),
            mttr: Mttr {
                incidents: self.recovery.count,
                mean_minutes: self.recovery.mean_minutes(),
                meets_targets: meets_all,
                by_severity,
            },
            gate_compliance: GateCompliance {
                releases: self.releases,
                waived: self.waived,
                waiver_rate: rate(self.waived, self.releases),
                compliance_rate: rate(self.releases - self.waived, self.releases),
            },
            diff_size: DiffSize {
                buckets,
                mean_lines: (self.releases > 0)
                    .then(|| round(self.lines_total as f64 / f64::from(self.releases), 2)),
                max_lines: self.lines_max,
            },
            rollbacks: Rollbacks {
                count: self.rollbacks,
                rate: rate(self.rollbacks, self.releases),
                mean_minutes_to_rollback: self.to_rollback.mean_minutes(),
                samples: self.to_rollback.count,
            },
        })
    }
}

/// `a/b < c/d` for non-negative fractions with positive denominators.
fn less<T: Into<i128>>(a: T, b: T, c: T, d: T) -> bool {
    a.into() * d.into() < c.into() * b.into()
}

fn as_f64(frac: Option<(i64, i64)>, scale: f64) -> Option<f64> {
    frac.map(|(n, d)| round(n as f64 / d as f64 / scale, 4))
}

/// Earned capacity of the current window (`windows[0]`) from the previous ones:
/// both change failure rate and MTTR improved in each of the last `windows` windows.
pub(crate) fn earned_capacity(
    windows: &[Window],
    accs: &[Acc],
    rules: &LedgerRules,
    base: i64,
    offset: FixedOffset,
) -> EarnedCapacity {
    let rule = &rules.earned_capacity;
    let required = usize::try_from(rule.windows).unwrap_or(usize::MAX);
    let mut comparisons = Vec::new();
    let mut evidence = Vec::new();
    // Pairs (older, newer) from the oldest: windows[required+1] vs windows[required], …, windows[2] vs windows[1].
    let mut all_improved = windows.len() > required + 1 && required > 0;
    for newer in (1..=required).rev() {
        let older = newer + 1;
        let (Some(wo), Some(wn), Some(ao), Some(an)) = (
            windows.get(older),
            windows.get(newer),
            accs.get(older),
            accs.get(newer),
        ) else {
            all_improved = false;
            continue;
        };
        let (cfr_o, cfr_n) = (ao.cfr(), an.cfr());
        let (mttr_o, mttr_n) = (ao.mttr_for_comparison(), an.mttr_for_comparison());
        let cfr_better = match (cfr_o, cfr_n) {
            (Some((a, b)), Some((c, d))) => less(c, d, a, b),
            _ => false,
        };
        let mttr_better = match (mttr_o, mttr_n) {
            (Some((a, b)), Some((c, d))) => less(c, d, a, b),
            _ => false,
        };
        let improved = cfr_better && mttr_better;
        all_improved &= improved;
        let cfr_f = |f: Option<(u64, u64)>| f.map(|(n, d)| round(n as f64 / d as f64, 4));
        let label = |w: &Window| {
            instant(w.start, offset).map_or_else(String::new, |d| d.date_naive().to_string())
        };
        let show = |v: Option<f64>| v.map_or_else(|| String::from("unknown"), |v| v.to_string());
        evidence.push(format!(
            "window from {} vs window from {}: change failure rate {} → {}, MTTR {} → {} minutes: {}",
            label(wo),
            label(wn),
            show(cfr_f(cfr_o)),
            show(cfr_f(cfr_n)),
            show(as_f64(mttr_o, 60.0)),
            show(as_f64(mttr_n, 60.0)),
            match (improved, cfr_better, mttr_better) {
                (true, _, _) => "both improved",
                (false, true, false) => "MTTR did not improve",
                (false, false, true) => "change failure rate did not improve",
                _ => "neither improved (or not measurable)",
            }
        ));
        comparisons.push(Comparison {
            from: instant(wo.start, offset).unwrap_or_default(),
            to: instant(wn.start, offset).unwrap_or_default(),
            change_failure_rate: [cfr_f(cfr_o), cfr_f(cfr_n)],
            mttr_minutes: [as_f64(mttr_o, 60.0), as_f64(mttr_n, 60.0)],
            improved,
        });
    }
    let earned = all_improved && rule.pct > 0;
    let points = if earned {
        (base.saturating_mul(i64::from(rule.pct)) + 50) / 100
    } else {
        0
    };
    if earned {
        evidence.push(format!(
            "change failure rate and MTTR improved for {} consecutive windows: +{}% of {} = +{} RP this window",
            rule.windows, rule.pct, base, points
        ));
    } else if rule.pct == 0 {
        evidence.push(String::from(
            "earned capacity is disabled by the policy (pct 0)",
        ));
    } else {
        evidence.push(format!(
            "no earned capacity: it needs both change failure rate and MTTR to improve for {} consecutive windows",
            rule.windows
        ));
    }
    EarnedCapacity {
        earned,
        pct: if earned { rule.pct } else { 0 },
        points,
        windows_required: rule.windows,
        comparisons,
        evidence,
    }
}

/// Rolling Sev1/Sev2 counts and recent incidents, relative to the status instant.
pub(crate) struct IncidentAcc {
    t: i64,
    recent_days: u32,
    lookback: Vec<SevCount>,
    open: u32,
    /// `(when, change id, severity, still open)` of the latest recent Sev1/Sev2.
    recent: Option<(i64, String, Severity, bool)>,
}

impl IncidentAcc {
    pub fn new(rules: &LedgerRules, t: i64) -> Self {
        Self {
            t,
            recent_days: rules.recent_incident_days,
            lookback: rules
                .incident_lookback_days
                .iter()
                .map(|days| SevCount {
                    days: *days,
                    sev1: 0,
                    sev2: 0,
                })
                .collect(),
            open: 0,
            recent: None,
        }
    }

    pub fn add(&mut self, change_id: &str, o: &OutcomeState) {
        let open = o.failed && o.restored.is_none_or(|r| r > self.t);
        if open {
            self.open += 1;
        }
        let Some(sev) = o.severity else {
            return;
        };
        if !sev.is_sev12() {
            return;
        }
        let when = o.detected.unwrap_or(o.first_at);
        if when > self.t {
            return;
        }
        for count in &mut self.lookback {
            if when > self.t - i64::from(count.days) * DAY {
                match sev {
                    Severity::Sev1 => count.sev1 += 1,
                    _ => count.sev2 += 1,
                }
            }
        }
        let recent = when >= self.t - i64::from(self.recent_days) * DAY || open;
        if recent
            && self
                .recent
                .as_ref()
                .is_none_or(|(w, id, ..)| (when, change_id) > (*w, id.as_str()))
        {
            self.recent = Some((when, change_id.to_owned(), sev, open));
        }
    }

    pub fn finish(self) -> Incidents {
        let evidence = self.recent.as_ref().map(|(when, id, sev, open)| {
            let date = chrono::DateTime::from_timestamp(*when, 0).map_or_else(String::new, |d| {
                d.format_with_items(UTC_SECONDS.iter()).to_string()
            });
            format!(
                "ledger: {} outcome of change {id} detected {date}{}",
                sev.as_str(),
                if *open { ", not restored yet" } else { "" }
            )
        });
        Incidents {
            recent_sev12: self.recent.is_some(),
            recent_days: self.recent_days,
            recent_evidence: evidence,
            open: self.open,
            lookback: self.lookback,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_seconds_are_the_strftime_format() {
        let parsed: Vec<Item<'_>> =
            chrono::format::StrftimeItems::new("%Y-%m-%dT%H:%M:%SZ").collect();
        assert_eq!(parsed, UTC_SECONDS.to_vec());
        for t in [
            0,
            1_772_539_200,
            -62_135_596_800,
            253_402_300_799,
            253_402_300_800,
            i64::from(i32::MAX) * 100,
        ] {
            let d = chrono::DateTime::from_timestamp(t, 0).unwrap();
            assert_eq!(
                d.format_with_items(UTC_SECONDS.iter()).to_string(),
                d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            );
        }
    }
}
