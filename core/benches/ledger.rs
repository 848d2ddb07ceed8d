//! Folding a 1,000,000-entry ledger: parse every line, check every link of the chain,
//! fold one service's state. `cargo bench -p riskgate --bench ledger` prints the time per
//! pass and the throughput in entries per second; the fold is linear in the entries.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use riskgate::Policy;
use riskgate::ledger::{self, Source, StatusOptions};
use std::hint::black_box;
use std::time::Duration;

const ENTRIES: u64 = 1_000_000;
const SERVICES: u64 = 50;

/// A sealed ledger, written as riskgate writes one: releases of 50 services over ~2 years,
/// an outcome every 10th entry, an adjustment every 1000th.
fn ledger_text(n: u64) -> String {
    let mut text = String::with_capacity(usize::try_from(n).unwrap_or(0) * 330);
    let mut prev = ledger::GENESIS.to_owned();
    let start = 1_767_225_600i64; // 2026-01-01T00:00:00Z
    for i in 0..n {
        let svc = format!("service-{}", i % SERVICES);
        let at = chrono::DateTime::from_timestamp(start + i64::try_from(i).unwrap_or(0) * 60, 0)
            .unwrap_or_default()
            .to_rfc3339();
        let seq = i + 1;
        let record = if i % 1000 == 999 {
            format!(
                r#"{{"kind":"adjustment","seq":{seq},"prev":"{prev}","at":"{at}","service":"{svc}","amount":10,"reason":"bench","approver":"Dana Li"}}"#
            )
        } else if i % 10 == 9 {
            format!(
                r#"{{"kind":"outcome","seq":{seq},"prev":"{prev}","at":"{at}","service":"{svc}","changeId":"c{}","failed":true,"severity":"sev2","detectedAt":"{at}","restoredAt":"{at}"}}"#,
                i - SERVICES
            )
        } else {
            format!(
                r#"{{"kind":"release","seq":{seq},"prev":"{prev}","at":"{at}","service":"{svc}","tier":2,"changeId":"c{i}","rrs":3,"charge":3,"gate":"G1","verdict":"go","additions":40,"deletions":2,"files":3}}"#
            )
        };
        let Ok(entry) = ledger::parse_line(seq, &record) else {
            break;
        };
        prev = ledger::to_hex(&entry.hash());
        // As `riskgate record` writes it: the canonical form.
        text.push_str(&entry.canonical());
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
