//! The decision's readers: what `render` reads (a decision riskgate wrote, or one edited by
//! hand). Its output types do not deny unknown fields, so neither does this reader: a
//! decision from a newer riskgate, with members this one does not know, still renders.

use super::*;

mod score {
    use super::*;
    use crate::score::*;

    read_enum!(ContributionKind {
        "base" => Base,
        "diff" => Diff,
        "context" => Context,
        "mitigation" => Mitigation,
        "floor" => Floor,
    });
    read_struct!(
        Contribution,
        ignoring_unknown_fields {
            kind: "kind",
            id: "id",
            points: "points",
            label: "label",
            evidence: "evidence",
        }
    );
    read_struct!(
        RiskScore,
        ignoring_unknown_fields {
            total: "total",
            contributions: "contributions",
        }
    );
}

mod gate {
    use super::*;
    // By name: the module also has functions named like these fields (`base_level`).
    use crate::gate::{Gate, GateAdjustment, Requirement};

    read_struct!(
        GateAdjustment,
        ignoring_unknown_fields {
            from: "from",
            to: "to",
            reason: "reason",
            rule: "rule",
            explanation: "explanation",
        }
    );
    read_struct!(
        Requirement,
        ignoring_unknown_fields {
            id: "id",
            text: "text",
            level: "level",
        }
    );
    read_struct!(
        Gate,
        ignoring_unknown_fields {
            level: "level",
            base_level: "baseLevel",
            base_reason: "baseReason",
            adjustments: "adjustments",
            requirements: "requirements",
        }
    );
}

mod budget {
    use super::*;
    use crate::budget::BudgetImpact;

    read_struct!(
        BudgetImpact,
        ignoring_unknown_fields {
            allocated: "allocated",
            consumed_before: "consumedBefore",
            remaining_before: "remainingBefore",
            remaining_pct_before: "remainingPctBefore",
            status_before: "statusBefore",
            charge: "charge",
            penalty: "penalty",
            remaining_after: "remainingAfter",
            remaining_pct_after: "remainingPctAfter",
            status_after: "statusAfter",
            exceptions_this_window: "exceptionsThisWindow",
        }
    );
}

mod exception {
    use super::*;
    // By name: the module also has functions named like these fields (`penalty`, `problems`).
    use crate::exception::ExceptionOutcome;

    read_struct!(
        ExceptionOutcome,
        ignoring_unknown_fields {
            reason: "reason",
            used: "used",
            valid: "valid",
            penalty: "penalty",
            follow_up_due: "followUpDue" = option,
            problems: "problems",
            required_roles: "requiredRoles",
        }
    );
}

mod summary {
    use super::*;
    use crate::decision::*;

    read_enum!(Verdict {
        "go" => Go,
        "blocked" => Blocked,
        "abort" => Abort,
    });
    read_enum!(CategorySource {
        "detected" => Detected,
        "fallback" => Fallback,
        "declared" => Declared,
    });
    read_struct!(
        CategoryHit,
        ignoring_unknown_fields {
            id: "id",
            label: "label",
            points: "points",
            high_risk: "highRisk",
            source: "source",
            declared: "declared",
            files: "files",
        }
    );
    read_struct!(
        Blocker,
        ignoring_unknown_fields {
            code: "code",
            message: "message",
            waived: "waived",
        }
    );
    read_struct!(
        ServiceSummary,
        ignoring_unknown_fields {
            name: "name",
            tier: "tier",
            tier_label: "tierLabel",
        }
    );
    read_struct!(
        ChangeSummary,
        ignoring_unknown_fields {
            id: "id",
            title: "title" = option,
            release_type: "releaseType",
            customer_impacting: "customerImpacting",
            file_count: "fileCount",
            additions: "additions",
            deletions: "deletions",
        }
    );
    read_struct!(
        FileClassification,
        ignoring_unknown_fields {
            path: "path",
            status: "status",
            categories: "categories",
            fallback: "fallback",
        }
    );
    read_struct!(
        PolicySummary,
        ignoring_unknown_fields {
            name: "name",
            version: "version",
        }
    );
    read_struct!(
        Decision,
        ignoring_unknown_fields {
            score: "score",
            categories: "categories",
            gate: "gate",
            budget: "budget",
            verdict: "verdict",
            blockers: "blockers",
            exception: "exception" = option,
            service: "service",
            change: "change",
            files: "files",
            policy: "policy",
            error_budget_gate: "errorBudgetGate" = default,
            readiness: "readiness" = default,
            pipeline: "pipeline" = default,
            rollout: "rollout" = default,
            ledger_entry: "ledgerEntry" = present,
            ledger_note: "ledgerNote" = default,
        }
    );
}

mod error_budget {
    use super::*;
    use crate::error_budget::{Condition, ErrorBudgetGateOutcome, EscalationNotice};

    read_struct!(
        Condition,
        ignoring_unknown_fields {
            code: "code",
            text: "text",
        }
    );
    read_struct!(
        EscalationNotice,
        ignoring_unknown_fields {
            id: "id",
            at_or_below_pct: "atOrBelowPct",
            notify: "notify",
            action: "action",
        }
    );
    read_struct!(
        ErrorBudgetGateOutcome,
        ignoring_unknown_fields {
            status: "status",
            status_derived: "statusDerived",
            remaining_pct: "remainingPct",
            burn_rate: "burnRate",
            risk_level: "riskLevel",
            risk_level_derived: "riskLevelDerived",
            approved: "approved",
            reason_code: "reasonCode",
            reason: "reason",
            alternative: "alternative" = option,
            conditions: "conditions",
            blocking: "blocking",
            escalations: "escalations",
        }
    );
}

mod readiness {
    use super::*;
    use crate::readiness::{GateOutcome, GoNoGo, GroupOutcome, ReadinessOutcome};

    read_enum!(GoNoGo {
        "GO" => Go,
        "NO-GO" => NoGo,
    });
    read_struct!(
        ReadinessOutcome,
        ignoring_unknown_fields {
            decision: "decision",
            groups: "groups",
            failing: "failing",
            unresolved_sev12: "unresolvedSev12",
            blocking: "blocking",
        }
    );
    read_struct!(
        GroupOutcome,
        ignoring_unknown_fields {
            id: "id",
            title: "title",
            pass: "pass",
            gates: "gates",
        }
    );
    read_struct!(
        GateOutcome,
        ignoring_unknown_fields {
            id: "id",
            title: "title",
            mandatory: "mandatory",
            applicable: "applicable",
            status: "status",
            evidence: "evidence",
        }
    );
}

mod pipeline {
    use super::*;
    use crate::pipeline::{
        DeploymentOutcome, ModeOutcome, PipelineOutcome, StageOutcome, StageStatus,
    };

    read_enum!(StageStatus {
        "passed" => Passed,
        "failed" => Failed,
        "pending" => Pending,
        "not_reached" => NotReached,
    });
    read_struct!(
        StageOutcome,
        ignoring_unknown_fields {
            id: "id",
            status: "status",
            reason: "reason",
        }
    );
    read_struct!(
        ModeOutcome,
        ignoring_unknown_fields {
            id: "id",
            label: "label",
            remaining_pct: "remainingPct" = option,
            requirements: "requirements",
        }
    );
    read_struct!(
        DeploymentOutcome,
        ignoring_unknown_fields {
            service_class: "serviceClass",
            class_derived: "classDerived",
            strategy: "strategy",
            label: "label",
            reason: "reason",
        }
    );
    read_struct!(
        PipelineOutcome,
        ignoring_unknown_fields {
            passed: "passed",
            stopped_at: "stoppedAt" = option,
            stages: "stages",
            error_budget_mode: "errorBudgetMode" = option,
            deployment: "deployment" = option,
            blocking: "blocking",
        }
    );
}

mod rollout {
    use super::*;
    use crate::rollout::{Alternative, PrerequisiteCheck, RolloutPlan};

    read_struct!(
        PrerequisiteCheck,
        ignoring_unknown_fields {
            passed: "passed",
            failing: "failing",
            checked: "checked",
        }
    );
    read_struct!(
        Alternative,
        ignoring_unknown_fields {
            strategy: "strategy",
            label: "label",
            when_to_use: "whenToUse",
            why_not: "whyNot",
        }
    );
    read_struct!(
        RolloutPlan,
        ignoring_unknown_fields {
            prerequisites: "prerequisites",
            risk_level: "riskLevel",
            matrix_risk_level: "matrixRiskLevel",
            gate_risk_level: "gateRiskLevel",
            risk_rationale: "riskRationale",
            reconciliation: "reconciliation",
            nature: "nature",
            blast_radius: "blastRadius",
            strategy: "strategy",
            strategy_label: "strategyLabel",
            strategy_rationale: "strategyRationale",
            human_supervision: "humanSupervision",
            phases: "phases",
            alternatives: "alternatives",
            rollback_triggers: "rollbackTriggers",
            rollback_method: "rollbackMethod",
            rollback_steps: "rollbackSteps",
            estimated_rollback_minutes: "estimatedRollbackMinutes",
            monitoring: "monitoring",
        }
    );
}

mod ledger {
    use super::*;
    use crate::ledger::LedgerNote;

    read_struct!(
        LedgerNote,
        ignoring_unknown_fields {
            code: "code",
            line: "line",
            message: "message",
        }
    );
}
