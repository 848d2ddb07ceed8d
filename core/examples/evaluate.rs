//! `cargo run -q -p riskgate --example evaluate -- FILE` (or `-` for stdin):
//! prints the decision JSON (exit 0 go, 1 blocked) or the error JSON (exit 2).

use std::io::Read as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (format, file) = match args.as_slice() {
        [file] => ("json", file.as_str()),
        [flag, format, file] if flag == "--format" => (format.as_str(), file.as_str()),
        _ => {
            eprintln!("usage: evaluate [--format json|text|markdown] FILE|-");
            return ExitCode::from(2);
        }
    };
    let text = if file == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map(|_| s)
    } else {
        std::fs::read_to_string(file)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            let err = riskgate::Error::new(
                riskgate::ErrorKind::InvalidRequest,
                "",
                format!("cannot read {file}: {e}"),
            );
            println!("{}", err.to_json());
            return ExitCode::from(2);
        }
    };
    let decision = match riskgate::parse_request(&text).and_then(|r| riskgate::evaluate(&r)) {
        Ok(d) => d,
        Err(e) => {
            println!("{}", e.to_json());
            return ExitCode::from(2);
        }
    };
    match riskgate::render::Format::parse(format) {
        Some(f) => print!("{}", riskgate::render::render(&decision, f)),
        None if format == "json" => println!("{}", decision.to_json_pretty()),
        None => {
            eprintln!("unknown format '{format}' (json, text, markdown)");
            return ExitCode::from(2);
        }
    }
    match decision.verdict {
        riskgate::Verdict::Go => ExitCode::SUCCESS,
        riskgate::Verdict::Blocked | riskgate::Verdict::Abort => ExitCode::from(1),
    }
}
