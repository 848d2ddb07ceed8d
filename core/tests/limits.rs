//! Documented limits: oversized inputs fail fast with `limit_exceeded`, naming the limit.

use riskgate::limits;

fn request_with_files(n: usize) -> String {
    let files: Vec<String> = (0..n)
        .map(|i| format!("{{\"path\":\"src/f{i}.rs\"}}"))
        .collect();
    format!(
        "{{\"service\":{{\"name\":\"s\",\"tier\":1}},\"change\":{{\"id\":\"c\",\"files\":[{}]}}}}",
        files.join(",")
    )
}

#[test]
fn a_200_mb_request_fails_fast_before_parsing() {
    let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(200 * 1024 * 1024));
    let started = std::time::Instant::now();
    let err = riskgate::evaluate_json(&huge).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert!(
        err.message().contains(&limits::MAX_INPUT_BYTES.to_string()),
        "{err}"
    );
    // Not a timing assertion on the engine: only proof that nothing was parsed.
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn too_many_files_is_limit_exceeded_at_change_files() {
    let err = riskgate::evaluate_json(&request_with_files(limits::MAX_FILES + 1)).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(err.path(), "change.files");
    assert!(riskgate::evaluate_json(&request_with_files(1_000)).is_ok());
}

#[test]
fn a_policy_with_100000_rules_is_limit_exceeded() {
    let globs: Vec<String> = (0..100_000).map(|i| format!("\"gen/{i}/**\"")).collect();
    let policy = format!(
        "{{\"categories\":{{\"logic\":{{\"label\":\"l\",\"points\":3,\"highRisk\":false,\"include\":[{}]}}}}}}",
        globs.join(",")
    );
    let request = format!(
        "{{\"service\":{{\"name\":\"s\",\"tier\":1}},\"change\":{{\"id\":\"c\"}},\"policy\":{policy}}}"
    );
    let err = riskgate::evaluate_json(&request).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(err.path(), "policy.categories");
    assert!(err.message().contains("globs"), "{err}");
    let err = riskgate::api::validate_policy(&policy).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
}

#[test]
fn an_overlong_glob_or_path_is_limit_exceeded() {
    let long = "a/".repeat(limits::MAX_GLOB_LEN);
    let policy = format!(
        "{{\"categories\":{{\"docs\":{{\"label\":\"d\",\"points\":1,\"highRisk\":false,\"include\":[\"{long}\"]}}}}}}"
    );
    let err = riskgate::api::validate_policy(&policy).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(err.path(), "categories.docs.include[0]");

    let path = "p/".repeat(limits::MAX_PATH_LEN);
    let request = format!(
        "{{\"service\":{{\"name\":\"s\",\"tier\":1}},\"change\":{{\"id\":\"c\",\"files\":[{{\"path\":\"{path}\"}}]}}}}"
    );
    let err = riskgate::evaluate_json(&request).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(err.path(), "change.files[0].path");
}

#[test]
fn a_ledger_call_with_too_many_entries_is_limit_exceeded() {
    let text = "\n".repeat(limits::MAX_LEDGER_ENTRIES + 1);
    let input = serde_json::json!({ "text": text }).to_string();
    let err = riskgate::api::ledger_verify(&input).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(err.path(), "text");
}

#[test]
fn classify_rejects_an_overlong_path_like_evaluate_does() {
    let path = "p/".repeat(limits::MAX_PATH_LEN);
    let input = serde_json::json!({ "files": ["ok.rs", path] }).to_string();
    let err = riskgate::api::classify(&input).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(err.path(), "files[1]");
}

#[test]
fn classify_checks_every_path_as_evaluate_does() {
    let cases = [
        (
            serde_json::json!({ "files": ["ok.rs", "bad\u{7}.rs"] }),
            "files[1]",
            "control characters",
        ),
        (
            serde_json::json!({ "files": ["  "] }),
            "files[0]",
            "must not be empty",
        ),
        (
            serde_json::json!({ "files": [{ "path": "new.rs", "status": "renamed", "oldPath": "" }] }),
            "files[0].oldPath",
            "must not be empty",
        ),
    ];
    for (input, path, message) in cases {
        let err = riskgate::api::classify(&input.to_string()).unwrap_err();
        assert_eq!(err.code(), "invalid_request", "{input}");
        assert_eq!(err.path(), path, "{input}");
        assert!(
            err.message().contains(message),
            "{input}: {}",
            err.message()
        );
    }
}

#[test]
fn alternatives_nested_too_deep_are_limit_exceeded() {
    let nested = |depth: usize| format!("{}a{}", "{x,".repeat(depth), "}".repeat(depth));
    let policy = |glob: &str| {
        format!(
            "{{\"categories\":{{\"docs\":{{\"label\":\"d\",\"points\":1,\"highRisk\":false,\"include\":[\"{glob}\"]}}}}}}"
        )
    };
    let err =
        riskgate::api::validate_policy(&policy(&nested(limits::MAX_GLOB_NESTING + 1))).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(err.path(), "categories.docs.include[0]");
    assert!(err.message().contains("nesting"), "{err}");

    // At the limit the glob is read, and matches as globset says.
    let glob = nested(limits::MAX_GLOB_NESTING);
    let compiled =
        riskgate::CompiledPolicy::new(riskgate::Policy::from_json(&policy(&glob)).unwrap())
            .unwrap();
    let docs = compiled.policy().categories.get_index_of("docs").unwrap();
    for path in ["a", "x", "b"] {
        let want = globset::Glob::new(&glob)
            .unwrap()
            .compile_matcher()
            .is_match(path);
        assert_eq!(
            compiled.classify_path(path).indices.contains(&docs),
            want,
            "{path}"
        );
    }
}
