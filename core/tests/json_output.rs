//! riskgate's JSON writer (`riskgate::json`) against serde_json: the same bytes for every
//! decision and answer of the golden vectors, for random JSON values (strings of any
//! characters, escapes at every position, numbers of every kind) and for every shape of
//! the serde data model, including the map keys both refuse. The API's answers are the same
//! text in ASCII (`json::to_ascii_string`): each non-ASCII character of serde_json's text
//! as `\uxxxx` escapes.

#![expect(clippy::unwrap_used, reason = "a test: failing loudly is the point")]

use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// serde_json's text with each non-ASCII character as `\uxxxx` (lower case hex; UTF-16
/// units, so a surrogate pair above U+FFFF): outside strings its text is ASCII already.
fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

fn same<T: Serialize + ?Sized>(value: &T) -> Result<(), TestCaseError> {
    let ours = riskgate::json::to_string(value, 0);
    let ours_ascii = riskgate::json::to_ascii_string(value, 0);
    let theirs = serde_json::to_string(value);
    match (ours, ours_ascii, theirs) {
        (Ok(a), Ok(b), Ok(c)) => {
            prop_assert!(b.is_ascii(), "{b}");
            prop_assert_eq!(b, ascii(&c));
            prop_assert_eq!(a, c);
        }
        (Err(a), Err(b), Err(c)) => {
            prop_assert_eq!(a.to_string(), c.to_string());
            prop_assert_eq!(b.to_string(), c.to_string());
        }
        (a, b, c) => prop_assert!(false, "riskgate {a:?} / {b:?}, serde_json {c:?}"),
    }
    // Pretty JSON: the compact text laid out again, as serde_json's pretty writer writes.
    match (
        riskgate::json::to_pretty_string(value),
        serde_json::to_string_pretty(value),
    ) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        (a, b) => prop_assert!(false, "riskgate pretty {a:?}, serde_json {b:?}"),
    }
    Ok(())
}

/// Every preset's policy and the fullest vector decision, pretty (`policy init`, the
/// worksheet's download), as serde_json's pretty writer writes them.
#[test]
fn pretty_policies_and_decisions_are_serde_jsons() {
    for preset in riskgate::policy::preset_names() {
        let policy = riskgate::Policy::preset(preset).unwrap();
        assert_eq!(
            policy.to_json(),
            serde_json::to_string_pretty(&policy).unwrap(),
            "{preset}"
        );
    }
    let decision = full_decision();
    assert_eq!(
        decision.to_json_pretty(),
        serde_json::to_string_pretty(&decision).unwrap()
    );
}

#[test]
fn ascii_answers_escape_every_non_ascii_character_and_mean_the_same() {
    let text = "café → 🚀 \u{7f}\u{80}\u{ffff} \"q\" \\ \n\u{1}";
    let written = riskgate::json::to_ascii_string(text, 0).unwrap();
    assert_eq!(
        written,
        r#""caf\u00e9 \u2192 \ud83d\ude80 \u007f\u0080\uffff \"q\" \\ \n\u0001""#
            .replace("\\u007f", "\u{7f}")
    );
    assert_eq!(serde_json::from_str::<String>(&written).unwrap(), text);
    assert_eq!(
        riskgate::json::to_string(text, 0).unwrap(),
        serde_json::to_string(text).unwrap()
    );
}

fn vector_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            vector_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_vector_decision_and_answer_is_written_as_serde_json_writes_it_in_ascii() {
    let mut files = Vec::new();
    vector_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors"),
        &mut files,
    );
    assert!(files.len() > 200, "the vectors are missing");
    let mut decisions = 0;
    for path in &files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = match (doc.get("request"), doc.get("requestText")) {
            (Some(request), _) => serde_json::to_string(request).unwrap(),
            (None, Some(Value::String(raw))) => raw.clone(),
            _ => continue,
        };
        let op = doc.get("op").and_then(Value::as_str).unwrap_or("evaluate");
        if op == "evaluate"
            && let Ok(request) = riskgate::parse_request(&text)
            && let Ok(decision) = riskgate::evaluate(&request)
        {
            assert_eq!(
                decision.to_json(),
                ascii(&serde_json::to_string(&decision).unwrap()),
                "{}",
                path.display()
            );
            decisions += 1;
        }
        // Every answer, re-read in order (preserve_order) and written again by serde_json.
        if let Ok(answer) = riskgate::api::call(op, &text)
            && let Ok(value) = serde_json::from_str::<Value>(&answer)
        {
            assert_eq!(
                answer,
                ascii(&serde_json::to_string(&value).unwrap()),
                "{}",
                path.display()
            );
        }
    }
    assert!(decisions > 100, "only {decisions} decisions compared");
}

/// Strings weighted towards what JSON escapes: control characters, quotes, backslashes,
/// DEL, and multi-byte characters next to them.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(String::from("\"")),
        Just(String::from("\\")),
        Just(String::from("\u{7f}")),
        Just(String::from("é")),
        Just(String::from("🚀")),
        (0_u8..0x20).prop_map(|b| char::from(b).to_string()),
        "[a-z/._-]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (-1e6_f64..1e6).prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Newtype(String);

#[derive(Serialize)]
struct Tuple(i32, String);

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Plain,
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(String),
    Tuple(u8, Option<String>),
    Struct { a: i128, b: Vec<u8> },
}

#[derive(Serialize)]
struct Everything {
    unit: Unit,
    newtype: Newtype,
    tuple: Tuple,
    pair: (bool, char),
    shapes: Vec<Shape>,
    float32: f32,
    float64: f64,
    none: Option<u8>,
    unit_value: (),
    by_u8: BTreeMap<u8, String>,
    by_i64: BTreeMap<i64, bool>,
    by_bool: BTreeMap<bool, u16>,
    by_char: BTreeMap<char, u32>,
    by_variant: BTreeMap<Key, u128>,
    big: u128,
    small: i8,
}

/// A map keyed by floats: serde_json quotes finite ones and refuses the others.
struct FloatKeys(Vec<(f64, u8)>);

impl Serialize for FloatKeys {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A map keyed by a sequence, which serde_json refuses: both must fail alike.
#[derive(Serialize)]
struct BadKey(BTreeMap<Vec<u8>, u8>);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them(s in text()) {
        same(&s)?;
    }

    #[test]
    fn json_values_are_written_alike(v in json_value()) {
        same(&v)?;
    }

    #[test]
    fn every_shape_of_the_data_model_is_written_alike(
        s in text(),
        n in any::<i32>(),
        c in any::<char>(),
        f32v in any::<f32>(),
        f64v in any::<f64>(),
        bytes in prop::collection::vec(any::<u8>(), 0..8),
        keys in prop::collection::vec(any::<u8>(), 0..4),
    ) {
        let value = Everything {
            unit: Unit,
            newtype: Newtype(s.clone()),
            tuple: Tuple(n, s.clone()),
            pair: (n % 2 == 0, c),
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(s.clone()),
                Shape::Tuple(7, Some(s.clone())),
                Shape::Tuple(8, None),
                Shape::Struct { a: i128::from(n) * 3, b: bytes.clone() },
            ],
            float32: f32v,
            float64: f64v,
            none: None,
            unit_value: (),
            by_u8: keys.iter().map(|k| (*k, s.clone())).collect(),
            by_i64: keys.iter().map(|k| (-i64::from(*k), true)).collect(),
            by_bool: [(true, 1), (false, 0)].into_iter().collect(),
            by_char: [(c, 1)].into_iter().collect(),
            by_variant: [(Key::Plain, u128::MAX)].into_iter().collect(),
            big: u128::MAX,
            small: i8::MIN,
        };
        same(&value)?;
        // Keys serde_json writes as quoted floats, and keys it refuses.
        same(&FloatKeys(vec![(f64v, 1), (1.5, 2)]))?;
        same(&BadKey([(bytes, 1)].into_iter().collect()))?;
    }
}

/// The golden vectors' decision with the most optional parts (error budget, readiness,
/// pipeline, rollout, exception, ledger), evaluated once.
fn full_decision() -> riskgate::Decision {
    static FULL: std::sync::OnceLock<riskgate::Decision> = std::sync::OnceLock::new();
    FULL.get_or_init(fullest_vector_decision).clone()
}

fn fullest_vector_decision() -> riskgate::Decision {
    let mut files = Vec::new();
    vector_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors"),
        &mut files,
    );
    let parts = |d: &riskgate::Decision| {
        [
            d.error_budget_gate.is_some(),
            d.readiness.is_some(),
            d.pipeline.is_some(),
            d.rollout.is_some(),
            d.exception.is_some(),
            d.ledger_entry.is_some(),
            d.ledger_note.is_some(),
            !d.blockers.is_empty(),
            !d.gate.adjustments.is_empty(),
        ]
        .iter()
        .filter(|p| **p)
        .count()
    };
    files
        .iter()
        .filter_map(|path| {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let request = riskgate::parse_request(&doc.get("request")?.to_string()).ok()?;
            riskgate::evaluate(&request).ok()
        })
        .max_by_key(parts)
        .unwrap()
}

fn one_of<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The decision's own writer (literal keys around its most repeated objects) against
    /// serde_json, with the texts of those objects drawn from what JSON escapes and every
    /// value of each enum, boolean and sign.
    #[test]
    fn the_decision_writer_writes_what_serde_json_writes(
        texts in prop::collection::vec(text(), 8),
        points in any::<i64>(),
        total in any::<u32>(),
        flag in any::<bool>(),
        status in one_of(&riskgate::request::FileStatus::ALL),
        kind in one_of(&riskgate::score::ContributionKind::ALL),
        source in one_of(&riskgate::decision::CategorySource::ALL),
        level in one_of(&riskgate::GateLevel::ALL),
        verdict in one_of(&riskgate::Verdict::ALL),
        emptied in 0_usize..6,
    ) {
        use std::sync::Arc;
        let t = |i: usize| -> Arc<str> { Arc::from(texts[i % texts.len()].as_str()) };
        let mut d = full_decision();
        d.score.total = total;
        for c in &mut d.score.contributions {
            c.kind = kind;
            c.id = t(0);
            c.points = points;
            c.label = t(1);
            c.evidence = c.evidence.iter().cloned().chain([t(2)]).collect();
        }
        for c in &mut d.categories {
            c.id = t(3);
            c.label = t(1);
            c.points = total;
            c.high_risk = flag;
            c.declared = !flag;
            c.source = source;
            c.files = c.files.iter().cloned().chain([t(4)]).collect();
        }
        d.gate.level = level;
        d.gate.base_level = level;
        d.gate.base_reason = texts[5].clone();
        for r in &mut d.gate.requirements {
            r.id = t(6);
            r.text = t(7);
            r.level = level;
        }
        for f in &mut d.files {
            f.path = t(2);
            f.status = status;
            f.fallback = flag;
            f.categories = f.categories.iter().cloned().chain([t(3)]).collect();
        }
        d.verdict = verdict;
        if let Some(r) = &mut d.rollout {
            r.prerequisites.passed = flag;
            r.prerequisites.checked = !flag;
            r.prerequisites.failing.push(texts[0].clone());
            r.risk_rationale.push(texts[1].clone());
            r.reconciliation = texts[2].clone();
            r.blast_radius = texts[3].clone();
            r.strategy_label = t(4);
            r.strategy_rationale = texts[5].clone();
            r.human_supervision = flag;
            r.rollback_method = t(6);
            r.rollback_steps.push(t(7));
            r.rollback_triggers.push(t(0));
            r.monitoring.push(t(1));
            r.estimated_rollback_minutes = total;
            for p in &mut r.phases {
                p.name = t(2);
                p.proceed_if = t(3);
                p.traffic_pct = total;
            }
            for a in &mut r.alternatives {
                a.label = t(4);
                a.when_to_use = t(5);
                a.why_not = texts[6].clone();
            }
            if emptied == 5 {
                r.phases.clear();
                r.alternatives.clear();
                r.risk_rationale.clear();
                r.prerequisites.failing.clear();
            }
        }
        match emptied {
            0 => d.score.contributions.clear(),
            1 => d.categories.clear(),
            2 => d.gate.requirements.clear(),
            3 => d.files.clear(),
            4 => {
                d.rollout = None;
                d.error_budget_gate = None;
                d.readiness = None;
                d.pipeline = None;
                d.exception = None;
            }
            _ => {}
        }
        prop_assert_eq!(d.to_json(), ascii(&serde_json::to_string(&d).unwrap()));
    }
}
