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
        serde_json::to_string(&envelope)
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
pub(crate) fn from_json_str<'de, T: serde::Deserialize<'de>>(
    text: &'de str,
    kind: ErrorKind,
) -> Result<T, Error> {
    // Tracking the path costs as much as the parse itself, and valid documents need no
    // path: parse plainly first, and again with tracking only to explain a failure.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| path_error(e, kind))?;
    de.end().map_err(|e| {
        Error::new(
            kind,
            "",
            format!("trailing characters after the JSON document: {e}"),
        )
    })?;
    Ok(value)
}

/// Deserializes an already-parsed JSON value into `T`, reporting the JSON path of the first problem.
pub(crate) fn from_json_value<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    kind: ErrorKind,
) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| path_error(e, kind))
}

fn path_error(e: serde_path_to_error::Error<serde_json::Error>, kind: ErrorKind) -> Error {
    // serde_path_to_error writes `?` for a segment it could not name (inside malformed
    // JSON); drop those so the path only ever names real fields.
    let path = e
        .path()
        .to_string()
        .split('.')
        .filter(|segment| *segment != "?" && !segment.is_empty())
        .collect::<Vec<_>>()
        .join(".");
    let inner = e.into_inner();
    let message = if inner.is_syntax() || inner.is_eof() {
        format!("malformed JSON: {inner}")
    } else {
        inner.to_string()
    };
    Error::new(kind, path, message)
}
