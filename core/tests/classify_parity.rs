//! The classifier sorts globs by shape (directory trie, base-name globs, star patterns, split
//! alternations, case folding) for speed; this checks that it answers exactly what plain
//! globset answers for the same globs, one `GlobMatcher` per glob, over generated globs and
//! paths, both with and without `matchCase`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use globset::GlobBuilder;
use proptest::prelude::*;
use serde_json::json;

/// Segments chosen to collide with each other across case and with the generated globs.
const SEGMENTS: &[&str] = &[
    "auth",
    "Auth",
    "AUTH",
    "docs",
    "k8s",
    "src",
    "a",
    "b",
    "core",
    "x.y",
    "README.md",
    "readme",
    "README",
    "auth.go",
    "my_auth.ts",
    "auth_test.py",
    "openapi.yaml",
    "OpenAPI.YML",
    "swagger.json",
    "Dockerfile.dev",
    "file.MD",
    "file.md",
    "x",
    "",
    ".",
    "..",
    "é",
    "Ünï",
    "caf\u{e9}",
    "K",
    "\u{212a}8s",
    "a b",
    "-",
    "{a,b}",
    "a*b",
    "[x]",
    "aa",
    "aXa",
    "a.b.c",
    "nginx.conf",
    "nginx-prod.CONF",
    "readme.README",
    "x.dashboard.json",
    "X.Dashboard.JSON",
    "dashboard.json",
    ".md",
    ".MD",
    "a.tar.gz",
    "tar.gz",
    ".env",
    "Cargo.toml",
    "cargo.TOML",
    "a.",
    "md",
];

const GLOBS: &[&str] = &[
    "**/auth/**",
    "**/AUTH/**",
    "auth/**",
    "src/auth/**",
    "**/src/auth/**",
    "**/a/b/**",
    "docs/**",
    "k8s/**",
    "**/k8s/**",
    "**/x.y/**",
    "**/*.md",
    "**/*.MD",
    "*.md",
    "README*",
    "**/README*",
    "**/readme*",
    "**/auth.*",
    "**/*_auth.*",
    "**/auth_*",
    "**/Dockerfile.*",
    "**/openapi*.{yaml,yml,json}",
    "**/*.{md,MD}",
    "**/{a,b}/**",
    "{README,readme}*",
    "**/[Rr]eadme*",
    "**/[A-Z]*",
    "**/[!a]*",
    "**/\\*",
    "src/*",
    "src/*/auth/**",
    "**/core/**/x",
    "**",
    "*",
    "**/*",
    "a/**/b",
    "**/é/**",
    "**/Ünï/**",
    "**/caf\u{e9}*",
    "**/a b/**",
    "**/-/**",
    "x",
    "**/x",
    "**/{x,y}",
    "**/a*b",
    "**/?",
    "*/**",
    "**/a*a",
    "**/*a*",
    "**/a*b*c",
    "**/*.*.*",
    "**/nginx*.conf",
    "**/{a*,x}a",
    "**/*readme*",
    "*_*",
    "a*",
    "**/re*me*",
    "**/*.dashboard.json",
    "**/*.tar.gz",
    "*.tar.gz",
    "**/Cargo.toml",
    "Cargo.toml",
    "**/.env",
    "**/*.",
    "**/*md",
    "**/*.Md",
    "**/*,md",
    "**/dashboard.json",
    // Globs for the byte automaton with capitals in the bytes a match needs (case matters
    // under `matchCase`), classes, `?` and `**` between segments.
    "**/README?",
    "**/src/**/Auth.[gt]o",
    "src/**/AUTH/*",
    "**/*[A-Z]a*",
    "**/x.Y?",
    "Auth*/**/?",
    "**/",
    "{,}",
    "**/{,x}",
    // Empty alternatives next to text: globset drops them.
    "x{a,}",
    "{,x}.y",
    "**/{a,}.md",
    "**/x{,}",
];

fn path() -> impl Strategy<Value = String> {
    (
        // Mostly short paths; some deeper than the classifier's 32 segments on the stack.
        prop_oneof![
            4 => prop::collection::vec(prop::sample::select(SEGMENTS), 1..6),
            1 => prop::collection::vec(prop::sample::select(SEGMENTS), 30..36),
        ],
        prop::sample::select(&["", "/", "./", "//"][..]),
        any::<bool>(),
    )
        .prop_map(|(segments, lead, trailing)| {
            let mut p = format!("{lead}{}", segments.join("/"));
            if trailing {
                p.push('/');
            }
            p
        })
}

type Matchers = Vec<(Vec<globset::GlobMatcher>, Vec<globset::GlobMatcher>)>;

/// Plain globset: one matcher per glob.
fn matchers(categories: &[(Vec<&str>, Vec<&str>)], match_case: bool) -> Matchers {
    let compile = |g: &&str| {
        GlobBuilder::new(g)
            .literal_separator(true)
            .backslash_escape(true)
            .case_insensitive(!match_case)
            .build()
            .unwrap()
            .compile_matcher()
    };
    categories
        .iter()
        .map(|(inc, exc)| {
            (
                inc.iter().map(compile).collect(),
                exc.iter().map(compile).collect(),
            )
        })
        .collect()
}

/// What plain globset says: every category with a matching include and no matching exclude.
fn reference(matchers: &Matchers, path: &str) -> (Vec<usize>, bool) {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    let p = p.trim_start_matches('/');
    let found: Vec<usize> = matchers
        .iter()
        .enumerate()
        .filter(|(_, (inc, exc))| {
            inc.iter().any(|m| m.is_match(p)) && !exc.iter().any(|m| m.is_match(p))
        })
        .map(|(i, _)| i)
        .collect();
    if found.is_empty() {
        (vec![matchers.len()], true)
    } else {
        (found, false)
    }
}

fn compiled(categories: &[(Vec<&str>, Vec<&str>)], match_case: bool) -> riskgate::CompiledPolicy {
    // A merge patch over the default policy: its own categories keep no glob.
    let mut cats = serde_json::Map::new();
    for id in riskgate::Policy::preset("stella-ops")
        .unwrap()
        .categories
        .keys()
    {
        cats.insert(id.clone(), json!({ "include": [], "exclude": [] }));
    }
    for (i, (inc, exc)) in categories.iter().enumerate() {
        cats.insert(
            format!("c{i}"),
            json!({ "label": format!("c{i}"), "points": 1, "highRisk": false, "include": inc, "exclude": exc }),
        );
    }
    // The fallback category comes last, so indices line up with `reference`.
    cats.insert(
        "rest".into(),
        json!({ "label": "rest", "points": 1, "highRisk": false, "include": [], "exclude": [] }),
    );
    let doc = json!({ "matchCase": match_case, "fallbackCategory": "rest", "categories": cats });
    let policy = riskgate::Policy::from_json(&doc.to_string()).expect("policy");
    riskgate::CompiledPolicy::new(policy).expect("compiled")
}

fn categories() -> impl Strategy<Value = Vec<(Vec<&'static str>, Vec<&'static str>)>> {
    prop::collection::vec(
        (
            prop::collection::vec(prop::sample::select(GLOBS), 1..4),
            prop::collection::vec(prop::sample::select(GLOBS), 0..2),
        ),
        1..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_classifier_answers_what_globset_answers(
        cats in categories(),
        match_case in any::<bool>(),
        paths in prop::collection::vec(path(), 1..8),
    ) {
        let policy = compiled(&cats, match_case);
        let offset = policy.policy().categories.get_index_of("c0").unwrap();
        let reference_matchers = matchers(&cats, match_case);
        for p in &paths {
            let got = policy.classify_path(p);
            let (want, fallback) = reference(&reference_matchers, p);
            let got_indices: Vec<usize> = got.indices.iter().map(|i| i - offset).collect();
            prop_assert_eq!(&got_indices, &want, "path {:?} under {:?} (matchCase {})", p, cats, match_case);
            prop_assert_eq!(got.fallback, fallback);
        }
    }
}

/// Pieces of globs, valid and not: the shapes' own (`**/`, `/**`, `*`, one `{a,b}`) mixed
/// with what makes globset refuse a glob (unbalanced braces and brackets, a dangling escape).
const VALIDITY_PIECES: &[&str] = &[
    "a", "B", ".", "-", "*", "**", "/", "**/", "/**", "{", "}", ",", "{a,b}", "{,}", "[", "]",
    "[!", "[a-", "\\", "?", "x",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// The classifier only asks globset's parser about the globs no shape takes; a policy
    /// must still be valid exactly when globset accepts every glob, with the same path.
    #[test]
    fn a_policy_is_valid_exactly_when_globset_accepts_its_glob(
        pieces in prop::collection::vec(prop::sample::select(VALIDITY_PIECES), 1..8),
        match_case in any::<bool>(),
        exclude in any::<bool>(),
    ) {
        let glob = pieces.concat();
        let accepted = GlobBuilder::new(&glob).backslash_escape(true).build().is_ok();
        let list = if exclude { "exclude" } else { "include" };
        let doc = json!({
            "matchCase": match_case,
            "categories": { "docs": { "include": ["docs/**"], list: [glob.clone()] } },
        });
        let ours = riskgate::Policy::from_json(&doc.to_string()).and_then(riskgate::CompiledPolicy::new);
        match ours {
            Ok(_) => prop_assert!(accepted, "{glob:?} accepted, but globset refuses it"),
            Err(e) => {
                prop_assert!(!accepted, "{glob:?} refused ({e}), but globset accepts it");
                prop_assert_eq!(e.code(), "invalid_policy");
                prop_assert_eq!(e.path(), format!("categories.docs.{list}[0]"));
            }
        }
    }
}

/// Globs only the byte automaton answers, each alone, on paths chosen to match them in one
/// case and not in another (the random paths above rarely meet them).
#[test]
fn the_automaton_globs_agree_with_globset_on_chosen_paths() {
    let globs = [
        "**/README?",
        "**/README.?d",
        "**/src/**/Auth.[gt]o",
        "src/**/AUTH/*",
        "**/*[A-Z]a*",
        "Auth*/**/?",
        "**/Dockerfile.?ev",
        "**/[Rr]eadme-*.MD",
    ];
    let paths = [
        "READMEx",
        "a/READMEx",
        "a/readmex",
        "README.md",
        "docs/README.Md",
        "src/Auth.go",
        "src/a/b/Auth.to",
        "src/a/auth.go",
        "SRC/x/AUTH.GO",
        "src/AUTH/x",
        "src/a/AUTH/b",
        "src/a/auth/b",
        "x/Za",
        "x/zA",
        "Auth/x/y",
        "AUTHZ/y/z",
        "auth/y/z",
        "Dockerfile.dev",
        "a/dockerfile.DEV",
        "Readme-x.MD",
        "a/README-x.md",
    ];
    for match_case in [true, false] {
        for glob in globs {
            let cats = vec![(vec![glob], vec![])];
            let policy = compiled(&cats, match_case);
            let offset = policy.policy().categories.get_index_of("c0").unwrap();
            let reference_matchers = matchers(&cats, match_case);
            for p in paths {
                let got = policy.classify_path(p);
                let (want, fallback) = reference(&reference_matchers, p);
                let got_indices: Vec<usize> = got.indices.iter().map(|i| i - offset).collect();
                assert_eq!(
                    got_indices, want,
                    "{p:?} under {glob:?} (matchCase {match_case})"
                );
                assert_eq!(got.fallback, fallback);
            }
        }
    }
}

/// Every glob of every preset, on paths built from the globs' own literals.
#[test]
fn the_default_rules_agree_with_globset_on_their_own_literals() {
    for preset in [
        "stella-ops",
        "error-budget",
        "release-readiness",
        "companyos",
        "release-decision",
        "full",
    ] {
        let policy = riskgate::Policy::preset(preset).unwrap();
        let cats: Vec<(Vec<&str>, Vec<&str>)> = policy
            .categories
            .values()
            .map(|r| {
                (
                    r.include.iter().map(String::as_str).collect(),
                    r.exclude.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        let compiled = riskgate::CompiledPolicy::new(policy.clone()).unwrap();
        let reference_matchers = matchers(&cats, policy.match_case);
        let mut paths = Vec::new();
        for (inc, exc) in &cats {
            for g in inc.iter().chain(exc) {
                let lit = g
                    .replace("**/", "")
                    .replace("/**", "")
                    .replace('*', "x")
                    .replace(['{', '}'], "")
                    .replace(',', "");
                for p in [
                    lit.clone(),
                    format!("a/{lit}"),
                    format!("a/{lit}/b"),
                    format!("{lit}/b"),
                    lit.to_uppercase(),
                    format!("A/{}/B.TXT", lit.to_uppercase()),
                ] {
                    paths.push(p);
                }
            }
        }
        for p in &paths {
            let got = compiled.classify_path(p);
            let (want, fallback) = reference(&reference_matchers, p);
            // Here the fallback is one of the policy's own categories.
            if fallback {
                assert!(got.fallback, "{preset}: {p} matched {:?}", got.indices);
            } else {
                assert_eq!(got.indices, want, "{preset}: {p}");
            }
        }
    }
}
