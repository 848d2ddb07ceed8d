//! Plain-text and Markdown reports of a decision, shared by every front end.
//! Both explain every point of the score and every adjustment, blocker and waiver.
//! Untrusted text (paths, titles, rationale) is escaped so it never becomes markup.

use crate::decision::{CategorySource, Decision, Verdict};
use crate::score::ContributionKind;
use std::fmt::Write as _;

/// Output formats of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    Text,
    Markdown,
    /// The seed 002 go/no-go checklist in the layout of its sample output.
    Readiness,
    /// The seed 004 release-decision document (Markdown).
    Release,
}

impl Format {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "text" => Some(Self::Text),
            "markdown" | "md" => Some(Self::Markdown),
            "readiness" => Some(Self::Readiness),
            "release" | "release-decision" => Some(Self::Release),
            _ => None,
        }
    }
}

pub fn render(decision: &Decision, format: Format) -> String {
    match format {
        Format::Text => text(decision),
        Format::Markdown => markdown(decision),
        Format::Readiness => match &decision.readiness {
            Some(r) => crate::readiness::render_text(r),
            None => String::from("The policy has no go/no-go readiness checklist.\n"),
        },
        Format::Release => crate::report::release_document(decision),
    }
}

fn signed(points: i64) -> String {
    if points >= 0 {
        format!("+{points}")
    } else {
        format!("{points}")
    }
}

fn kind_name(kind: ContributionKind) -> &'static str {
    match kind {
        ContributionKind::Base => "base",
        ContributionKind::Diff => "diff",
        ContributionKind::Context => "context",
        ContributionKind::Mitigation => "mitigation",
        ContributionKind::Floor => "floor",
    }
}

fn verdict_line(d: &Decision) -> String {
    match d.verdict {
        Verdict::Go if d.blockers.is_empty() => String::from("GO"),
        Verdict::Go => String::from("GO (all blockers waived by a break-glass exception)"),
        Verdict::Blocked => String::from("BLOCKED"),
        Verdict::Abort => {
            let failing = d
                .rollout
                .as_ref()
                .map(|r| r.prerequisites.failing.join(", "))
                .unwrap_or_default();
            format!("ABORT (prerequisites not met: {failing})")
        }
    }
}

fn source_note(source: CategorySource, declared: bool) -> &'static str {
    match (source, declared) {
        (CategorySource::Declared, _) => "declared",
        (CategorySource::Fallback, false) => "no rule matched: fallback",
        (CategorySource::Fallback, true) => "fallback, also declared",
        (CategorySource::Detected, false) => "detected",
        (CategorySource::Detected, true) => "detected, also declared",
    }
}

fn budget_sentence(d: &Decision) -> String {
    let b = &d.budget;
    let mut s = format!(
        "{} of {} RP consumed this window; {} RP ({}%) remain: {}. This release charges {} RP",
        b.consumed_before,
        b.allocated,
        b.remaining_before,
        b.remaining_pct_before,
        b.status_before.as_str(),
        b.charge
    );
    if b.penalty > 0 {
        let _ = write!(
            s,
            " (RRS {} + break-glass penalty {})",
            d.score.total, b.penalty
        );
    }
    let _ = write!(
        s,
        ", leaving {} RP ({}%): {}.",
        b.remaining_after,
        b.remaining_pct_after,
        b.status_after.as_str()
    );
    s
}

/// The decision as plain text, for terminals and logs.
pub fn text(d: &Decision) -> String {
    let mut out = String::new();
    let title = d
        .change
        .title
        .as_deref()
        .map(|t| format!(" \"{t}\""))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "riskgate: {} (tier {}), change {}{} ({})",
        d.service.name,
        d.service.tier,
        d.change.id,
        title,
        d.change.release_type.as_str()
    );
    let _ = writeln!(out, "VERDICT: {}", verdict_line(d));
    let _ = writeln!(out, "GATE: {} ({})", d.gate.level, d.gate.level.title());
    let _ = writeln!(out);
    let _ = writeln!(out, "Release Risk Score: {} RP", d.score.total);
    for c in &d.score.contributions {
        let evidence = if c.evidence.is_empty() {
            String::new()
        } else {
            format!(" [{}]", c.evidence.join(", "))
        };
        let _ = writeln!(
            out,
            "  {:>4}  {:<10} {}{}",
            signed(c.points),
            kind_name(c.kind),
            c.label,
            evidence
        );
    }
    let _ = writeln!(out, "  ----");
    let _ = writeln!(out, "  {:>4}  total", d.score.total);
    let _ = writeln!(out);
    if !d.files.is_empty() {
        let _ = writeln!(out, "Files:");
        for f in &d.files {
            let note = if f.fallback { " (no rule matched)" } else { "" };
            let _ = writeln!(out, "  {}: {}{}", f.path, f.categories.join(", "), note);
        }
        let _ = writeln!(out);
    }
    if !d.categories.is_empty() {
        let _ = writeln!(out, "Categories:");
        for c in &d.categories {
            let risk = if c.high_risk { ", high risk" } else { "" };
            let _ = writeln!(
                out,
                "  {} ({} RP{}, {})",
                c.id,
                c.points,
                risk,
                source_note(c.source, c.declared)
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "Gate: base {} because {}.",
        d.gate.base_level, d.gate.base_reason
    );
    for a in &d.gate.adjustments {
        let _ = writeln!(
            out,
            "  {} -> {}: {}. {}",
            a.from, a.to, a.reason, a.explanation
        );
    }
    let _ = writeln!(out, "Required checks for {}:", d.gate.level);
    for r in &d.gate.requirements {
        let _ = writeln!(out, "  [ ] {} ({}): {}", r.id, r.level, r.text);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Budget: {}", budget_sentence(d));
    let _ = writeln!(out);
    if d.blockers.is_empty() {
        let _ = writeln!(out, "Blockers: none");
    } else {
        let _ = writeln!(out, "Blockers:");
        for b in &d.blockers {
            let mark = if b.waived { "waived" } else { "BLOCKING" };
            let _ = writeln!(out, "  [{}] {}: {}", mark, b.code, b.message);
        }
    }
    if let Some(e) = &d.exception {
        let _ = writeln!(out);
        let _ = writeln!(out, "Break-glass exception ({}):", e.reason);
        if e.used {
            let due = e.follow_up_due.map(|d| d.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "  used: it waives every blocker, costs a penalty of {} RP, and a follow-up review is due by {}.",
                e.penalty, due
            );
        } else if e.valid {
            let _ = writeln!(
                out,
                "  valid but not used: there is no blocker to waive, so it costs nothing."
            );
        } else {
            let _ = writeln!(out, "  invalid: it waives nothing.");
        }
        for p in &e.problems {
            let _ = writeln!(out, "  problem: {p}");
        }
    }
    crate::report::text_sections(d, &mut out);
    out
}

/// Escapes text for Markdown so that it renders literally, including inside table cells.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '!' | '|'
            | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The decision as Markdown, ready for a PR comment, Confluence or Notion.
pub fn markdown(d: &Decision) -> String {
    let e = escape_markdown;
    let mut out = String::new();
    let _ = writeln!(out, "## Release decision: {}", verdict_line(d));
    let _ = writeln!(out);
    let title = d
        .change
        .title
        .as_deref()
        .map(|t| format!(" — {}", e(t)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "**Change** `{}`{} ({})  ",
        e(&d.change.id).replace('`', ""),
        title,
        d.change.release_type.as_str()
    );
    let _ = writeln!(
        out,
        "**Service** {} ({})  ",
        e(&d.service.name),
        e(&d.service.tier_label)
    );
    let _ = writeln!(
        out,
        "**Gate** {} ({})  ",
        d.gate.level,
        d.gate.level.title()
    );
    let _ = writeln!(out, "**Release Risk Score** {} RP  ", d.score.total);
    let _ = writeln!(out, "**Budget** {}", e(&budget_sentence(d)));
    let _ = writeln!(out);
    let _ = writeln!(out, "### Risk score");
    let _ = writeln!(out);
    let _ = writeln!(out, "| Points | Kind | Why | Evidence |");
    let _ = writeln!(out, "|---:|---|---|---|");
    for c in &d.score.contributions {
        let evidence: Vec<String> = c.evidence.iter().map(|x| e(x)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            signed(c.points),
            kind_name(c.kind),
            e(&c.label),
            evidence.join(", ")
        );
    }
    let _ = writeln!(out, "| **{}** | total | | |", d.score.total);
    let _ = writeln!(out);
    if !d.files.is_empty() {
        let _ = writeln!(out, "### Files");
        let _ = writeln!(out);
        let _ = writeln!(out, "| File | Categories |");
        let _ = writeln!(out, "|---|---|");
        for f in &d.files {
            let note = if f.fallback { " (no rule matched)" } else { "" };
            let _ = writeln!(
                out,
                "| {} | {}{} |",
                e(&f.path),
                e(&f.categories.join(", ")),
                note
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "### Gate {}", d.gate.level);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Base level {}: {}.",
        d.gate.base_level,
        e(&d.gate.base_reason)
    );
    for a in &d.gate.adjustments {
        let _ = writeln!(
            out,
            "- {} → {}: {}. {}",
            a.from,
            a.to,
            e(&a.reason),
            e(&a.explanation)
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Required checks:");
    let _ = writeln!(out);
    for r in &d.gate.requirements {
        let _ = writeln!(out, "- [ ] {} ({})", e(&r.text), r.level);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "### Blockers");
    let _ = writeln!(out);
    if d.blockers.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for b in &d.blockers {
        let mark = if b.waived { "waived" } else { "**blocking**" };
        let _ = writeln!(out, "- {} `{}`: {}", mark, b.code, e(&b.message));
    }
    if let Some(x) = &d.exception {
        let _ = writeln!(out);
        let _ = writeln!(out, "### Break-glass exception ({})", e(&x.reason));
        let _ = writeln!(out);
        if x.used {
            let due = x.follow_up_due.map(|d| d.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "Used: waives every blocker; penalty {} RP; follow-up review due by {}.",
                x.penalty, due
            );
        } else if x.valid {
            let _ = writeln!(out, "Valid but not used: no blocker to waive, no penalty.");
        } else {
            let _ = writeln!(out, "Invalid: waives nothing.");
        }
        for p in &x.problems {
            let _ = writeln!(out, "- {}", e(p));
        }
    }
    crate::report::markdown_sections(d, &mut out);
    out
}
