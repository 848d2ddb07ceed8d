//! The budget ledger from the command line (the npm CLI wraps these):
//!
//! ```text
//! ledger status FILE.jsonl --service NAME --at RFC3339 [--tier N] [--granularity day|week] [--policy POLICY.json]
//! ledger verify FILE.jsonl [--expect-head HEX]
//! ledger append FILE.jsonl ENTRY.json [--policy POLICY.json]
//! ledger seal RAW.jsonl
//! ```
//!
//! `seal` imports records kept elsewhere: it reads entries without `seq` and `prev` (one
//! per line, in time order) and prints them as a chained ledger. The chain proves that
//! nothing changed since sealing, not who sealed it: keep the `head` somewhere else too.
//!
//! `FILE` may be `-` for standard input (and so may `ENTRY.json`, not both). `status`
//! prints the status JSON, `verify` the verification report, `append` the completed entry
//! as one line to add with `>> FILE.jsonl` (nothing when the change is already recorded; the
//! note goes to standard error). The file is read line by line: the fold's memory does not
//! grow with the number of entries.
//!
//! Exit codes: 0 ok, 1 the ledger fails verification, 2 bad input (unreadable file,
//! malformed line, bad arguments), with the error JSON on standard output.

use riskgate::ledger::{self, Fold, Granularity, Verifier};
use riskgate::{Error, ErrorKind, Policy};
use std::io::{BufRead, BufReader, Read};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage:\n  ledger status FILE.jsonl --service NAME --at RFC3339 [--tier N] [--granularity day|week] [--policy FILE]\n  ledger verify FILE.jsonl [--expect-head HEX]\n  ledger append FILE.jsonl ENTRY.json [--policy FILE]\n  ledger seal RAW.jsonl"
    );
    ExitCode::from(2)
}

fn fail(code: u8, err: &Error) -> ExitCode {
    println!("{}", err.to_json());
    ExitCode::from(code)
}

fn input_error(message: String) -> Error {
    Error::new(ErrorKind::InvalidRequest, "", message)
}

fn open(file: &str) -> Result<Box<dyn BufRead>, Error> {
    if file == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    std::fs::File::open(file)
        .map(|f| Box::new(BufReader::new(f)) as Box<dyn BufRead>)
        .map_err(|e| input_error(format!("cannot read {file}: {e}")))
}

fn read_all(file: &str) -> Result<String, Error> {
    let mut text = String::new();
    open(file)?
        .read_to_string(&mut text)
        .map_err(|e| input_error(format!("cannot read {file}: {e}")))?;
    Ok(text)
}

/// Calls `f` with each line of `file` (1-based number, text).
fn each_line(
    file: &str,
    mut f: impl FnMut(u64, &str) -> Result<(), (u8, Error)>,
) -> Result<(), (u8, Error)> {
    let reader = open(file).map_err(|e| (2, e))?;
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| (2, input_error(format!("cannot read {file}: {e}"))))?;
        f(i as u64 + 1, &line)?;
    }
    Ok(())
}

struct Options {
    positional: Vec<String>,
    flags: Vec<(String, String)>,
}

fn parse_args(args: &[String]) -> Option<Options> {
    let mut positional = Vec::new();
    let mut flags = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if let Some(name) = arg.strip_prefix("--") {
            flags.push((name.to_owned(), it.next()?.clone()));
        } else {
            positional.push(arg.clone());
        }
    }
    Some(Options { positional, flags })
}

impl Options {
    fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn unknown(&self, known: &[&str]) -> Option<&str> {
        self.flags
            .iter()
            .map(|(n, _)| n.as_str())
            .find(|n| !known.contains(n))
    }
}

fn policy(opts: &Options) -> Result<Policy, Error> {
    match opts.flag("policy") {
        None => Policy::preset("stella-ops"),
        Some(file) => Policy::from_json(&read_all(file)?),
    }
}

fn status(opts: &Options) -> ExitCode {
    let [file] = opts.positional.as_slice() else {
        return usage();
    };
    let (Some(service), Some(at)) = (opts.flag("service"), opts.flag("at")) else {
        return usage();
    };
    let at = match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(at) => at,
        Err(e) => {
            return fail(
                2,
                &Error::new(
                    ErrorKind::InvalidRequest,
                    "at",
                    format!("not an RFC 3339 date and time: {e}"),
                ),
            );
        }
    };
    let tier = match opts.flag("tier").map(str::parse::<u8>) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(_)) => {
            return fail(
                2,
                &Error::new(ErrorKind::InvalidRequest, "tier", "not a tier number"),
            );
        }
    };
    let policy = match policy(opts) {
        Ok(p) => p,
        Err(e) => return fail(2, &e),
    };
    let mut fold = Fold::new(&policy, service, at, tier);
    match opts.flag("granularity") {
        None => {}
        Some("day") => fold.set_granularity(Granularity::Day),
        Some("week") => fold.set_granularity(Granularity::Week),
        Some(_) => return usage(),
    }
    let read = each_line(file, |n, line| {
        let entry = ledger::parse_line(n, line).map_err(|e| (2, e))?;
        fold.push(&entry).map_err(|e| (1, e))
    });
    if let Err((code, e)) = read {
        return fail(code, &e);
    }
    match fold.finish() {
        Ok(s) => {
            println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e),
    }
}

fn verify(opts: &Options) -> ExitCode {
    let [file] = opts.positional.as_slice() else {
        return usage();
    };
    let mut verifier = Verifier::new();
    let read = each_line(file, |n, line| {
        verifier.push(ledger::parse_line(n, line).as_ref());
        Ok(())
    });
    if let Err((code, e)) = read {
        return fail(code, &e);
    }
    let report = verifier.finish(opts.flag("expect-head"));
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn append(opts: &Options) -> ExitCode {
    let [file, entry_file] = opts.positional.as_slice() else {
        return usage();
    };
    let run = || -> Result<ledger::Appended, (u8, Error)> {
        let entry_text = read_all(entry_file).map_err(|e| (2, e))?;
        let entry: serde_json::Value = serde_json::from_str(&entry_text).map_err(|e| {
            (
                2,
                Error::new(
                    ErrorKind::InvalidRequest,
                    "entry",
                    format!("malformed JSON: {e}"),
                ),
            )
        })?;
        let policy = policy(opts).map_err(|e| (2, e))?;
        let text = read_all(file).map_err(|e| (2, e))?;
        let report = ledger::verify(ledger::Source::Text(&text), None);
        if let Some(first) = report.problems.first() {
            let code = if first.code == "malformed" { 2 } else { 1 };
            return Err((
                code,
                Error::new(
                    ErrorKind::InvalidLedger,
                    ledger::line_path(first.line, ""),
                    first.message.clone(),
                ),
            ));
        }
        ledger::append(ledger::Source::Text(&text), &policy, entry).map_err(|e| (2, e))
    };
    match run() {
        Ok(appended) => {
            eprintln!("{}", appended.note.message);
            if let Some(entry) = &appended.entry {
                println!("{}", entry.canonical());
            }
            ExitCode::SUCCESS
        }
        Err((code, e)) => fail(code, &e),
    }
}

fn seal(opts: &Options) -> ExitCode {
    let [file] = opts.positional.as_slice() else {
        return usage();
    };
    let mut seq = 0u64;
    let mut prev = ledger::GENESIS.to_owned();
    let mut out = String::new();
    let read = each_line(file, |n, line| {
        let bad = |message: String| {
            (
                2,
                Error::new(ErrorKind::InvalidLedger, ledger::line_path(n, ""), message),
            )
        };
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| bad(format!("line {n} is malformed: {e}")))?;
        let serde_json::Value::Object(mut map) = value else {
            return Err(bad(format!("line {n} is not a JSON object")));
        };
        if map.contains_key("seq") || map.contains_key("prev") {
            return Err(bad(format!(
                "line {n} already has seq or prev: seal reads unsealed records"
            )));
        }
        seq += 1;
        map.insert(String::from("seq"), serde_json::Value::from(seq));
        map.insert(String::from("prev"), serde_json::Value::from(prev.clone()));
        let entry = ledger::parse_value(n, &serde_json::Value::Object(map)).map_err(|e| (2, e))?;
        prev = ledger::to_hex(&entry.hash());
        out.push_str(&entry.canonical());
        out.push('\n');
        Ok(())
    });
    if let Err((code, e)) = read {
        return fail(code, &e);
    }
    print!("{out}");
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        return usage();
    };
    let Some(opts) = parse_args(rest) else {
        return usage();
    };
    let known: &[&str] = match command.as_str() {
        "status" => &["service", "at", "tier", "granularity", "policy"],
        "verify" => &["expect-head"],
        "append" => &["policy"],
        "seal" => &[],
        _ => return usage(),
    };
    if let Some(flag) = opts.unknown(known) {
        eprintln!("unknown option --{flag}");
        return usage();
    }
    match command.as_str() {
        "status" => status(&opts),
        "verify" => verify(&opts),
        "seal" => seal(&opts),
        _ => append(&opts),
    }
}
