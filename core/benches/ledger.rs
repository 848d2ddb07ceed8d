//! Folding a 1,000,000-entry ledger: parse every line, check every link of the chain,
//! fold one service's state. `cargo bench -p riskgate --bench ledger` prints the time per
//! pass and the throughput in entries per second; the fold is linear in the entries.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use riskgate::Policy;
use riskgate::ledger::{self, Source, StatusOptions};
use std::hint::black_box;
use std::time::Duration;

#[path = "fixtures/ledger_lines.rs"]
mod ledger_lines;

use ledger_lines::LedgerLines;

const ENTRIES: u64 = 1_000_000;

/// The benchmark ledger as one text (see `fixtures/ledger_lines.rs`).
fn ledger_text(n: u64) -> String {
    let mut text = String::with_capacity(usize::try_from(n).unwrap_or(0) * 330);
    for line in LedgerLines::new(n) {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

fn fold(c: &mut Criterion) {
    let Ok(policy) = Policy::preset("stella-ops") else {
        return;
    };
    let at = chrono::DateTime::parse_from_rfc3339("2027-11-15T00:00:00Z").unwrap_or_default();
    let mut group = c.benchmark_group("ledger");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    // Two sizes, a factor 10 apart: the time per entry stays the same (linear).
    for n in [ENTRIES / 10, ENTRIES] {
        let text = ledger_text(n);
        // Sanity: the whole ledger is read, verified and folded.
        match ledger::status(
            Source::Text(&text),
            &policy,
            "service-7",
            at,
            &StatusOptions::default(),
        ) {
            Ok(s) => println!(
                "ledger: {} entries, {} bytes; service-7 at {at}: {} releases this window, {} RP consumed",
                s.entries,
                text.len(),
                s.releases,
                s.consumed
            ),
            Err(e) => println!("ledger: fold failed: {e}"),
        }
        group.throughput(Throughput::Elements(n));
        group.bench_function(format!("status_{n}_entries"), |b| {
            // What a caller runs: the text read line by line, verified, folded (streaming).
            b.iter(|| {
                black_box(
                    ledger::status(
                        Source::Text(&text),
                        &policy,
                        "service-7",
                        at,
                        &StatusOptions::default(),
                    )
                    .map(|s| s.consumed)
                    .unwrap_or_default(),
                )
            });
        });
        group.bench_function(format!("verify_{n}_entries"), |b| {
            b.iter(|| black_box(ledger::verify(Source::Text(&text), None).ok));
        });
    }
    group.finish();
}

criterion_group!(benches, fold);
criterion_main!(benches);
