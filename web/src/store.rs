//! The worksheet store: the state signal and what is derived from it (the evaluation,
//! the active policy), plus loading and saving. No rule lives here: evaluation, policy
//! resolution, share links and request import are all `riskgate::worksheet`.

use crate::browser;
use leptos::prelude::*;
use riskgate::worksheet::{self, Evaluation, WorksheetState};
use riskgate::{Error, Policy};
use serde_json::Value;
use std::fmt;

/// The localStorage key of the saved worksheet.
pub const STORAGE_KEY: &str = "riskgate.worksheet.v1";

/// What the result panels show: the latest valid evaluation, and the current error if
/// the inputs do not evaluate (the panels then keep the last valid decision).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    pub eval: Option<Evaluation>,
    pub error: Option<Error>,
}

/// A message for the status line at the top of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            error: false,
            text: text.into(),
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            error: true,
            text: text.into(),
        }
    }
}

/// Raised inside a panel's error boundary when there is nothing to show yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoDecision(pub String);

impl fmt::Display for NoDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NoDecision {}

/// The whole worksheet, as signals. `Copy`, so components take it as a prop.
#[derive(Debug, Clone, Copy)]
pub struct Worksheet {
    pub state: RwSignal<WorksheetState>,
    pub request: Memo<Value>,
    pub shown: Memo<Shown>,
    pub policy: Memo<Result<Policy, Error>>,
    pub notice: RwSignal<Option<Notice>>,
}

impl Worksheet {
    /// A worksheet over `initial`; nothing is read from or written to the browser.
    pub fn new(initial: WorksheetState) -> Self {
        let state = RwSignal::new(initial);
        let request = Memo::new(move |_| state.with(|s| s.request.clone()));
        let evaluation = Memo::new(move |_| request.with(worksheet::evaluate_request));
        let shown = Memo::new(move |prev: Option<&Shown>| match evaluation.get() {
            Ok(eval) => Shown {
                eval: Some(eval),
                error: None,
            },
            Err(error) => Shown {
                eval: prev.and_then(|p| p.eval.clone()),
                error: Some(error),
            },
        });
        let policy_doc = Memo::new(move |_| request.with(|r| r.get("policy").cloned()));
        let policy =
            Memo::new(move |_| policy_doc.with(|doc| worksheet::resolve_policy(doc.as_ref())));
        Self {
            state,
            request,
            shown,
            policy,
            notice: RwSignal::new(None),
        }
    }

    /// The request value at a JSON pointer (tracked).
    pub fn get(&self, pointer: &str) -> Option<Value> {
        self.request.with(|r| r.pointer(pointer).cloned())
    }

    /// The request value at a JSON pointer, without tracking.
    pub fn get_untracked(&self, pointer: &str) -> Option<Value> {
        self.state.with_untracked(|s| s.get(pointer).cloned())
    }

    pub fn get_str(&self, pointer: &str) -> String {
        self.request.with(|r| {
            r.pointer(pointer)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        })
    }

    pub fn get_bool(&self, pointer: &str) -> bool {
        self.request
            .with(|r| r.pointer(pointer).and_then(Value::as_bool).unwrap_or(false))
    }

    /// The strings of a list at a JSON pointer (empty when absent).
    pub fn get_list(&self, pointer: &str) -> Vec<String> {
        self.request.with(|r| {
            r.pointer(pointer)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    pub fn set(&self, pointer: &str, value: Value) {
        self.state.update(|s| s.set(pointer, value));
    }

    pub fn remove(&self, pointer: &str) {
        self.state.update(|s| s.remove(pointer));
    }

    /// Adds `item` to the string list at `pointer`, or removes it.
    pub fn toggle_in_list(&self, pointer: &str, item: &str, present: bool) {
        let mut list = self.get_list(pointer);
        list.retain(|x| x != item);
        if present {
            list.push(item.to_owned());
        }
        self.set(
            pointer,
            Value::Array(list.into_iter().map(Value::String).collect()),
        );
    }

    /// The current error's message when it concerns `path` (`service.tier`) or a field inside it.
    pub fn error_at(&self, path: &str) -> Option<String> {
        self.shown.with(|s| {
            s.error
                .as_ref()
                .filter(|e| path_within(e.path(), path))
                .map(|e| e.message().to_owned())
        })
    }

    /// The latest valid evaluation, or why there is none (for a panel's error boundary).
    pub fn evaluation(&self) -> Result<Evaluation, NoDecision> {
        self.shown.with(|s| match (&s.eval, &s.error) {
            (Some(eval), _) => Ok(eval.clone()),
            (None, Some(e)) => Err(NoDecision(format!(
                "No decision yet: {}",
                describe_error(e)
            ))),
            (None, None) => Err(NoDecision(String::from("No decision yet."))),
        })
    }

    pub fn say(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }
}

/// Whether the error path `error` is `path` or inside it.
pub fn path_within(error: &str, path: &str) -> bool {
    error == path
        || error
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// An engine error in one sentence: where, then what.
pub fn describe_error(e: &Error) -> String {
    if e.path().is_empty() {
        e.message().to_owned()
    } else {
        format!("{} ({})", e.message(), e.path())
    }
}

/// The dotted error path of a JSON pointer (`/service/name` → `service.name`).
pub fn dotted(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', ".")
}

/// The state the page starts with: a share link in the URL wins, then the worksheet
/// saved in this browser, then the defaults. Problems become a notice, never a blank page.
pub fn initial_state() -> (WorksheetState, Option<Notice>) {
    let mut notice = None;
    let fragment = browser::fragment();
    let mut state = match WorksheetState::from_fragment(&fragment) {
        Ok(Some(state)) => Some(state),
        Ok(None) => None,
        Err(e) => {
            notice = Some(Notice::error(format!(
                "This share link could not be opened: {} The worksheet shows your last saved state instead.",
                e.message()
            )));
            None
        }
    };
    if state.is_none()
        && let Some(saved) = browser::load(STORAGE_KEY)
    {
        {
            match WorksheetState::from_json(&saved) {
                Ok(s) => state = Some(s),
                Err(e) => {
                    notice = Some(Notice::error(format!(
                        "The worksheet saved in this browser could not be read ({}); it starts from the defaults.",
                        describe_error(&e)
                    )));
                }
            }
        }
    }
    let mut state = state.unwrap_or_else(fresh_state);
    if state.get("/now").is_none() {
        state.set("/now", Value::String(browser::now_iso()));
    }
    (state, notice)
}

/// The default worksheet, evaluated at the current instant.
pub fn fresh_state() -> WorksheetState {
    let mut state = WorksheetState::default();
    state.set("/now", Value::String(browser::now_iso()));
    state
}

/// Saves the worksheet in this browser whenever it changes. A share link in the address
/// bar that no longer matches the worksheet is removed from it, so a reload shows the
/// edited worksheet rather than the link's.
pub fn persist(ws: Worksheet) {
    Effect::new(move |_| {
        let json = ws.state.with(WorksheetState::to_json);
        if let Err(e) = browser::save(STORAGE_KEY, &json) {
            ws.say(Notice::error(format!(
                "The worksheet could not be saved in this browser: {e}"
            )));
        }
        let fragment = browser::fragment();
        if riskgate::share::fragment_value(&fragment).is_some() {
            let same = WorksheetState::from_fragment(&fragment)
                .ok()
                .flatten()
                .is_some_and(|linked| ws.state.with_untracked(|s| *s == linked));
            if !same {
                browser::replace_fragment("");
            }
        }
    });
}
