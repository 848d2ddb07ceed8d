//! The seed 001–004 sections of the text and Markdown reports, and the seed 004
//! release-decision document.

use crate::decision::{Decision, Verdict};
use crate::pipeline::StageStatus;
use crate::readiness;
use crate::render::escape_markdown as e;
use std::fmt::Write as _;

fn minutes(m: u32) -> String {
    match m {
        0 => String::from("no wait"),
        m if m % 1440 == 0 => format!("{} h", m / 60),
        m if m % 60 == 0 => format!("{} h", m / 60),
        m => format!("{m} min"),
    }
}

fn stage_mark(status: StageStatus) -> &'static str {
    match status {
        StageStatus::Passed => "passed",
        StageStatus::Failed => "FAILED",
        StageStatus::Pending => "PENDING",
        StageStatus::NotReached => "not reached",
    }
}

/// Appends the ledger, error-budget gate, readiness, pipeline and rollout sections as plain text.
pub(crate) fn text_sections(d: &Decision, out: &mut String) {
    if let Some(note) = &d.ledger_note {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Ledger: {} (line {}): {}",
            note.code, note.line, note.message
        );
    }
    if let Some(g) = &d.error_budget_gate {
        let _ = writeln!(out);
        let verdict = if g.approved {
            "APPROVED"
        } else {
            "NOT APPROVED"
        };
        let role = if g.blocking { "blocking" } else { "advisory" };
        let _ = writeln!(out, "Error-budget gate ({role}): {verdict}");
        let derived = if g.risk_level_derived {
            " (from the gate level)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  status {}, {}% of the error budget remaining, burn rate {}x; risk level {}{}",
            g.status.as_str(),
            g.remaining_pct,
            g.burn_rate,
            g.risk_level.as_str(),
            derived
        );
        let _ = writeln!(out, "  {} [{}]", g.reason, g.reason_code);
        if let Some(alt) = &g.alternative {
            let _ = writeln!(out, "  alternative: {alt}");
        }
        for c in &g.conditions {
            let _ = writeln!(out, "  condition: {}", c.text);
        }
        for n in &g.escalations {
            let _ = writeln!(
                out,
                "  escalation {} (at or below {}%): notify {}; action {}",
                n.id,
                n.at_or_below_pct,
                n.notify.join(", "),
                n.action
            );
        }
    }
    if let Some(r) = &d.readiness {
        let _ = writeln!(out);
        out.push_str(&readiness::render_text(r));
    }
    if let Some(p) = &d.pipeline {
        let _ = writeln!(out);
        let state = match &p.stopped_at {
            None => String::from("all stages passed"),
            Some(at) => format!("stopped at {at}"),
        };
        let _ = writeln!(out, "Release pipeline: {state}");
        for s in &p.stages {
            let _ = writeln!(
                out,
                "  {:<9} {:<11} {}",
                s.id,
                stage_mark(s.status),
                s.reason
            );
        }
        if let Some(m) = &p.error_budget_mode {
            let _ = writeln!(out, "  error-budget mode: {} ({})", m.id, m.label);
        }
        if let Some(dep) = &p.deployment {
            let _ = writeln!(out, "  deployment strategy: {} ({})", dep.label, dep.reason);
        }
    }
    if let Some(r) = &d.rollout {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Rollout: {} risk, {}",
            r.risk_level.as_str(),
            r.strategy_label
        );
        if r.prerequisites.checked && !r.prerequisites.passed {
            let _ = writeln!(
                out,
                "  ABORT: prerequisites not met: {}",
                r.prerequisites.failing.join(", ")
            );
        }
        for why in &r.risk_rationale {
            let _ = writeln!(out, "  - {why}");
        }
        let _ = writeln!(out, "  {}", r.reconciliation);
        for (i, phase) in r.phases.iter().enumerate() {
            let _ = writeln!(
                out,
                "  phase {}: {} ({}% traffic, {}); proceed if {}",
                i + 1,
                phase.name,
                phase.traffic_pct,
                minutes(phase.duration_minutes),
                phase.proceed_if
            );
        }
        let _ = writeln!(
            out,
            "  rollback: {} (about {} min) if {}",
            r.rollback_method,
            r.estimated_rollback_minutes,
            r.rollback_triggers.join("; ")
        );
        let _ = writeln!(out, "  monitor: {}", r.monitoring.join(", "));
    }
}

/// Appends the same sections as Markdown.
pub(crate) fn markdown_sections(d: &Decision, out: &mut String) {
    if let Some(note) = &d.ledger_note {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "**Ledger** `{}` (line {}): {}",
            note.code,
            note.line,
            e(&note.message)
        );
    }
    if let Some(g) = &d.error_budget_gate {
        let verdict = if g.approved {
            "approved"
        } else {
            "**not approved**"
        };
        let role = if g.blocking { "blocking" } else { "advisory" };
        let _ = writeln!(out);
        let _ = writeln!(out, "### Error-budget gate ({role}): {verdict}");
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Status **{}**: {}% of the error budget remaining, burn rate {}x; risk level {}.",
            g.status.as_str(),
            g.remaining_pct,
            g.burn_rate,
            g.risk_level.as_str()
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "{} (`{}`)", e(&g.reason), g.reason_code);
        if let Some(alt) = &g.alternative {
            let _ = writeln!(out);
            let _ = writeln!(out, "Alternative: {}", e(alt));
        }
        for c in &g.conditions {
            let _ = writeln!(out, "- {}", e(&c.text));
        }
        for n in &g.escalations {
            let _ = writeln!(
                out,
                "- Escalation `{}`: notify {}; action `{}`",
                n.id,
                e(&n.notify.join(", ")),
                n.action
            );
        }
    }
    if let Some(r) = &d.readiness {
        let _ = writeln!(out);
        let _ = writeln!(out, "### Go/No-Go readiness: {}", r.decision.as_str());
        let _ = writeln!(out);
        for g in &r.groups {
            let _ = writeln!(
                out,
                "**{}**: {}",
                e(&g.title),
                if g.pass { "PASS" } else { "FAIL" }
            );
            let _ = writeln!(out);
            for gate in &g.gates {
                let mark = if !gate.applicable {
                    "n/a"
                } else if gate.status == readiness::GateStatus::Green {
                    "✓"
                } else {
                    "✗"
                };
                let _ = writeln!(out, "- {} {} ({})", mark, e(&gate.title), e(&gate.evidence));
            }
            let _ = writeln!(out);
        }
        let sev = if r.unresolved_sev12 == 0 {
            String::from("none")
        } else {
            r.unresolved_sev12.to_string()
        };
        let _ = writeln!(out, "Unresolved SEV-1/SEV-2: {sev}");
    }
    if let Some(p) = &d.pipeline {
        let _ = writeln!(out);
        let _ = writeln!(out, "### Release pipeline");
        let _ = writeln!(out);
        let _ = writeln!(out, "| Stage | Status | Why |");
        let _ = writeln!(out, "|---|---|---|");
        for s in &p.stages {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                s.id,
                stage_mark(s.status),
                e(&s.reason)
            );
        }
        if let Some(dep) = &p.deployment {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "Deployment strategy: **{}** ({})",
                e(&dep.label),
                e(&dep.reason)
            );
        }
    }
    if let Some(r) = &d.rollout {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "### Rollout: {} risk, {}",
            r.risk_level.as_str(),
            e(&r.strategy_label)
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", e(&r.reconciliation));
        let _ = writeln!(out);
        for (i, phase) in r.phases.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {} — {}% traffic, {}; proceed if {}",
                i + 1,
                e(&phase.name),
                phase.traffic_pct,
                minutes(phase.duration_minutes),
                e(&phase.proceed_if)
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Rollback: {} (about {} min) if {}.",
            e(&r.rollback_method),
            r.estimated_rollback_minutes,
            e(&r.rollback_triggers.join("; "))
        );
    }
}

/// The release-decision document of seed 004, with its sections, ready to paste into a PR,
/// a wiki page or Confluence.
pub fn release_document(d: &Decision) -> String {
    let mut out = String::new();
    let decision = match d.verdict {
        Verdict::Go => "✅ APPROVED FOR RELEASE",
        Verdict::Blocked => "⛔ BLOCKED",
        Verdict::Abort => "🛑 ABORT",
    };
    let _ = writeln!(out, "# Release Decision");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "**Service**: {} (tier {})  ",
        e(&d.service.name),
        d.service.tier
    );
    let _ = writeln!(out, "**Change**: {}  ", e(&d.change.id));
    if let Some(title) = &d.change.title {
        let _ = writeln!(out, "**Title**: {}  ", e(title));
    }
    let _ = writeln!(out, "**Decision**: {decision}");
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "## CHANGE SUMMARY");
    let _ = writeln!(out);
    let _ = writeln!(out, "### Files Modified");
    if d.files.is_empty() {
        let _ = writeln!(out, "- none listed");
    }
    for f in &d.files {
        let _ = writeln!(out, "- {} ({})", e(&f.path), e(&f.categories.join(", ")));
    }
    let _ = writeln!(out);
    let Some(r) = &d.rollout else {
        let _ = writeln!(out, "No rollout section in this policy.");
        return out;
    };
    let _ = writeln!(out, "### Risk Level: **{}**", r.risk_level.as_str());
    let _ = writeln!(out, "**Rationale**:");
    for why in &r.risk_rationale {
        let _ = writeln!(out, "- {}", e(why));
    }
    let _ = writeln!(
        out,
        "- Release Risk Score {} RP, gate {}",
        d.score.total, d.gate.level
    );
    let _ = writeln!(out, "- {}", e(&r.reconciliation));
    let _ = writeln!(out);
    let _ = writeln!(out, "### Blast Radius: **{}**", r.blast_radius);
    let _ = writeln!(
        out,
        "**Affected categories**: {}",
        e(&d.categories
            .iter()
            .map(|c| &*c.id)
            .collect::<Vec<_>>()
            .join(", "))
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "## ROLLOUT STRATEGY");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "### Selected Strategy: **{}**",
        e(&r.strategy_label).to_uppercase()
    );
    let _ = writeln!(out, "**Rationale**: {}", e(&r.strategy_rationale));
    let _ = writeln!(out);
    let _ = writeln!(out, "### Alternative Strategies Considered");
    for alt in &r.alternatives {
        let _ = writeln!(out);
        let _ = writeln!(out, "#### {}", e(&alt.label));
        let _ = writeln!(out, "- **When to use**: {}", e(&alt.when_to_use));
        let _ = writeln!(out, "- **Not chosen**: {}", e(&alt.why_not));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "## DEPLOYMENT PLAN");
    for (i, phase) in r.phases.iter().enumerate() {
        let _ = writeln!(out);
        let _ = writeln!(out, "### Step {}: {}", i + 1, e(&phase.name));
        let _ = writeln!(out, "- Traffic: {}%", phase.traffic_pct);
        let _ = writeln!(out, "- Duration: {}", minutes(phase.duration_minutes));
        let _ = writeln!(out, "- Proceed if: {}", e(&phase.proceed_if));
    }
    if r.human_supervision {
        let _ = writeln!(out);
        let _ = writeln!(out, "A human supervises every traffic switch.");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "## ROLLBACK PLAN");
    let _ = writeln!(out);
    let _ = writeln!(out, "### Trigger Conditions (Auto-Rollback)");
    for t in &r.rollback_triggers {
        let _ = writeln!(out, "- {}", e(t));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "### Rollback Method: **{}**",
        e(&r.rollback_method).to_uppercase()
    );
    for (i, step) in r.rollback_steps.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, e(step));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "**Estimated rollback time**: <{} minutes",
        r.estimated_rollback_minutes.max(1)
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "## MONITORING & ALERTS");
    let _ = writeln!(out);
    let _ = writeln!(out, "### Key Metrics to Watch");
    for (i, m) in r.monitoring.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, e(m));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "## COMMUNICATION PLAN");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "- [ ] Announce the deployment window in the engineering channel"
    );
    let _ = writeln!(out, "- [ ] Notify the on-call engineer");
    if d.change.customer_impacting {
        let _ = writeln!(
            out,
            "- [ ] Customer communication prepared (customer-impacting change)"
        );
    } else {
        let _ = writeln!(
            out,
            "- [ ] User-facing communication: none expected (not customer-impacting)"
        );
    }
    let _ = writeln!(
        out,
        "- [ ] Post the outcome after deployment and record it in the ledger"
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(out, "## SIGN-OFF");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "**Gate**: {} ({} required checks)  ",
        d.gate.level,
        d.gate.requirements.len()
    );
    if !r.prerequisites.passed {
        let _ = writeln!(
            out,
            "**Prerequisites failing**: {}  ",
            r.prerequisites.failing.join(", ")
        );
    }
    let blocking: Vec<&str> = d
        .blockers
        .iter()
        .filter(|b| !b.waived)
        .map(|b| b.code.as_str())
        .collect();
    if !blocking.is_empty() {
        let _ = writeln!(out, "**Blockers**: {}  ", blocking.join(", "));
    }
    let recommendation = match d.verdict {
        Verdict::Go => "✅ PROCEED WITH DEPLOYMENT",
        Verdict::Blocked => "⛔ DO NOT DEPLOY until the blockers are resolved or waived",
        Verdict::Abort => "🛑 ABORT: fix the failing prerequisites first",
    };
    let _ = writeln!(out, "**Recommendation**: {recommendation}");
    out
}
