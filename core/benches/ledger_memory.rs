//! Memory of the ledger fold (issue 7: "1,000,000 ledger entries folded natively, memory
//! flat in the number of entries (streaming)"). Counts the heap with a counting global
//! allocator, so it is a program of its own and not a criterion bench (the counting would
//! slow the timed runs). `cargo bench -p riskgate --bench ledger_memory [-- --json FILE]`.
//!
//! For 10,000, 100,000 and 1,000,000 entries it measures the peak heap above what was
//! allocated before, of:
//! - the fold fed one line at a time ([`Fold::push_line`], what a caller reading a file
//!   does): the ledger is never in memory, so the peak is the fold's own state;
//! - [`ledger::status`] over the whole text (what the CLI and the npm package call), less
//!   the text itself.
//!
//! The fold keeps, for the service it reports on, one record per change id (so that no
//! change is charged twice) and one accumulator per budget window; nothing per entry of
//! other services, and no entry once folded.

#![expect(
    clippy::print_stdout,
    reason = "a benchmark program: its figures are its output"
)]

#[path = "fixtures/ledger_lines.rs"]
mod ledger_lines;

use ledger_lines::{LedgerLines, SERVICES};
use peak_alloc::PeakAlloc;
use riskgate::Policy;
use riskgate::ledger::{self, Fold, Source, StatusOptions};
use std::fmt::Write as _;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const SERVICE: &str = "service-7";

/// One size's figures, in bytes.
struct Measured {
    entries: u64,
    text_bytes: usize,
    stream_peak: usize,
    other_peak: usize,
    text_peak: usize,
    consumed: u64,
    changes: u64,
}

/// Peak heap above the current level while `run` runs, and its result.
fn peak_of<T>(run: impl FnOnce() -> T) -> (usize, T) {
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let out = run();
    (HEAP.peak_usage().saturating_sub(before), out)
}

fn measure(n: u64, policy: &Policy) -> Result<Measured, String> {
    let at =
        chrono::DateTime::parse_from_rfc3339("2027-11-15T00:00:00Z").map_err(|e| e.to_string())?;
    // Streaming: each line is made, read, folded and dropped before the next.
    let service_release = r#""kind":"release","#;
    let of_service = format!(r#""service":"{SERVICE}""#);
    let (stream_peak, streamed) = peak_of(|| -> Result<(u64, usize, u64), String> {
        let mut fold = Fold::new(policy, SERVICE, at, None);
        let mut text_bytes = 0;
        let mut changes = 0;
        for (line, text) in (1..).zip(LedgerLines::new(n)) {
            if text.contains(service_release) && text.contains(&of_service) {
                changes += 1;
            }
            let entry = ledger::parse_line(line, &text).map_err(|e| e.to_string())?;
            fold.push_line(entry, &text).map_err(|e| e.to_string())?;
            text_bytes += text.len() + 1;
        }
        let status = fold.finish().map_err(|e| e.to_string())?;
        Ok((status.consumed, text_bytes, changes))
    });
    let (consumed, text_bytes, changes) = streamed?;
    // The same stream folded for a service with no entry in it: what the fold keeps for the
    // entries of other services.
    let (other_peak, other) = peak_of(|| -> Result<u64, String> {
        let mut fold = Fold::new(policy, "service-without-entries", at, Some(2));
        for (line, text) in (1..).zip(LedgerLines::new(n)) {
            let entry = ledger::parse_line(line, &text).map_err(|e| e.to_string())?;
            fold.push_line(entry, &text).map_err(|e| e.to_string())?;
        }
        Ok(fold.finish().map_err(|e| e.to_string())?.entries)
    });
    if other? != n {
        return Err(format!(
            "{n} entries: the fold for another service did not read them all"
        ));
    }
    // The API over the whole text; the text is allocated before the measurement starts.
    let mut text = String::with_capacity(text_bytes);
    for line in LedgerLines::new(n) {
        text.push_str(&line);
        text.push('\n');
    }
    let (text_peak, status) = peak_of(|| {
        ledger::status(
            Source::Text(&text),
            policy,
            SERVICE,
            at,
            &StatusOptions::default(),
        )
    });
    let status = status.map_err(|e| e.to_string())?;
    if status.consumed != consumed || status.entries != n {
        return Err(format!(
            "{n} entries: the stream and the text disagree ({consumed} RP against {} RP, {} entries)",
            status.consumed, status.entries
        ));
    }
    Ok(Measured {
        entries: n,
        text_bytes,
        stream_peak,
        other_peak,
        text_peak,
        consumed,
        changes,
    })
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

fn main() {
    let mut args = std::env::args().skip_while(|a| a != "--json");
    // `cargo bench` appends `--bench`: a flag after `--json` is a missing file, not a name.
    let json_out = match (args.next(), args.next()) {
        (Some(_), file) if file.as_deref().is_none_or(|f| f.starts_with("--")) => {
            eprintln!("ledger_memory: --json needs a file");
            std::process::exit(2);
        }
        (_, file) => file,
    };
    let policy = match Policy::preset("stella-ops") {
        Ok(p) => p,
        Err(e) => {
            eprintln!("ledger_memory: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "ledger fold memory: peak heap above the level before, {SERVICE} of {SERVICES} services"
    );
    println!(
        "{:>10} {:>12} {:>16} {:>20} {:>16} {:>12}",
        "entries",
        "ledger text",
        "fold, streamed",
        "fold, other service",
        "status(text)",
        "RP consumed"
    );
    let mut rows = Vec::new();
    for n in [10_000, 100_000, 1_000_000] {
        match measure(n, &policy) {
            Ok(m) => {
                println!(
                    "{:>10} {:>12} {:>16} {:>20} {:>16} {:>12}",
                    m.entries,
                    format!("{:.1} MB", m.text_bytes as f64 / 1e6),
                    kib(m.stream_peak),
                    kib(m.other_peak),
                    kib(m.text_peak),
                    m.consumed
                );
                rows.push(m);
            }
            Err(e) => {
                eprintln!("ledger_memory: {e}");
                std::process::exit(1);
            }
        }
    }
    if let (Some(small), Some(big)) = (rows.get(1), rows.last()) {
        println!(
            "10x the entries ({} -> {}): the streamed fold's peak {:.2}x, for another service {:.2}x, status over the text {:.2}x (the text {:.2}x); {:.1} bytes per change id of {SERVICE} at {} entries",
            small.entries,
            big.entries,
            big.stream_peak as f64 / small.stream_peak.max(1) as f64,
            big.other_peak as f64 / small.other_peak.max(1) as f64,
            big.text_peak as f64 / small.text_peak.max(1) as f64,
            big.text_bytes as f64 / small.text_bytes.max(1) as f64,
            big.stream_peak as f64 / big.changes.max(1) as f64,
            big.entries,
        );
    }
    if let Some(file) = json_out {
        let mut json = String::from("{\"rows\":[");
        for (i, m) in rows.iter().enumerate() {
            let _ = write!(
                json,
                "{}{{\"entries\":{},\"textBytes\":{},\"streamPeakBytes\":{},\"otherServicePeakBytes\":{},\"statusPeakBytes\":{},\"serviceChanges\":{},\"consumed\":{}}}",
                if i == 0 { "" } else { "," },
                m.entries,
                m.text_bytes,
                m.stream_peak,
                m.other_peak,
                m.text_peak,
                m.changes,
                m.consumed
            );
        }
        json.push_str("]}\n");
        if let Err(e) = std::fs::write(&file, json) {
            eprintln!("ledger_memory: cannot write {file}: {e}");
            std::process::exit(1);
        }
    }
}
