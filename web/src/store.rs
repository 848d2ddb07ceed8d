//! The worksheet store: the state signal and what is derived from it (the evaluation,
//! the active policy), plus loading and saving. No rule lives here: evaluation, policy
//! resolution, share links and request import are all `riskgate::worksheet`.

use crate::browser;
use leptos::prelude::*;
use riskgate::decision::Decision;
use riskgate::worksheet::{self, Evaluation, WorksheetState};
use riskgate::{Error, Policy};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// One signal per JSON pointer read by a control (see [`Worksheet::get`]), with the
/// pointer's tokens split and unescaped once.
type Selectors<T> = HashMap<String, (Option<Vec<String>>, ArcRwSignal<T>)>;

/// One signal per error path read by a field (see [`Worksheet::error_at`]).
type ErrorSelectors = HashMap<String, ArcRwSignal<Option<String>>>;

/// The evaluation of the request, with the request's JSON text it was made from: a state
/// change that leaves the request as it was (a ticked check, a files text that reads as
/// the same list) is recognised by the text, without keeping a copy of the request.
#[derive(Debug)]
struct Evaluated {
    request: String,
    result: Result<Arc<Evaluation>, Error>,
}

/// The localStorage key of the saved worksheet.
pub const STORAGE_KEY: &str = "riskgate.worksheet.v1";

/// What the result panels show: the latest valid evaluation, and the current error if
/// the inputs do not evaluate (the panels then keep the last valid decision). The
/// evaluation is shared: cloning a `Shown` is a reference count, and two are equal when
/// they hold the same evaluation (each recompute makes a new one; panels read narrow
/// memos of it, see [`Worksheet::derive`], which compare what they show).
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub eval: Option<Arc<Evaluation>>,
    pub error: Option<Error>,
}

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        let same_eval = match (&self.eval, &other.eval) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_eval && self.error == other.error
    }
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
    pub shown: Memo<Shown>,
    pub policy: Memo<Result<Policy, Error>>,
    pub notice: RwSignal<Option<Notice>>,
    /// The request's values by pointer, each set only when its value changes, so a
    /// keystroke wakes the controls bound to what changed, not every control.
    fields: StoredValue<Selectors<Option<Value>>>,
    /// The current error's message by field path, likewise.
    errors: StoredValue<ErrorSelectors>,
    /// The worksheet's owner, which owns the selectors' effects, and whether they started.
    owner: StoredValue<(Owner, bool)>,
}

impl Worksheet {
    /// A worksheet over `initial`; nothing is read from or written to the browser.
    pub fn new(initial: WorksheetState) -> Self {
        let state = RwSignal::new(initial);
        let evaluation = Memo::new_owning(move |prev: Option<Evaluated>| {
            state.with(|s| {
                let request = s.request.to_string();
                match prev {
                    Some(prev) if prev.request == request => (prev, false),
                    _ => {
                        let result = worksheet::evaluate_request_text(&request).map(Arc::new);
                        (Evaluated { request, result }, true)
                    }
                }
            })
        });
        let shown = Memo::new(move |prev: Option<&Shown>| {
            evaluation.with(|e| match &e.result {
                Ok(eval) => Shown {
                    eval: Some(Arc::clone(eval)),
                    error: None,
                },
                Err(error) => Shown {
                    eval: prev.and_then(|p| p.eval.clone()),
                    error: Some(error.clone()),
                },
            })
        });
        let policy_doc = Memo::new(move |_| state.with(|s| s.request.get("policy").cloned()));
        let policy =
            Memo::new(move |_| policy_doc.with(|doc| worksheet::resolve_policy(doc.as_ref())));
        let fields = StoredValue::new(Selectors::<Option<Value>>::new());
        let errors = StoredValue::new(ErrorSelectors::new());
        Self {
            state,
            shown,
            policy,
            notice: RwSignal::new(None),
            fields,
            errors,
            owner: StoredValue::new((Owner::current().unwrap_or_default(), false)),
        }
    }

    /// Starts the effects that keep the selectors up to date: on first use (from a
    /// mounted component, so the executor runs), owned by the worksheet, not the component.
    fn start_selectors(&self) {
        // The owner stays stored: dropping the last handle of an owner disposes its effects.
        let Some(owner) = self
            .owner
            .try_update_value(|(owner, started)| {
                (!std::mem::replace(started, true)).then(|| owner.clone())
            })
            .flatten()
        else {
            return;
        };
        let (state, shown, fields, errors) = (self.state, self.shown, self.fields, self.errors);
        owner.with(|| {
            Effect::new(move |_| {
                let changed: Vec<_> = state.with(|s| {
                    fields.with_value(|m| {
                        m.values()
                            .filter_map(|(tokens, sig)| {
                                let now = value_at(&s.request, tokens.as_deref());
                                sig.with_untracked(|v| v.as_ref() != now)
                                    .then(|| (sig.clone(), now.cloned()))
                            })
                            .collect()
                    })
                });
                for (sig, value) in changed {
                    sig.set(value);
                }
            });
            Effect::new(move |_| {
                let changed: Vec<_> = shown.with(|s| {
                    errors.with_value(|m| {
                        m.iter()
                            .filter_map(|(path, sig)| {
                                let now = error_message_at(s, path);
                                sig.with_untracked(|v| *v != now)
                                    .then(|| (sig.clone(), now))
                            })
                            .collect()
                    })
                });
                for (sig, message) in changed {
                    sig.set(message);
                }
            });
        });
    }

    /// The signal of the request value at `pointer`, made on first use.
    fn field(&self, pointer: &str) -> ArcRwSignal<Option<Value>> {
        self.start_selectors();
        if let Some(sig) = self
            .fields
            .with_value(|m| m.get(pointer).map(|(_, sig)| sig.clone()))
        {
            return sig;
        }
        let sig = ArcRwSignal::new(self.state.with_untracked(|s| s.get(pointer).cloned()));
        self.fields.update_value(|m| {
            m.insert(pointer.to_owned(), (pointer_tokens(pointer), sig.clone()));
        });
        sig
    }

    /// The request value at a JSON pointer (tracked).
    pub fn get(&self, pointer: &str) -> Option<Value> {
        self.field(pointer).get()
    }

    /// The request value at a JSON pointer, without tracking.
    pub fn get_untracked(&self, pointer: &str) -> Option<Value> {
        self.state.with_untracked(|s| s.get(pointer).cloned())
    }

    pub fn get_str(&self, pointer: &str) -> String {
        self.field(pointer).with(|v| {
            v.as_ref()
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        })
    }

    pub fn get_bool(&self, pointer: &str) -> bool {
        self.field(pointer)
            .with(|v| v.as_ref().and_then(Value::as_bool).unwrap_or(false))
    }

    /// The strings of a list at a JSON pointer (empty when absent).
    pub fn get_list(&self, pointer: &str) -> Vec<String> {
        self.field(pointer).with(|v| string_list(v.as_ref()))
    }

    pub fn set(&self, pointer: &str, value: Value) {
        self.state.update(|s| s.set(pointer, value));
    }

    pub fn remove(&self, pointer: &str) {
        self.state.update(|s| s.remove(pointer));
    }

    /// Adds `item` to the string list at `pointer`, or removes it. Reads the state itself
    /// (not the per-pointer signal, which is updated after the handler returns), so two
    /// toggles in one handler both count.
    pub fn toggle_in_list(&self, pointer: &str, item: &str, present: bool) {
        let mut list = string_list(self.get_untracked(pointer).as_ref());
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
        self.start_selectors();
        let sig = match self.errors.with_value(|m| m.get(path).cloned()) {
            Some(sig) => sig,
            None => {
                let sig =
                    ArcRwSignal::new(self.shown.with_untracked(|s| error_message_at(s, path)));
                self.errors.update_value(|m| {
                    m.insert(path.to_owned(), sig.clone());
                });
                sig
            }
        };
        sig.get()
    }

    /// The latest valid evaluation (shared, not copied), or why there is none (for a
    /// panel's error boundary).
    pub fn evaluation(&self) -> Result<Arc<Evaluation>, NoDecision> {
        self.shown.with(|s| match (&s.eval, &s.error) {
            (Some(eval), _) => Ok(Arc::clone(eval)),
            (None, Some(e)) => Err(NoDecision(format!(
                "No decision yet: {}",
                describe_error(e)
            ))),
            (None, None) => Err(NoDecision(String::from("No decision yet."))),
        })
    }

    /// The latest valid evaluation as a memo that changes only when the part a panel shows
    /// does: `same` compares that part of two decisions (by reference, nothing is copied),
    /// so the panel is rebuilt only when it differs, not on every keystroke. The panel
    /// reads its part from the shared evaluation when it renders.
    pub fn derive(
        &self,
        same: impl Fn(&Decision, &Decision) -> bool + Send + Sync + 'static,
    ) -> Memo<Result<Arc<Evaluation>, NoDecision>> {
        let ws = *self;
        Memo::new_owning(move |prev: Option<Result<Arc<Evaluation>, NoDecision>>| {
            let next = ws.evaluation();
            let changed = match (&prev, &next) {
                (Some(Ok(a)), Ok(b)) => !(Arc::ptr_eq(a, b) || same(&a.decision, &b.decision)),
                (Some(Err(a)), Err(b)) => a != b,
                _ => true,
            };
            (next, changed)
        })
    }

    /// One part of the latest valid decision, named once (`ws.part(|d| &d.gate)`): a
    /// [`derive`](Self::derive) memo that compares only that part, read through a closure
    /// that clones the part out of the shared evaluation when the panel renders. The panel
    /// is rebuilt only when its part differs, not on every keystroke.
    pub fn part<T, F>(self, part: F) -> impl Fn() -> Result<T, NoDecision> + Copy + 'static
    where
        T: Clone + PartialEq + 'static,
        F: Fn(&Decision) -> &T + Copy + Send + Sync + 'static,
    {
        let shown = self.derive(move |a, b| part(a) == part(b));
        move || {
            shown.with(|s| match s {
                Ok(eval) => Ok(part(&eval.decision).clone()),
                Err(e) => Err(e.clone()),
            })
        }
    }

    pub fn say(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }
}

/// The tokens of a JSON pointer (RFC 6901), unescaped: `/a~1b/0` → `["a/b", "0"]`;
/// `None` for text that is not a pointer (it points at nothing).
fn pointer_tokens(pointer: &str) -> Option<Vec<String>> {
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return None;
    }
    Some(
        pointer
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// The value at a pointer's tokens, as [`Value::pointer`] finds it (without re-parsing
/// the pointer on every change).
fn value_at<'a>(root: &'a Value, tokens: Option<&[String]>) -> Option<&'a Value> {
    tokens?.iter().try_fold(root, |node, token| match node {
        Value::Object(map) => map.get(token),
        Value::Array(list) => parse_index(token).and_then(|i| list.get(i)),
        _ => None,
    })
}

/// An array index token as JSON pointers allow it: digits, no leading zero.
fn parse_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

/// The current error's message when it concerns `path` or a field inside it.
fn error_message_at(shown: &Shown, path: &str) -> Option<String> {
    shown
        .error
        .as_ref()
        .filter(|e| path_within(e.path(), path))
        .map(|e| e.message().to_owned())
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

/// The strings of a JSON list (empty when absent or not a list).
fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// How long a change may wait before it is written to localStorage: typing saves at most
/// every 250 ms instead of on every keystroke (serializing the worksheet and `setItem` cost
/// more than the recompute). A pending save is written at once when the page is hidden
/// or left (`visibilitychange`, `pagehide`), so the last state is never lost.
pub const SAVE_DELAY_MS: u64 = 250;

/// Saves the worksheet in this browser whenever it changes (at once on load, then at most
/// [`SAVE_DELAY_MS`] after a change). A share link in the address bar that no longer
/// matches the worksheet is removed from it at once, so a reload shows the edited
/// worksheet rather than the link's.
pub fn persist(ws: Worksheet) {
    // The timer of the save waiting to be written, if any.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // `on_load`: the worksheet shown at load is usually the saved one, not written again.
    let save = move |on_load: bool| {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let json = ws.state.with_untracked(WorksheetState::to_json);
        if on_load && browser::load(STORAGE_KEY).is_some_and(|saved| saved == json) {
            return;
        }
        if let Err(e) = browser::save(STORAGE_KEY, &json) {
            ws.say(Notice::error(format!(
                "The worksheet could not be saved in this browser: {e}"
            )));
        }
    };
    let save_now = move || save(false);
    let flush = move || {
        if pending.try_with_value(Option::is_some).unwrap_or(false) {
            save_now();
        }
    };
    Effect::new(move |first: Option<()>| {
        ws.state.track();
        if first.is_none() {
            save(true);
        } else if pending.with_value(Option::is_none) {
            let handle = set_timeout_with_handle(
                move || {
                    pending.set_value(None);
                    save_now();
                },
                std::time::Duration::from_millis(SAVE_DELAY_MS),
            );
            match handle {
                Ok(handle) => pending.set_value(Some(handle)),
                Err(_) => save_now(),
            }
        }
        // The address bar is read only when it may hold a share link, not on every change
        // (three calls into JS and a string back, ~2% of a recompute).
        if !browser::fragment_may_share() {
            return;
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
    let _ = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
}
