//! Differential testing (issue 8): `cargo run -q -p riskgate --example differential -- N SEED`
//! prints N generated requests, one JSON line each: `{ "request": "<request text>",
//! "sha256": "<hex of the native output>" }`, where the output is the decision JSON or the
//! error document. The npm package's test replays every request and compares digests, so
//! the two engines must agree byte for byte. The generator is seeded (xorshift64*): the same
//! N and SEED give the same requests on every machine.

#![expect(
    clippy::indexing_slicing,
    reason = "serde_json object indexing inserts keys into objects this generator built"
)]

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::io::Write as _;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items
            .get(i)
            .unwrap_or_else(|| items.first().unwrap_or_else(|| unreachable!()))
    }
}

const PRESETS: [&str; 6] = [
    "stella-ops",
    "error-budget",
    "release-readiness",
    "companyos",
    "release-decision",
    "full",
];
const PATHS: [&str; 30] = [
    "README.md",
    "docs/guide.md",
    "src/telemetry/metrics.rs",
    "web/app.css",
    "src/components/Button.tsx",
    "src/util/strings.go",
    "api/openapi.yaml",
    "proto/orders.proto",
    "package.json",
    "Cargo.lock",
    "src/core/engine.rs",
    "db/migrations/0042_refunds.sql",
    "src/auth/login.ts",
    "src/privacy/retention.py",
    "infra/main.tf",
    "k8s/deploy.yaml",
    ".github/workflows/ci.yml",
    "src/crypto/keys.rs",
    "src/payments/refund.rs",
    "internal/queue/consumer.go",
    ".riskgate/policy.json",
    "config/app.yaml",
    "lib/handler.rb",
    "schema.graphql",
    "helm/values.yaml",
    "src/billing/invoice.ts",
    "Dockerfile",
    "go.mod",
    "src/api/routes.rs",
    "notes.txt",
];
const CATEGORIES: [&str; 15] = [
    "docs",
    "telemetry",
    "ui",
    "logic",
    "api_contract",
    "dependency",
    "core_logic",
    "schema_migration",
    "auth",
    "pii",
    "infra",
    "crypto",
    "payments",
    "queue_semantics",
    "governance",
];
const MITIGATIONS: [&str; 5] = [
    "feature_flag",
    "canary",
    "integration_coverage",
    "safe_migration",
    "permission_boundary",
];
const PCTS: [f64; 9] = [0.0, 9.99, 10.0, 10.01, 24.99, 25.0, 49.99, 50.0, 73.5];
const BUDGETS: [u32; 4] = [300, 200, 120, 80];
const GATE_IDS: [&str; 8] = [
    "adr_set_finalized",
    "openapi_validated",
    "threat_model_reviewed",
    "secret_scanning_clean",
    "mtls_internal_active",
    "ledger_invariants",
    "slo_dashboards_live",
    "ci_gates_green",
];

fn subset(rng: &mut Rng, items: &[&str], max: u64) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for _ in 0..rng.below(max + 1) {
        let item = json!(rng.pick(items));
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn request(rng: &mut Rng, i: u64) -> Value {
    let tier = rng.below(4);
    let allocated = *rng.pick(&BUDGETS);
    let files: Vec<Value> = (0..rng.below(12))
        .map(|_| {
            let mut f = json!({ "path": rng.pick(&PATHS), "additions": rng.below(400), "deletions": rng.below(100) });
            if rng.chance(15) {
                f["status"] = json!("renamed");
                f["oldPath"] = json!(rng.pick(&PATHS));
            } else {
                f["status"] = json!(*rng.pick(&["added", "modified", "deleted"]));
            }
            f
        })
        .collect();
    let mut change = json!({
        "id": format!("c{i}"),
        "title": format!("Change {i} <b>"),
        "releaseType": rng.pick(&riskgate::request::ReleaseType::ALL).as_str(),
        "files": files,
        "categories": subset(rng, &CATEGORIES, 2),
        "mitigations": subset(rng, &MITIGATIONS, 3),
        "customerImpacting": rng.chance(40),
    });
    if rng.chance(30) {
        change["riskLevel"] = json!(*rng.pick(&["low", "medium", "high"]));
    }
    if rng.chance(50) {
        change["hasTests"] = json!(rng.chance(70));
        change["hasRollbackPlan"] = json!(rng.chance(60));
    }
    if rng.chance(20) {
        change["usersAffected"] = json!(*rng.pick(&[9_999u64, 10_000, 10_001, 500]));
    }
    let mut req = json!({
        "service": { "name": "svc", "tier": tier },
        "change": change,
        "context": {
            "activeIncident": rng.chance(10),
            "recentSev12": rng.chance(15),
            "onCallLoadHigh": rng.chance(20),
            "restrictedWindow": rng.chance(10),
        },
    });
    if rng.chance(50) {
        req["context"]["errorBudgetRemainingPct"] = json!(rng.pick(&PCTS));
    }
    // Consumed budget around the 60 %, 30 % and 0 % boundaries (± 1 RP).
    let consumed = match rng.below(7) {
        0 => allocated * 40 / 100,
        1 => allocated * 40 / 100 + 1,
        2 => allocated * 70 / 100,
        3 => allocated * 70 / 100 + 1,
        4 => allocated,
        5 => allocated + 5,
        _ => u32::try_from(rng.below(u64::from(allocated))).unwrap_or(0),
    };
    req["budget"] = json!({ "allocated": allocated, "consumed": consumed, "exceptionsThisWindow": rng.below(4) });
    let day = 16 + rng.below(14);
    req["now"] = json!(format!("2026-11-{day:02}T{:02}:30:00-05:00", rng.below(24)));
    if rng.chance(35) {
        let mut approvers = vec![json!({ "name": "Dana Li", "role": "dm" })];
        if rng.chance(80) {
            approvers.push(json!({ "name": "Sam Ortiz", "role": "on_call" }));
        }
        if rng.chance(50) {
            approvers.push(json!({ "name": "Ada Kim", "role": "pm" }));
        }
        req["exception"] = json!({
            "reason": rng.pick(&["incident_mitigation", "security_fix", "compliance_deadline", "because"]),
            "rationale": if rng.chance(85) { "customer harm" } else { "" },
            "approvers": approvers,
        });
    }
    if rng.chance(40) {
        req["errorBudget"] = if rng.chance(50) {
            json!({ "remainingPct": rng.pick(&PCTS), "burnRate": rng.pick(&[0.5, 1.5, 1.6, 2.0, 3.0, 5.0]) })
        } else {
            json!({ "sloTarget": 99.9, "windowDays": 30, "elapsedDays": 1 + rng.below(30), "totalEvents": 1_000_000, "badEvents": rng.below(3_000) })
        };
    }
    if rng.chance(30) {
        let mut gates = serde_json::Map::new();
        for g in GATE_IDS {
            if rng.chance(70) {
                gates.insert(
                    g.to_owned(),
                    json!({ "status": rng.pick(&["green", "green", "red", "unknown"]) }),
                );
            }
        }
        req["readiness"] = json!({ "gates": gates, "conditions": { "mtls_required": rng.chance(50) }, "unresolvedSev12": rng.below(2) });
    }
    if rng.chance(30) {
        let stage = |rng: &mut Rng| json!(*rng.pick(&["passed", "passed", "failed", "pending"]));
        req["pipeline"] = json!({ "build": stage(rng), "quality": stage(rng), "security": stage(rng),
            "approvals": [{ "name": "Lee", "role": rng.pick(&["sre", "vp", "dm"]) }] });
    }
    if rng.chance(30) {
        req["prerequisites"] = json!({ "qaGatePassed": rng.chance(90), "securityGatePassed": rng.chance(90),
            "testsPassing": rng.chance(90), "branchAheadOfMain": rng.chance(95) });
    }
    if rng.chance(60) {
        req["policy"] = json!({ "preset": rng.pick(&PRESETS) });
        if rng.chance(15) {
            req["policy"]["categories"] = json!({ "ui": { "points": rng.pick(&[2, 5]) } });
        }
    }
    if rng.chance(2) {
        // An invalid request now and then: both engines must give the same error.
        req["service"]["tier"] = json!(7);
    }
    req
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let seed: u64 = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(0x5eed_2026);
    let mut rng = Rng(seed | 1);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for i in 0..n {
        let text = request(&mut rng, i).to_string();
        let output = riskgate::api::evaluate(&text).unwrap_or_else(|e| e.to_json());
        let digest = Sha256::digest(output.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        if writeln!(out, "{}", json!({ "request": text, "sha256": hex })).is_err() {
            return;
        }
    }
}
