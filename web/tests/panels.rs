//! Component tests of the scoring panels, in headless Chromium:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test -p riskgate-web --target wasm32-unknown-unknown`
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed expectation is the test failing"
)]

use leptos::prelude::*;
use riskgate::worksheet::WorksheetState;
use riskgate_web::Worksheet;
use riskgate_web::components::{
    BlockersPanel, BudgetPanel, CategoriesPanel, Checklist, ContextPanel, ExceptionPanel,
    FilesPanel, GatePanel, LedgerStatus, MitigationsPanel, NumberField, ScoreBreakdown,
    ServicePanel, VerdictBanner,
};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a view into a fresh container and returns the container.
fn mount<F, V>(view: F) -> HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let container: HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), view).forget();
    container
}

/// Lets effects and the DOM catch up with signal changes.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn find(root: &HtmlElement, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| {
            panic!(
                "no element with data-testid={testid} in {}",
                root.inner_html()
            )
        })
}

fn find_all(root: &HtmlElement, testid: &str) -> Vec<Element> {
    let list = root
        .query_selector_all(&format!("[data-testid='{testid}']"))
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect()
}

fn text(root: &HtmlElement, testid: &str) -> String {
    find(root, testid)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn type_into(root: &HtmlElement, testid: &str, value: &str) {
    let el = find(root, testid);
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    }
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&event).unwrap();
}

fn click(root: &HtmlElement, testid: &str) {
    find(root, testid)
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

fn state_with(edit: impl FnOnce(&mut WorksheetState)) -> WorksheetState {
    let mut state = WorksheetState::default();
    state.set("/now", json!("2026-11-20T12:00:00Z"));
    edit(&mut state);
    state
}

#[wasm_bindgen_test]
async fn score_breakdown_matches_the_engine() {
    let state = state_with(|_| {});
    let expected = state.evaluate().unwrap().decision.score;
    let ws = Worksheet::new(state);
    let root = mount(move || view! { <ScoreBreakdown ws /> });
    settle().await;
    assert_eq!(text(&root, "rrs-total"), expected.total.to_string());
    let rows = find_all(&root, "score-row");
    assert_eq!(rows.len(), expected.contributions.len());
    for (row, c) in rows.iter().zip(&expected.contributions) {
        assert_eq!(row.get_attribute("data-id").as_deref(), Some(&*c.id));
        assert!(row.text_content().unwrap().contains(&*c.label));
    }
}

#[wasm_bindgen_test]
async fn score_and_gate_follow_every_change() {
    let ws = Worksheet::new(state_with(|_| {}));
    let root = mount(move || view! { <ScoreBreakdown ws /> <GatePanel ws /> <ContextPanel ws /> });
    settle().await;
    let before: u32 = text(&root, "rrs-total").parse().unwrap();
    click(&root, "context-restricted-window");
    settle().await;
    let after: u32 = text(&root, "rrs-total").parse().unwrap();
    assert_eq!(after, before + 5, "a restricted window adds 5 points");
    // A docs-only change on a tier-0 service is G0.
    ws.state.update(|s| {
        s.set("/service/tier", json!(0));
        s.set("/context/restrictedWindow", json!(false));
        s.set_files_text("README.md\ndocs/guide.md\n").unwrap();
        s.set("/change/mitigations", json!([]));
    });
    settle().await;
    assert_eq!(text(&root, "gate-level"), "G0");
    assert_eq!(text(&root, "gate-base-level"), "G0");
}

#[wasm_bindgen_test]
async fn gate_shows_base_level_and_adjustments() {
    // 100 of 120 RP consumed: red, which raises the gate one level and blocks high risk.
    let state = state_with(|s| s.set("/budget/consumed", json!(100)));
    let expected = state.evaluate().unwrap().decision;
    let ws = Worksheet::new(state);
    let root = mount(move || view! { <GatePanel ws /> <VerdictBanner ws /> <BlockersPanel ws /> });
    settle().await;
    assert_eq!(text(&root, "gate-level"), expected.gate.level.to_string());
    assert_eq!(
        text(&root, "gate-base-level"),
        expected.gate.base_level.to_string()
    );
    assert_eq!(
        find_all(&root, "gate-adjustment").len(),
        expected.gate.adjustments.len()
    );
    assert_eq!(text(&root, "verdict"), "BLOCKED");
    let blockers = find_all(&root, "blocker");
    assert!(
        blockers
            .iter()
            .any(|b| b.get_attribute("data-code").as_deref() == Some("budget_red_high_risk"))
    );
    assert!(blockers[0].text_content().unwrap().contains("BLOCKING"));
}

#[wasm_bindgen_test]
async fn a_valid_exception_waives_the_blockers() {
    let state = state_with(|s| {
        s.set("/budget/consumed", json!(100));
        s.set(
            "/exception",
            json!({ "reason": "security_fix", "rationale": "CVE fix", "approvers": [
                { "name": "Dana Li", "role": "dm" }, { "name": "Sam Ortiz", "role": "on_call" } ] }),
        );
    });
    let ws = Worksheet::new(state);
    let root = mount(move || view! { <VerdictBanner ws /> <BlockersPanel ws /> });
    settle().await;
    assert_eq!(text(&root, "verdict"), "GO");
    assert!(text(&root, "blocker").contains("WAIVED"));
    assert!(text(&root, "exception-summary").contains("2026-11-27"));
}

#[wasm_bindgen_test]
async fn checklist_ticks_are_kept_in_the_state() {
    let ws = Worksheet::new(state_with(|_| {}));
    let root = mount(move || view! { <Checklist ws /> });
    settle().await;
    let progress = text(&root, "checklist-progress");
    assert!(progress.starts_with("0 of "), "{progress}");
    click(&root, "check-unit_tests");
    settle().await;
    assert!(text(&root, "checklist-progress").starts_with("1 of "));
    assert_eq!(
        ws.state.with_untracked(|s| s.checked.clone()),
        vec![String::from("unit_tests")]
    );
}

#[wasm_bindgen_test]
async fn pasted_diff_is_classified_per_file_and_bad_lines_are_named() {
    let ws = Worksheet::new(state_with(|_| {}));
    let root = mount(move || view! { <FilesPanel ws /> });
    settle().await;
    type_into(
        &root,
        "files-text",
        "M\tREADME.md\nA\tinfra/main.tf\nR100\tauth/old.rs\tsrc/new.rs\n",
    );
    settle().await;
    let rows = find_all(&root, "file-row");
    assert_eq!(rows.len(), 3);
    assert!(rows[1].text_content().unwrap().contains("infra"));
    assert!(
        rows[2].text_content().unwrap().contains("auth"),
        "renamed files keep their old path's categories"
    );
    type_into(&root, "files-text", "M\tREADME.md\nQ\tbroken.rs\n");
    settle().await;
    assert!(text(&root, "files-error").contains("line 2"));
    assert_eq!(
        find_all(&root, "file-row").len(),
        3,
        "the last list that parsed stays"
    );
}

#[wasm_bindgen_test]
async fn a_bad_number_is_refused_next_to_the_field() {
    let ws = Worksheet::new(state_with(|_| {}));
    let root = mount(move || {
        view! { <NumberField ws id="consumed" label="Consumed" pointer="/budget/consumed" integer=true /> }
    });
    settle().await;
    type_into(&root, "consumed", "12x");
    settle().await;
    assert!(text(&root, "field-error").contains("whole number"));
    assert_eq!(ws.get_untracked("/budget/consumed"), Some(json!(0)));
    type_into(&root, "consumed", "40");
    settle().await;
    assert!(find_all(&root, "field-error").is_empty());
    assert_eq!(ws.get_untracked("/budget/consumed"), Some(json!(40)));
}

#[wasm_bindgen_test]
async fn an_engine_error_is_shown_at_its_field_and_the_last_decision_stays() {
    let ws = Worksheet::new(state_with(|_| {}));
    let root =
        mount(move || view! { <ServicePanel ws /> <VerdictBanner ws /> <ScoreBreakdown ws /> });
    settle().await;
    let total = text(&root, "rrs-total");
    ws.set("/service/tier", json!(9));
    settle().await;
    assert!(text(&root, "stale-note").contains("service.tier"));
    assert!(
        !find_all(&root, "field-error").is_empty(),
        "the tier field names the problem"
    );
    assert_eq!(
        text(&root, "rrs-total"),
        total,
        "the last valid decision stays on screen"
    );
}

#[wasm_bindgen_test]
async fn a_part_of_the_decision_changes_only_when_that_part_does() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    let ws = Worksheet::new(state_with(|s| {
        s.set_files_text("src/main.rs\n").unwrap();
    }));
    let score_runs = Arc::new(AtomicU32::new(0));
    let file_runs = Arc::new(AtomicU32::new(0));
    let (score_seen, files_seen) = (Arc::clone(&score_runs), Arc::clone(&file_runs));
    let _root = mount(move || {
        let score = ws.part(|d| &d.score);
        let files = ws.part(|d| &d.files);
        Effect::new(move |_| {
            assert!(score().is_ok());
            score_seen.fetch_add(1, Ordering::Relaxed);
        });
        Effect::new(move |_| {
            assert!(files().is_ok());
            files_seen.fetch_add(1, Ordering::Relaxed);
        });
    });
    settle().await;
    let runs = || {
        (
            score_runs.load(Ordering::Relaxed),
            file_runs.load(Ordering::Relaxed),
        )
    };
    assert_eq!(runs(), (1, 1));
    // The score changes, the files do not.
    ws.state
        .update(|s| s.set("/context/restrictedWindow", json!(true)));
    settle().await;
    assert_eq!(runs(), (2, 1), "only the score's reader runs again");
    // Another file: the list of files changes.
    ws.state
        .update(|s| s.set_files_text("src/main.rs\nREADME.md\n").unwrap());
    settle().await;
    assert_eq!(runs().1, 2, "the files' reader runs when the files change");
}

#[wasm_bindgen_test]
async fn a_panel_with_nothing_to_show_says_why_instead_of_going_blank() {
    let state = state_with(|s| s.set("/service/tier", json!(9)));
    let ws = Worksheet::new(state);
    let root = mount(move || view! { <ScoreBreakdown ws /> <VerdictBanner ws /> });
    settle().await;
    let errors = find_all(&root, "panel-error");
    assert_eq!(errors.len(), 2);
    assert!(
        errors[0]
            .text_content()
            .unwrap()
            .starts_with("No decision yet")
    );
}

#[wasm_bindgen_test]
async fn untrusted_paths_render_as_text() {
    let state = state_with(|s| {
        s.set_files_text("<img src=x onerror=alert(1)>.md\n")
            .unwrap()
    });
    let ws = Worksheet::new(state);
    let root = mount(move || view! { <FilesPanel ws /> });
    settle().await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(text(&root, "file-row").contains("<img src=x onerror=alert(1)>.md"));
}

fn select(root: &HtmlElement, testid: &str, value: &str) {
    let el = find(root, testid);
    el.dyn_ref::<web_sys::HtmlSelectElement>()
        .unwrap()
        .set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn declared_categories_and_mitigations_move_the_score() {
    let ws = Worksheet::new(state_with(|_| {}));
    let root = mount(move || {
        view! { <CategoriesPanel ws /> <MitigationsPanel ws /> <ScoreBreakdown ws /> }
    });
    settle().await;
    let start: i64 = text(&root, "rrs-total").parse().unwrap();
    select(&root, "category-add", "crypto");
    click(&root, "category-add-button");
    settle().await;
    assert!(text(&root, "declared-categories").contains("crypto"));
    let with_crypto: i64 = text(&root, "rrs-total").parse().unwrap();
    assert_eq!(with_crypto, start + 15);
    click(&root, "remove-category-crypto");
    click(&root, "mitigation-canary");
    settle().await;
    assert_eq!(text(&root, "rrs-total").parse::<i64>().unwrap(), start - 3);
    assert_eq!(ws.get_untracked("/change/categories"), Some(json!([])));
}

#[wasm_bindgen_test]
async fn switching_the_exception_off_and_on_keeps_what_was_typed() {
    let ws = Worksheet::new(state_with(|_| {}));
    let root = mount(move || view! { <ExceptionPanel ws /> <BlockersPanel ws /> });
    settle().await;
    click(&root, "exception-enabled");
    settle().await;
    type_into(&root, "exception-rationale", "Fix for an exploited CVE");
    click(&root, "approver-add");
    settle().await;
    type_into(&root, "approver-0-name", "Dana Li");
    type_into(&root, "approver-0-role", "dm");
    settle().await;
    assert!(
        text(&root, "exception-outcome").contains("Invalid"),
        "on_call is missing"
    );
    click(&root, "exception-enabled");
    settle().await;
    assert_eq!(ws.get_untracked("/exception"), None);
    click(&root, "exception-enabled");
    settle().await;
    assert_eq!(
        ws.get_untracked("/exception/approvers/0/name"),
        Some(json!("Dana Li"))
    );
    assert_eq!(
        ws.get_untracked("/exception/rationale"),
        Some(json!("Fix for an exploited CVE"))
    );
}

#[wasm_bindgen_test]
async fn a_ledger_gives_the_window_status_and_burn_down() {
    let ws = Worksheet::new(state_with(|_| {}));
    let root = mount(move || view! { <BudgetPanel ws /> <LedgerStatus ws /> });
    settle().await;
    assert!(find_all(&root, "burndown-chart").is_empty());
    click(&root, "budget-source-ledger");
    settle().await;
    click(&root, "ledger-sample");
    settle().await;
    assert!(text(&root, "ledger-verified").contains("hash chain verifies"));
    assert_eq!(find_all(&root, "burndown-chart").len(), 1);
    assert_eq!(find_all(&root, "threshold-red").len(), 1);
    assert!(text(&root, "ledger-remaining").contains("RP"));
    let before = text(&root, "ledger-consumed");
    click(&root, "ledger-record");
    settle().await;
    assert_ne!(
        text(&root, "ledger-consumed"),
        before,
        "the recorded release is charged"
    );
}
