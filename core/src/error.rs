//! One error type for everything the engine can reject.

use serde::Serialize;
use std::fmt;

/// What went wrong, as a stable machine-readable category.
///
/// Each kind has a `code` (see [`ErrorKind::code`]) that front ends pass on
/// unchanged: the npm package throws it, the CLI prints it, the worksheet shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request is malformed: bad JSON, an unknown field, a value out of range,
    /// or a name (category, mitigation, tier) that the policy does not define.
    InvalidRequest,
    /// The policy document is malformed or inconsistent.
    InvalidPolicy,
    /// An input exceeds one of the documented limits.
    LimitExceeded,
    /// A ledger line is malformed or the ledger fails verification.
    InvalidLedger,
    /// A defect in riskgate itself (for example a built-in preset that fails to load).
    Internal,
}

impl ErrorKind {
    /// The stable code of this kind, as it appears in JSON errors.
    pub fn code(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidPolicy => "invalid_policy",
            Self::LimitExceeded => "limit_exceeded",
            Self::InvalidLedger => "invalid_ledger",
            Self::Internal => "internal",
        }
    }
}

/// An error naming the offending input by its JSON path (`service.tier`,
/// `change.files[2].path`, `policy.categories.docs.include[0]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    path: String,
    message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            kind,
            path: path.into(),
            message: message.into(),
        }
    }

    pub(crate) fn request(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidRequest, path, message)
    }

    pub(crate) fn policy(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidPolicy, path, message)
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// JSON path of the offending value; empty when the whole document is at fault.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// Prefixes the path, for errors found in a nested document (a policy inside a request).
    pub(crate) fn within(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }

    /// The error as the `{ "error": { code, path, message } }` document of the JSON contract.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Body<'a> {
            code: &'a str,
            path: &'a str,
            message: &'a str,
        }
        #[derive(Serialize)]
        struct Envelope<'a> {
            error: Body<'a>,
        }
        let envelope = Envelope {
            error: Body {
                code: self.code(),
                path: &self.path,
                message: &self.message,
            },
        };
        // Serializing three strings cannot fail; fall back to a fixed document rather than panic.
        crate::json::to_ascii_string(&envelope, 64 + self.message.len())
            .unwrap_or_else(|_| String::from("{\"error\":{\"code\":\"internal\",\"path\":\"\",\"message\":\"error serialization failed\"}}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code(), self.message)
        } else {
            write!(f, "{} at {}: {}", self.code(), self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

pub(crate) fn join_path(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_owned(),
        (_, true) => prefix.to_owned(),
        _ if rest.starts_with('[') => format!("{prefix}{rest}"),
        _ => format!("{prefix}.{rest}"),
    }
}

/// Deserializes JSON text into `T`, reporting the JSON path of the first problem.
///
/// The path comes from where serde_json stopped, not from a path-tracking deserializer:
/// wrapping the deserializer (serde_path_to_error) instantiated every `Deserialize` impl
/// once more, about 400 KB of the wasm. serde_json reports the byte where it stopped
/// (just after the offending value, key or closing brace), and [`json_path_at`] names the
/// value there. `core/tests/error_paths.rs` checks this against serde_path_to_error.
pub fn from_json_str<'de, T: serde::Deserialize<'de>>(
    text: &'de str,
    kind: ErrorKind,
) -> Result<T, Error> {
    parse_located(text, kind, true)
}

/// Deserializes an already-parsed JSON value into `T`, reporting the JSON path of the
/// first problem. The value goes through its text so that each type has one deserializer
/// (see [`from_json_str`]); the message leaves out positions in that synthetic text.
pub(crate) fn from_json_value<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    kind: ErrorKind,
) -> Result<T, Error> {
    parse_located(&value.to_string(), kind, false)
}

/// Deserializes a value cut from a larger text (a decision's `ledgerEntry`), reporting the
/// JSON path within it; positions in the cut would mislead, so the message leaves them out.
pub(crate) fn from_json_fragment<'de, T: serde::Deserialize<'de>>(
    text: &'de str,
    kind: ErrorKind,
) -> Result<T, Error> {
    parse_located(text, kind, false)
}

fn parse_located<'de, T: serde::Deserialize<'de>>(
    text: &'de str,
    kind: ErrorKind,
    with_position: bool,
) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|e| {
        let syntax = e.is_syntax() || e.is_eof();
        let path = json_path_at(text, byte_offset(text, e.line(), e.column()));
        let mut message = if with_position {
            e.to_string()
        } else {
            message_without_position(&e)
        };
        if syntax {
            message = format!("malformed JSON: {message}");
        }
        Error::new(kind, path, message)
    })
}

/// serde_json's message without the ` at line L column C` it ends with.
pub(crate) fn message_without_position(e: &serde_json::Error) -> String {
    let mut message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    if let Some(kept) = message.strip_suffix(&suffix) {
        message.truncate(kept.len());
    }
    message
}

/// The byte offset of serde_json's (1-based line, 0-based byte column) position.
pub(crate) fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    (line_start + column).min(text.len())
}

/// One open container while [`json_path_at`] walks the text.
enum Frame {
    /// The key whose value is being read; `None` while a key is expected.
    Object { key: Option<String> },
    /// The element being read; `None` before the first.
    Array { index: Option<usize> },
}

/// The JSON path (`change.files[1].path`) of the value at byte `offset` of `text`: the
/// key or value that ends there, or the container closed there, or, between tokens, the
/// member being read. This is where serde_json stops on an error, so it names the value
/// the error is about: an unknown field names the key, a missing field its object. A key
/// the text stops inside (malformed JSON) names nothing.
pub(crate) fn json_path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut at = 0;
    while at < offset {
        let Some(&byte) = bytes.get(at) else { break };
        match byte {
            b'{' => {
                start_value(&mut stack);
                stack.push(Frame::Object { key: None });
                at += 1;
            }
            b'[' => {
                start_value(&mut stack);
                stack.push(Frame::Array { index: None });
                at += 1;
            }
            b'}' | b']' => {
                stack.pop();
                at += 1;
                if at >= offset {
                    return path_of(&stack);
                }
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { key }) => *key = None,
                    Some(Frame::Array { index }) => *index = Some(index.map_or(1, |i| i + 1)),
                    None => {}
                }
                at += 1;
            }
            b'"' => {
                let end = string_end(bytes, at);
                if let Some(Frame::Object { key }) = stack.last_mut()
                    && key.is_none()
                {
                    if let Some(end) = end {
                        *key = Some(text.get(at..end).map(unquote).unwrap_or_default());
                    }
                } else {
                    start_value(&mut stack);
                }
                match end {
                    Some(end) if end < offset => at = end,
                    _ => return path_of(&stack),
                }
            }
            _ if is_separator(byte) => at += 1,
            _ => {
                start_value(&mut stack);
                let len = bytes
                    .get(at..)
                    .unwrap_or_default()
                    .iter()
                    .position(|&b| matches!(b, b',' | b']' | b'}') || is_separator(b))
                    .unwrap_or(bytes.len() - at);
                at += len.max(1);
                if at >= offset {
                    return path_of(&stack);
                }
            }
        }
    }
    // Stopped before a value (serde_json does not consume a container of the wrong type):
    // that value is the one meant, which matters for the first element of an array.
    if bytes
        .get(offset)
        .is_some_and(|&b| !matches!(b, b',' | b']' | b'}') && !is_separator(b))
    {
        start_value(&mut stack);
    }
    path_of(&stack)
}

/// Whitespace and the colon: bytes between tokens.
fn is_separator(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b':')
}

/// A value starts: in an array, that is the first element when none was.
fn start_value(stack: &mut [Frame]) {
    if let Some(Frame::Array { index }) = stack.last_mut()
        && index.is_none()
    {
        *index = Some(0);
    }
}

/// The end (one past the closing quote) of the string starting at `start`; `None` when
/// the text stops inside it.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// A key's text without quotes, escapes resolved.
fn unquote(quoted: &str) -> String {
    if quoted.contains('\\') {
        serde_json::from_str(quoted).unwrap_or_else(|_| quoted.trim_matches('"').to_owned())
    } else {
        quoted.trim_matches('"').to_owned()
    }
}

fn path_of(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index: Some(index) } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            _ => {}
        }
    }
    path
}
