//! Reports explain every point and never let untrusted text become markup.

#![expect(
    clippy::unwrap_used,
    reason = "test helper: a failing fixture should fail the test"
)]

fn decision(request: &str) -> riskgate::Decision {
    riskgate::evaluate(&riskgate::parse_request(request).unwrap()).unwrap()
}

#[test]
fn markdown_escapes_paths_titles_and_rationale() {
    let d = decision(
        r#"{"service":{"name":"web <b>","tier":1},
            "change":{"id":"x`y","title":"<script>alert(1)</script> [link](http://evil)",
                      "files":[{"path":"<img src=x onerror=alert(1)>.md"},{"path":"a|b*c_d.md"}]}}"#,
    );
    let md = riskgate::render::markdown(&d);
    assert!(!md.contains("<img"), "{md}");
    assert!(!md.contains("<script"), "{md}");
    assert!(!md.contains("<b>"), "{md}");
    assert!(
        md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;.md"),
        "{md}"
    );
    assert!(
        md.contains("a\\|b\\*c\\_d.md"),
        "a pipe would break the table: {md}"
    );
    assert!(md.contains("\\[link\\]\\(http://evil\\)"), "{md}");
    let doc = riskgate::render::render(&d, riskgate::render::Format::Release);
    assert!(!doc.contains("<img"), "{doc}");
}

#[test]
fn text_report_explains_every_contribution_and_adjustment() {
    let d = decision(
        r#"{"service":{"name":"api","tier":2},
            "change":{"id":"c1","files":[{"path":"db/migrations/1.sql"}],"mitigations":["canary"]},
            "context":{"onCallLoadHigh":true},
            "budget":{"allocated":120,"consumed":60}}"#,
    );
    let text = riskgate::render::text(&d);
    for c in &d.score.contributions {
        assert!(
            text.contains(&*c.label),
            "missing contribution {c:?} in\n{text}"
        );
    }
    assert!(!d.gate.adjustments.is_empty());
    for a in &d.gate.adjustments {
        assert!(
            text.contains(&*a.explanation),
            "missing adjustment {a:?} in\n{text}"
        );
    }
    for r in &d.gate.requirements {
        assert!(text.contains(&*r.text), "missing requirement {r:?}");
    }
    assert!(text.contains(&format!("Release Risk Score: {} RP", d.score.total)));
}
