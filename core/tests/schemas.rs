//! The committed JSON Schemas (`core/schemas/*.json`, what `api::schema` serves in every
//! build) must be exactly what the Rust types generate. A change to a public type fails
//! here until `RISKGATE_BLESS=1 cargo test -p riskgate --test schemas` rewrites the files,
//! so the schema diff shows up in review next to the type change.

use riskgate::api::{SCHEMA_NAMES, generate_schema, schema};
use std::path::PathBuf;

fn committed_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(format!("{name}.json"))
}

#[test]
fn committed_schemas_match_the_types() -> Result<(), Box<dyn std::error::Error>> {
    let bless = std::env::var_os("RISKGATE_BLESS").is_some();
    let mut stale = Vec::new();
    for name in SCHEMA_NAMES {
        let generated = generate_schema(name).ok_or(format!("no generator for '{name}'"))?;
        let text = format!("{}\n", serde_json::to_string_pretty(&generated)?);
        let path = committed_path(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != text {
            if bless {
                std::fs::write(&path, &text)?;
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "core/schemas/ is stale for {stale:?}: run RISKGATE_BLESS=1 cargo test -p riskgate --test schemas"
    );
    Ok(())
}

#[test]
fn every_schema_name_is_served_and_nothing_else() -> Result<(), Box<dyn std::error::Error>> {
    let on_disk: Vec<String> =
        std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas"))?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".json"))
                    .map(str::to_owned)
            })
            .collect();
    assert_eq!(
        on_disk.len(),
        SCHEMA_NAMES.len(),
        "core/schemas/ holds {on_disk:?}"
    );
    for name in SCHEMA_NAMES {
        let served: serde_json::Value = serde_json::from_str(&schema(name)?)?;
        let generated = serde_json::to_value(generate_schema(name).ok_or("no generator")?)?;
        assert_eq!(
            served, generated,
            "api::schema({name}) serves another schema"
        );
    }
    let unknown = schema("nope")
        .err()
        .ok_or("an unknown name must be an error")?;
    assert!(
        unknown.to_string().contains("unknown schema 'nope'"),
        "{unknown}"
    );
    Ok(())
}
