//! Error-budget gate parity (issue 8): seed 001's `ErrorBudgetReleaseGate.evaluate_release`,
//! extracted from the seed text at test time and run by `python3`, agrees with the engine's
//! `errorBudgetGate` (approved, reason, alternative, condition texts) on a seeded, generated
//! set of metrics and release metadata, boundary values included.
//!
//! The seed is read from `../shared/seeds/001_*.txt` next to the repository when present,
//! otherwise from the copy committed as `tests/seeds/001.txt`. All cases go to one Python
//! process (JSON in, JSON out). The test is skipped, saying so, when `python3` is missing.

// Test code: a panic (unwrap, indexing) is how a failure is reported. The workspace denies
// these lints for library code; `clippy.toml` only exempts `#[test]` functions, not helpers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Number of generated cases.
const CASES: usize = 4000;

/// Known, reported divergence (see `known_divergence`): the seed's policy table holds
/// `max_burn_rate` 2.0 and 3.0 as Python floats, so its reason prints them as `2.0x` and
/// `3.0x`; the engine's policy JSON does not keep the int/float distinction and prints `2x`
/// and `3x`. Tolerated only in exactly that form, and the test fails once no case shows it
/// any more, so the allowance is removed when the engine is fixed.
const ALLOW_FLOAT_POLICY_NUMBER_DIVERGENCE: bool = false;

fn seed_path() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../../shared/seeds");
    if let Ok(entries) = std::fs::read_dir(&shared) {
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("001_") && n.ends_with(".txt"))
            })
            .collect();
        found.sort();
        if let Some(path) = found.into_iter().next() {
            return path;
        }
    }
    let copy = manifest.join("tests/seeds/001.txt");
    assert!(
        copy.exists(),
        "seed 001 not found in {} nor at {}",
        shared.display(),
        copy.display()
    );
    copy
}

/// The `ErrorBudgetReleaseGate` class, from its `class` line to the end of its code fence.
fn class_source(seed: &str) -> String {
    let start = seed
        .find("class ErrorBudgetReleaseGate")
        .expect("the seed defines class ErrorBudgetReleaseGate");
    let rest = &seed[start..];
    let end = rest
        .find("\n```")
        .expect("the class's code fence is closed");
    let source = &rest[..end];
    assert!(source.contains("def evaluate_release"));
    assert!(source.contains("def _default_policy"));
    source.to_owned()
}

const PRELUDE: &str = r#"
import json, sys
from typing import Optional

class ErrorBudgetManager:
    pass

class ErrorBudgetMetrics:
    def __init__(self, status, remaining_pct, burn_rate):
        self.status = status
        self.remaining_pct = remaining_pct
        self.burn_rate = burn_rate

    def to_dict(self):
        return {'status': self.status, 'remaining_pct': self.remaining_pct, 'burn_rate': self.burn_rate}
"#;

const DRIVER: &str = r#"
gate = ErrorBudgetReleaseGate(ErrorBudgetManager())
out = []
for case in json.load(sys.stdin):
    metrics = ErrorBudgetMetrics(case['status'], case['remaining_pct'], case['burn_rate'])
    result = gate.evaluate_release(metrics, case['metadata'])
    out.append({
        'approved': result['approved'],
        'reason': result['reason'],
        'alternative': result.get('alternative'),
        'conditions': result.get('conditions', []),
    })
json.dump(out, sys.stdout)
"#;

/// SplitMix64: a small, seeded, dependency-free generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A multiple of 0.01 in [lo, hi] (hundredths).
    fn hundredths(&mut self, lo: i64, hi: i64) -> f64 {
        let span = u64::try_from(hi - lo + 1).unwrap();
        let v = lo + i64::try_from(self.next() % span).unwrap();
        v as f64 / 100.0
    }
}

const STATUSES: [&str; 5] = ["healthy", "attention", "warning", "critical", "exhausted"];
const RISK_LEVELS: [&str; 3] = ["low", "medium", "high"];
/// The seed's release types (and riskgate's other ones), with riskgate's name for each.
const RELEASE_TYPES: [(&str, &str); 8] = [
    ("feature", "feature"),
    ("bugfix", "bugfix"),
    ("security", "security_fix"),
    ("rollback", "rollback"),
    ("critical_security_fix", "critical_security_fix"),
    ("slo_improvement", "slo_improvement"),
    ("incident_fix", "incident_fix"),
    ("chore", "chore"),
];
const REMAINING_EDGES: [f64; 26] = [
    -10.0, -0.25, -0.04, 0.0, 0.04, 0.05, 0.25, 9.94, 9.95, 9.99, 10.0, 10.01, 12.25, 19.99, 24.94,
    24.95, 24.96, 25.0, 25.01, 49.94, 49.95, 49.96, 50.0, 50.01, 75.0, 100.0,
];
const BURN_EDGES: [f64; 22] = [
    0.0, 0.5, 1.0, 1.45, 1.5, 1.500_001, 1.55, 1.6, 1.95, 2.0, 2.000_001, 2.05, 2.5, 2.95, 3.0,
    3.000_001, 3.05, 3.5, 4.99, 5.0, 10.0, 12.25,
];

/// The status band of issue 3 (healthy >= 50, attention >= 25, warning >= 10, critical > 0,
/// exhausted <= 0; a burn rate >= 5 makes the first three critical).
fn band(remaining: f64, burn: f64) -> &'static str {
    let band = if remaining <= 0.0 {
        "exhausted"
    } else if remaining >= 50.0 {
        "healthy"
    } else if remaining >= 25.0 {
        "attention"
    } else if remaining >= 10.0 {
        "warning"
    } else {
        "critical"
    };
    if burn >= 5.0 && matches!(band, "healthy" | "attention" | "warning") {
        "critical"
    } else {
        band
    }
}

struct Case {
    /// Input of the Python side.
    python: Value,
    /// The riskgate request.
    request: Value,
}

fn generate(rng: &mut Rng, i: usize) -> Case {
    let remaining = if rng.below(2) == 0 {
        *rng.pick(&REMAINING_EDGES)
    } else {
        rng.hundredths(-5_000, 10_000)
    };
    let burn = if rng.below(2) == 0 {
        *rng.pick(&BURN_EDGES)
    } else {
        rng.hundredths(0, 1_200)
    };
    // Half the statuses match the figures (as the bands would derive them), half are
    // arbitrary (an explicit status the figures do not support).
    let status = if rng.below(2) == 0 {
        band(remaining, burn)
    } else {
        *rng.pick(&STATUSES)
    };
    let risk = *rng.pick(&RISK_LEVELS);
    // One case in four is an exception release type; the others fall through to the table.
    let (seed_type, riskgate_type) = if rng.below(4) == 0 {
        *rng.pick(&RELEASE_TYPES[3..6])
    } else {
        *rng.pick(&[
            RELEASE_TYPES[0],
            RELEASE_TYPES[1],
            RELEASE_TYPES[2],
            RELEASE_TYPES[6],
            RELEASE_TYPES[7],
        ])
    };
    let tri = |rng: &mut Rng| match rng.below(3) {
        0 => None,
        1 => Some(false),
        _ => Some(true),
    };
    let has_tests = tri(rng);
    let has_rollback_plan = tri(rng);

    let mut metadata = json!({ "risk_level": risk, "release_type": seed_type });
    let mut change = json!({
        "id": format!("case-{i}"),
        "releaseType": riskgate_type,
        "riskLevel": risk,
    });
    if let Some(t) = has_tests {
        metadata["has_tests"] = json!(t);
        change["hasTests"] = json!(t);
    }
    if let Some(r) = has_rollback_plan {
        metadata["has_rollback_plan"] = json!(r);
        change["hasRollbackPlan"] = json!(r);
    }
    Case {
        python: json!({
            "status": status,
            "remaining_pct": remaining,
            "burn_rate": burn,
            "metadata": metadata,
        }),
        request: json!({
            "service": { "name": "parity", "tier": 1 },
            "change": change,
            "errorBudget": { "remainingPct": remaining, "burnRate": burn, "status": status },
        }),
    }
}

fn python_available() -> bool {
    Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run_python(class: &str, cases: &[Case]) -> Vec<Value> {
    let program = format!("{PRELUDE}\n{class}\n{DRIVER}");
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(&program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    let input: Vec<&Value> = cases.iter().map(|c| &c.python).collect();
    let input = serde_json::to_vec(&input).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        output.status.success(),
        "python3 failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("python3 prints a JSON list")
}

/// The engine's answer in the Python result's shape, plus its reason code.
fn run_engine(request: &Value) -> (Value, String) {
    let decision = riskgate::api::evaluate(&request.to_string())
        .unwrap_or_else(|e| panic!("engine error {e} for {request}"));
    let decision: Value = serde_json::from_str(&decision).unwrap();
    let gate = decision
        .get("errorBudgetGate")
        .unwrap_or_else(|| panic!("no errorBudgetGate for {request}"));
    let conditions: Vec<Value> = gate["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].clone())
        .collect();
    (
        json!({
            "approved": gate["approved"],
            "reason": gate["reason"],
            "alternative": gate["alternative"],
            "conditions": conditions,
        }),
        gate["reasonCode"].as_str().unwrap().to_owned(),
    )
}

/// True when the only difference is the reported `2.0x`/`3.0x` versus `2x`/`3x`.
fn known_divergence(python: &Value, engine: &Value) -> bool {
    let (Some(py), Some(en)) = (python["reason"].as_str(), engine["reason"].as_str()) else {
        return false;
    };
    let rewritten = ["> 2.0x", "> 3.0x"].iter().find_map(|suffix| {
        py.strip_suffix(suffix)
            .map(|head| format!("{head}{}", suffix.replace(".0x", "x")))
    });
    let mut py_fixed = python.clone();
    match rewritten {
        Some(r) if r == en => {
            py_fixed["reason"] = Value::String(r);
            py_fixed == *engine
        }
        _ => false,
    }
}

#[test]
fn error_budget_gate_agrees_with_seed_python() {
    if !python_available() {
        eprintln!("SKIPPED error-budget parity: python3 is not available on this machine");
        return;
    }
    let path = seed_path();
    let seed = std::fs::read_to_string(&path).unwrap();
    let class = class_source(&seed);

    let mut rng = Rng(0x5EED_0001_E44B_D6E7);
    let cases: Vec<Case> = (0..CASES).map(|i| generate(&mut rng, i)).collect();
    let expected = run_python(&class, &cases);
    assert_eq!(expected.len(), cases.len());

    let mut mismatches = Vec::new();
    let mut known = 0usize;
    let mut by_code: std::collections::BTreeMap<String, usize> = Default::default();
    for (case, python) in cases.iter().zip(&expected) {
        let (engine, code) = run_engine(&case.request);
        *by_code.entry(code).or_default() += 1;
        if engine == *python {
            continue;
        }
        if ALLOW_FLOAT_POLICY_NUMBER_DIVERGENCE && known_divergence(python, &engine) {
            known += 1;
            continue;
        }
        mismatches.push(format!(
            "request {}\n  python {python}\n  engine {engine}",
            case.request
        ));
    }
    eprintln!(
        "error-budget parity: {} cases from {}; reason codes {by_code:?}; {known} with the known 2.0x/3.0x divergence",
        cases.len(),
        path.display()
    );
    // Every branch of evaluate_release is exercised.
    for code in [
        "exception_release",
        "risk_level_not_allowed",
        "insufficient_budget",
        "burn_rate_too_high",
        "allowed",
    ] {
        assert!(
            by_code.get(code).copied().unwrap_or(0) >= 20,
            "too few cases reach {code}: {by_code:?}"
        );
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cases disagree with the seed's Python; first ones:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    if ALLOW_FLOAT_POLICY_NUMBER_DIVERGENCE {
        assert!(
            known > 0,
            "no case shows the 2.0x/3.0x divergence any more: set ALLOW_FLOAT_POLICY_NUMBER_DIVERGENCE to false"
        );
    }
}

#[test]
fn committed_seed_copy_is_the_seed() {
    let copy = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds/001.txt");
    let copy_text = std::fs::read_to_string(&copy).expect("tests/seeds/001.txt is committed");
    // The copy alone is enough to run the parity test.
    assert!(class_source(&copy_text).contains("def _is_exception_release"));
    let path = seed_path();
    if path != copy {
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            copy_text,
            "tests/seeds/001.txt differs from {}",
            path.display()
        );
    }
}
