//! Native engine benchmarks (issue 7): a typical decision including JSON in and out, the
//! same decision for 400 and 4,000 files (the cost curve in the diff's size),
//! classification of 100,000 paths against the default rules and against 50, 500 and 4,000
//! rules (the curve in the rule count), 50 globs with character classes against plain
//! globset, and Markdown rendering. `cargo bench -p riskgate --bench engine` prints the figures.

#![expect(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a benchmark: fixed inputs, failing loudly is right"
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const DIRS: [&str; 20] = [
    "src/auth",
    "src/payments",
    "db/migrations",
    "web/components",
    "docs",
    "src/util",
    "k8s",
    "proto",
    "src/core",
    "src/telemetry",
    "src/api",
    "lib",
    "internal/queue",
    "config",
    "scripts",
    "src/billing",
    "tests",
    "src/crypto",
    "charts/app",
    "pkg/server",
];
const EXTS: [&str; 10] = [
    "rs", "ts", "tsx", "sql", "md", "yaml", "go", "py", "proto", "css",
];

fn path(i: usize) -> String {
    let dir = DIRS[i % DIRS.len()];
    let ext = EXTS[(i / DIRS.len()) % EXTS.len()];
    format!("{dir}/module_{}/file_{i}.{ext}", i % 97)
}

/// A typical pull request: 40 files, a tier 2 service, some context and mitigations.
pub fn typical_request() -> String {
    request_with_files(40)
}

/// The typical request with `n` files (every 7th benchmark path, so all 20 directories and
/// 10 extensions appear).
fn request_with_files(n: usize) -> String {
    let files: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "{{\"path\":\"{}\",\"status\":\"modified\",\"additions\":{},\"deletions\":{}}}",
                path(i * 7),
                i * 3,
                i
            )
        })
        .collect();
    format!(
        "{{\"service\":{{\"name\":\"checkout\",\"tier\":2}},\"change\":{{\"id\":\"9f2c1e7\",\"title\":\"Typical change\",\"files\":[{}],\"mitigations\":[\"canary\",\"feature_flag\"]}},\"context\":{{\"errorBudgetRemainingPct\":42.0}},\"budget\":{{\"consumed\":30}}}}",
        files.join(",")
    )
}

fn bench(c: &mut Criterion) {
    let request = typical_request();
    c.bench_function(
        "evaluate typical request (40 files, JSON in and out)",
        |b| b.iter(|| riskgate::evaluate_json(black_box(&request))),
    );

    // The cost curve in the size of the diff: linear, so the time per file stays flat.
    let mut group = c.benchmark_group("decision by diff size");
    group.sample_size(20);
    for n in [40, 400, 4_000] {
        let request = request_with_files(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n} files"), |b| {
            b.iter(|| riskgate::evaluate_json(black_box(&request)))
        });
    }
    group.finish();

    let paths: Vec<String> = (0..100_000).map(path).collect();
    let compiled = riskgate::default_policy().expect("default policy");
    let mut group = c.benchmark_group("classify 100,000 paths");
    group.sample_size(10);
    group.bench_function("default rules", |b| {
        b.iter(|| {
            paths
                .iter()
                .map(|p| compiled.classify_path(p).indices.len())
                .sum::<usize>()
        })
    });
    // The cost curve in the number of rules: 50, 500 and 4,000 include globs in one category
    // (the limit is 5,000 globs in a policy, the default categories' included).
    for rules in [50, 500, 4_000] {
        let globs: Vec<String> = (0..rules)
            .map(|i| format!("\"**/{}/module_{}/**\"", DIRS[i % DIRS.len()], i))
            .collect();
        let policy = format!(
            "{{\"categories\":{{\"core_logic\":{{\"label\":\"core\",\"points\":6,\"highRisk\":false,\"include\":[{}]}}}}}}",
            globs.join(",")
        );
        let big =
            riskgate::CompiledPolicy::new(riskgate::Policy::from_json(&policy).expect("policy"))
                .expect("compiled");
        group.bench_function(format!("{rules} rules"), |b| {
            b.iter(|| {
                paths
                    .iter()
                    .map(|p| big.classify_path(p).indices.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();

    // Globs no shape takes (character classes, `?`) run on riskgate's own byte automaton
    // (core/src/classify/byte_glob.rs); plain globset's GlobSet (its regex engine) answers
    // the same 50 globs in the same run, for the ratio. The default policy has none.
    let class_globs: Vec<String> = (0..50)
        .map(|i| {
            format!(
                "**/{}/[Mm]odule_{}/file_?*.[rt]s",
                DIRS[i % DIRS.len()],
                i % 97
            )
        })
        .collect();
    // The preset's other categories keep no glob, so both sides run the same 50 globs.
    let emptied: Vec<String> = riskgate::Policy::preset("stella-ops")
        .expect("preset")
        .categories
        .keys()
        .filter(|id| id.as_str() != "core_logic")
        .map(|id| format!("\"{id}\":{{\"include\":[],\"exclude\":[]}}"))
        .collect();
    let policy = format!(
        "{{\"categories\":{{{},\"core_logic\":{{\"label\":\"core\",\"points\":6,\"highRisk\":false,\"include\":[{}],\"exclude\":[]}}}}}}",
        emptied.join(","),
        class_globs
            .iter()
            .map(|g| format!("\"{g}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    let classes =
        riskgate::CompiledPolicy::new(riskgate::Policy::from_json(&policy).expect("policy"))
            .expect("compiled");
    let mut set = globset::GlobSetBuilder::new();
    for g in &class_globs {
        set.add(
            globset::GlobBuilder::new(g)
                .literal_separator(true)
                .backslash_escape(true)
                .case_insensitive(true)
                .build()
                .expect("glob"),
        );
    }
    let set = set.build().expect("glob set");
    let core_logic = classes
        .policy()
        .categories
        .get_index_of("core_logic")
        .expect("category");
    let agree = paths
        .iter()
        .filter(|p| {
            classes.classify_path(p).indices.contains(&core_logic) == set.is_match(p.as_str())
        })
        .count();
    assert_eq!(
        agree,
        paths.len(),
        "riskgate and globset disagree on the class globs"
    );
    let mut group = c.benchmark_group("classify 100,000 paths, 50 globs with classes");
    group.sample_size(10);
    group.bench_function("riskgate", |b| {
        b.iter(|| {
            paths
                .iter()
                .map(|p| classes.classify_path(p).indices.len())
                .sum::<usize>()
        })
    });
    group.bench_function("plain globset GlobSet", |b| {
        b.iter(|| paths.iter().filter(|p| set.is_match(p.as_str())).count())
    });
    group.finish();

    let decision =
        riskgate::evaluate(&riskgate::parse_request(&request).expect("request")).expect("decision");
    c.bench_function("render Markdown", |b| {
        b.iter(|| riskgate::render::markdown(black_box(&decision)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
