//! A direct reader for the documents riskgate reads most: the request and the policy, which
//! every decision reads, and the decision, which `render` reads.
//!
//! serde's derived readers are generic code per type and per deserializer (a `visit_map`
//! for each struct, a field matcher, a sequence form): ~150 KB of the wasm a fresh process
//! compiled before its first decision, and most of that decision's time in Node, where V8
//! compiles each wasm function on its first call. Here each struct is one short function
//! (its field names matched to slots) around one shared object and array loop.
//!
//! It reads JSON as serde_json and the derived readers do: the same fields and defaults,
//! the same numbers (a number it cannot be sure to compute as serde_json does is handed to
//! serde_json's own parser), a struct also from an array of its fields, a unit enum also
//! from `{"name": null}`, a repeated map key replacing the value in its first place, a
//! repeated field refused.
//!
//! - **Policies** are read by this reader alone: the wasm builds have no serde reader for
//!   the policy's types (feature `serde-readers`). Its errors are serde's, built with serde's
//!   own constructors (`invalid type: …, expected …`, `unknown field …`), with the JSON path
//!   riskgate's error paths give; a policy is always read from the compact text of the
//!   merged document, so there is no position to give.
//! - **Decisions** (`render`'s input) are read by this reader alone too (`read_located`):
//!   the wasm builds have no serde reader for the decision's output types (~75 KB). These
//!   types do not deny unknown fields, so unknown members are skipped as serde skips them
//!   (serde_json's own reader checks their syntax). Malformed JSON is serde_json's own
//!   error, at its line and column; a ledger entry inside (tagged by `kind` anywhere in it)
//!   goes to serde's reader, which the ledger keeps for its lines.
//! - **Requests** take this reader for their common form (no `policy` override, no ledger
//!   given as an array, no malformed text); anything else, and every error, goes to serde,
//!   whose errors name a line and column in the text the user wrote.
//!
//! `tests/direct_reader.rs` holds both to serde: the same value or the same error on every
//! vector, preset and generated break, every form of number and the unusual forms above.

use crate::error::{Error, ErrorKind};
use chrono::{DateTime, FixedOffset, NaiveDate};
use indexmap::IndexMap;
use serde::de::{Error as _, Unexpected};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::Hash;
use std::sync::Arc;

/// Reads the whole of `text` as a `T`; `None` when the text is not in the form this reader
/// takes (the caller then asks serde).
pub fn read<T: ReadJson>(text: &str) -> Option<T> {
    let mut reader = Reader::new(text);
    reader.document()
}

/// Reads the whole of `text` as a `T`, or says why not as serde_json and riskgate's error
/// paths would: serde's message (`malformed JSON: ` before what serde_json counts as
/// syntax), without a position, and the JSON path of the value it is about. This is how
/// policies are read: they have no serde reader in the wasm builds.
pub fn read_explained<T: ReadJson>(text: &str, kind: ErrorKind) -> Result<T, Error> {
    let mut reader = Reader::new(text);
    match reader.document() {
        Some(value) => Ok(value),
        None => Err(reader.error(kind)),
    }
}

/// Reads the whole of `text` as a `T`, or says why not: malformed JSON as serde_json words
/// it, at its line and column (the text is the user's own), anything else as
/// [`read_explained`] does. This is how `render` reads a decision.
pub fn read_located<T: ReadJson>(text: &str, kind: ErrorKind) -> Result<T, Error> {
    let mut reader = Reader::new(text);
    if let Some(value) = reader.document() {
        return Ok(value);
    }
    let (syntax, serde_at) = match &reader.problem {
        Some(problem) if !problem.syntax => return Err(reader.error(kind)),
        Some(problem) => (Some(problem.at), problem.serde_at),
        None => (None, None),
    };
    let (at, path) = match (syntax, serde_at) {
        // serde_json's own words about a value skipped: at the place it names, whose path
        // riskgate's error paths find as for any serde_json error.
        (_, Some(at)) => (at, Some(crate::error::json_path_at(text, at))),
        _ => {
            // Malformed anywhere (the reader stops at a string cut short without a word of
            // its own): serde_json's error, read as a typed reader reads a document.
            // Well-formed, but not in a form the type takes (`"level": 1` for an enum): the
            // reader's, at the byte after the one it stopped at (serde_json's `peek_error`).
            crate::error::from_json_str::<serde_json::Value>(text, kind)?;
            match syntax {
                Some(at) => ((at + 1).min(text.len()), None),
                None => return Err(reader.error(kind)),
            }
        }
    };
    let error = reader.error(kind);
    let (line, column) = position(text, at);
    let message = format!("{} at line {line} column {column}", error.message());
    let path = path.unwrap_or_else(|| error.path().to_owned());
    Err(Error::new(kind, path, message))
}

/// serde_json's (line, column) of byte `index` of `text`.
fn position(text: &str, index: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..index).unwrap_or_default();
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |at| at + 1);
    let lines = memchr::memchr_iter(b'\n', before.get(..line_start).unwrap_or_default());
    (1 + lines.count(), index - line_start)
}

/// The position in the text being read, and why reading stopped.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    problem: Option<Problem>,
}

/// Why the reader stopped, in serde's words.
struct Problem {
    message: String,
    /// serde_json counts it as malformed JSON.
    syntax: bool,
    /// The byte the reader was at.
    at: usize,
    /// The byte serde_json's own error names, when the message is serde_json's (a value
    /// skipped as serde skips it, and refused by serde_json's reader).
    serde_at: Option<usize>,
    /// Where, innermost first: each level adds its key or index while the error unwinds,
    /// so nothing is spent on paths while reading goes well.
    path: Vec<Segment>,
}

enum Segment {
    Key(String),
    Index(usize),
    /// A path within the value here, as riskgate writes paths (`at`, `files[1]`).
    Path(String),
}

/// A type this reader reads. `None`: not in the common form, or wrong (see the module docs).
pub trait ReadJson: Sized {
    /// What serde's visitor says it expected (`invalid type: …, expected {EXPECTED}`).
    const EXPECTED: &'static str;
    fn read(reader: &mut Reader<'_>) -> Option<Self>;
}

/// A type read from an object's key (the keys of the policy's maps).
pub trait ReadKey: Sized {
    fn from_key(reader: &mut Reader<'_>, key: &str) -> Option<Self>;
}

/// A JSON number as serde_json classifies it before a visitor sees it.
#[derive(Clone, Copy)]
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl Number {
    fn unexpected(self) -> Unexpected<'static> {
        match self {
            Self::Unsigned(n) => Unexpected::Unsigned(n),
            Self::Signed(n) => Unexpected::Signed(n),
            Self::Float(f) => Unexpected::Float(f),
        }
    }
}

/// The length of the JSON number at the start of `text`, as serde_json's parser takes it
/// (`None`: serde_json's `invalid number` there).
fn number_prefix(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes.get(from..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        })
    };
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    match bytes.get(at) {
        Some(b'0') => {
            at += 1;
            if bytes.get(at).is_some_and(u8::is_ascii_digit) {
                return None;
            }
        }
        Some(b'1'..=b'9') => at += digits(at),
        _ => return None,
    }
    if bytes.get(at) == Some(&b'.') {
        let fraction = digits(at + 1);
        if fraction == 0 {
            return None;
        }
        at += 1 + fraction;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits(at);
        if exponent == 0 {
            return None;
        }
        at += exponent;
    }
    Some(at)
}

/// The value of at most 19 ASCII digits, which always fits a u64: no overflow test per
/// digit (in wasm each checked 64-bit multiplication is a call to a 128-bit one).
fn short_digits(digits: &[u8]) -> u64 {
    digits
        .iter()
        .fold(0, |value, &digit| value * 10 + u64::from(digit - b'0'))
}

/// `text` (a whole JSON number) classified as serde_json does; `None` when it is not one.
fn classify_number(text: &str) -> Option<Number> {
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let body = bytes.get(usize::from(negative)..)?;
    let whole = body.iter().take_while(|b| b.is_ascii_digit()).count();
    if whole == 0 || (whole > 1 && body.first() == Some(&b'0')) {
        return None;
    }
    if whole == body.len() {
        let mut value: u64 = 0;
        if whole <= 19 {
            value = short_digits(body);
        } else {
            for &digit in body {
                match value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u64::from(digit - b'0')))
                {
                    Some(next) => value = next,
                    None => return serde_json::from_str(text).ok().map(Number::Float),
                }
            }
        }
        if !negative {
            return Some(Number::Unsigned(value));
        }
        // As serde_json: -0 and what does not fit an i64 are floats.
        #[expect(clippy::cast_possible_wrap, reason = "the wrap is serde_json's test")]
        let signed = (value as i64).wrapping_neg();
        #[expect(clippy::cast_precision_loss, reason = "serde_json's conversion")]
        return Some(if signed >= 0 {
            Number::Float(-(value as f64))
        } else {
            Number::Signed(signed)
        });
    }
    // A number of at most 15 digits without exponent is its digits (exact in an f64)
    // divided by a power of ten (exact too) in serde_json, one correctly rounded operation,
    // which is what `str::parse` gives; any other number is serde_json's to compute.
    let digits = body.iter().filter(|b| b.is_ascii_digit()).count();
    let plain = body.get(whole) == Some(&b'.')
        && body.len() > whole + 1
        && body.get(whole + 1..)?.iter().all(u8::is_ascii_digit);
    if plain && digits <= 15 {
        text.parse().ok().map(Number::Float)
    } else {
        serde_json::from_str(text).ok().map(Number::Float)
    }
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader {
            text,
            at: 0,
            problem: None,
        }
    }

    fn document<T: ReadJson>(&mut self) -> Option<T> {
        let value = T::read(self)?;
        self.skip_whitespace();
        if self.at == self.text.len() {
            Some(value)
        } else {
            self.fail_syntax("trailing characters")
        }
    }

    fn error(&mut self, kind: ErrorKind) -> Error {
        let Some(problem) = self.problem.take() else {
            return Error::new(kind, "", "malformed JSON: the document could not be read");
        };
        let mut path = String::new();
        for segment in problem.path.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Segment::Index(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
                Segment::Path(within) => {
                    if !path.is_empty() && !within.is_empty() && !within.starts_with('[') {
                        path.push('.');
                    }
                    path.push_str(within);
                }
            }
        }
        let message = if problem.syntax {
            format!("malformed JSON: {}", problem.message)
        } else {
            problem.message
        };
        Error::new(kind, path, message)
    }

    // The failures: each a generic `None` around one non-generic, out-of-line recorder,
    // so that no reader carries a copy of the error code.

    /// Stops reading for `message` (the first problem is the one reported).
    fn fail<T>(&mut self, message: String) -> Option<T> {
        self.record(message, false);
        None
    }

    fn fail_syntax<T>(&mut self, message: &str) -> Option<T> {
        self.record(message.to_owned(), true);
        None
    }

    /// serde's `invalid type` for the value here.
    fn fail_type<T>(&mut self, expected: &str) -> Option<T> {
        self.record_type(expected);
        None
    }

    #[cold]
    #[inline(never)]
    fn record(&mut self, message: String, syntax: bool) {
        let at = self.at;
        self.problem.get_or_insert_with(|| Problem {
            message,
            syntax,
            at,
            serde_at: None,
            path: Vec::new(),
        });
    }

    #[cold]
    #[inline(never)]
    fn record_serde(&mut self, error: &serde_json::Error) {
        self.record(error.to_string(), false);
    }

    /// Records an error serde makes (its wording, to the letter). The closure keeps
    /// serde's formatting out of the caller until it fails.
    #[cold]
    fn record_serde_with(&mut self, error: impl FnOnce() -> serde_json::Error) {
        self.record_serde(&error());
    }

    /// serde's error for a number an unsigned field cannot hold.
    #[cold]
    #[inline(never)]
    fn record_number(&mut self, number: Number, expected: &str) {
        let error = match number {
            Number::Float(_) => serde_json::Error::invalid_type(number.unexpected(), &expected),
            _ => serde_json::Error::invalid_value(number.unexpected(), &expected),
        };
        self.record_serde(&error);
    }

    #[cold]
    #[inline(never)]
    fn record_type(&mut self, expected: &str) {
        let error = match self.peek() {
            Some(b'"') => match self.str() {
                Some(text) => serde_json::Error::invalid_type(Unexpected::Str(&text), &expected),
                None => return,
            },
            // A literal cut short or misspelt is malformed, as serde_json reads it whole first.
            Some(b't' | b'f' | b'n')
                if ![&b"true"[..], b"false", b"null"]
                    .iter()
                    .any(|word| self.rest().starts_with(word)) =>
            {
                return self.record(String::from("expected ident"), true);
            }
            Some(b't') => serde_json::Error::invalid_type(Unexpected::Bool(true), &expected),
            Some(b'f') => serde_json::Error::invalid_type(Unexpected::Bool(false), &expected),
            Some(b'n') => serde_json::Error::invalid_type(Unexpected::Unit, &expected),
            Some(b'[') => serde_json::Error::invalid_type(Unexpected::Seq, &expected),
            Some(b'{') => serde_json::Error::invalid_type(Unexpected::Map, &expected),
            _ => match self.number_text().and_then(classify_number) {
                Some(number) => serde_json::Error::invalid_type(number.unexpected(), &expected),
                None => return self.record(String::from("expected value"), true),
            },
        };
        self.record_serde(&error);
    }

    /// The failure is at an array's first byte (here): riskgate's error paths name its
    /// first element when one starts right after the bracket.
    fn within_array_start(&mut self) {
        let rest = self.rest();
        if rest.first() == Some(&b'[')
            && rest.get(1).is_some_and(|b| {
                !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | b':')
            })
        {
            self.within(Segment::Index(0));
        }
    }

    /// The value that failed was under `segment`.
    #[cold]
    fn within(&mut self, segment: Segment) {
        if let Some(problem) = &mut self.problem {
            problem.path.push(segment);
        }
    }

    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    fn skip_whitespace(&mut self) {
        // Compact JSON has no whitespace: a byte above the space ends it at once (this test
        // before the count is ~4% of a typical decision's instructions natively).
        if self.rest().first().is_some_and(|&b| b > b' ') {
            return;
        }
        let skip = self
            .rest()
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        self.at += skip;
    }

    /// The next byte that is not whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        let next = self.rest().first().copied();
        if next.is_some_and(|b| b > b' ') {
            return next;
        }
        self.skip_whitespace();
        self.rest().first().copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        if self.peek()? == byte {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    /// `null`, consumed; false (nothing consumed) for anything else. Not inlined: every
    /// optional field's reader calls it (a copy in each was ~7 KB of the package's wasm).
    #[inline(never)]
    fn null(&mut self) -> bool {
        let found = self.peek() == Some(b'n') && self.rest().starts_with(b"null");
        if found {
            self.at += 4;
        }
        found
    }

    /// A string: borrowed from the text when it has no escapes (the common case), decoded
    /// by serde_json otherwise. Control characters are malformed JSON.
    fn str(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = self.rest();
        let len = crate::json::next_escape(rest, 0)?;
        if rest.get(len) == Some(&b'"') {
            self.at += len + 1;
            return self.text.get(start..start + len).map(Cow::Borrowed);
        }
        self.escaped_str(start, len)
    }

    /// The rest of [`Reader::str`] for a string with escapes (or malformed), from its
    /// first byte `start` and the `len` bytes before its first escape: a function of its
    /// own, so that a plain string does not pay this path's stack frame.
    #[cold]
    #[inline(never)]
    fn escaped_str(&mut self, start: usize, len: usize) -> Option<Cow<'a, str>> {
        let rest = self.rest();
        let mut end = len;
        loop {
            match rest.get(end)? {
                b'\\' => end += 2,
                b'"' => break,
                _ => end += 1,
            }
        }
        let quoted = self.text.get(start - 1..start + end + 1)?;
        match serde_json::from_str::<String>(quoted) {
            Ok(text) => {
                self.at = start + end + 1;
                Some(Cow::Owned(text))
            }
            Err(_) => self.fail_syntax("invalid escape or control character in a string"),
        }
    }

    /// A value serde ignores (a key a struct does not know), read for its syntax alone.
    fn skip_value(&mut self) -> Option<()> {
        self.value_text(true).map(drop)
    }

    /// The text of the value here, consumed. serde_json's own reader finds where it ends,
    /// so what it takes, and what it calls malformed, is serde's. serde_json words some
    /// errors differently in a value it skips (`ignored`) than in one it reads: only for
    /// those is its word here final.
    fn value_text(&mut self, ignored: bool) -> Option<&'a str> {
        self.skip_whitespace();
        let rest = self.text.get(self.at..)?;
        let mut values =
            serde_json::Deserializer::from_str(rest).into_iter::<serde::de::IgnoredAny>();
        match values.next() {
            Some(Ok(_)) => {
                let len = values.byte_offset();
                self.at += len;
                rest.get(..len)
            }
            Some(Err(e)) => {
                let serde_at = self.at + crate::error::byte_offset(rest, e.line(), e.column());
                self.record(crate::error::message_without_position(&e), true);
                if ignored && let Some(problem) = &mut self.problem {
                    problem.serde_at = Some(serde_at);
                }
                None
            }
            None => self.fail_syntax("EOF while parsing a value"),
        }
    }

    /// A string value, for a field that expects one (`expected`, as serde words it).
    fn string(&mut self, expected: &str) -> Option<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return self.fail_type(expected);
        }
        self.str()
    }

    /// A string value parsed by `str::parse`, its error in chrono's words (serde's custom
    /// error is the parse error's text).
    fn parsed<T: std::str::FromStr<Err = chrono::ParseError>>(
        &mut self,
        expected: &str,
    ) -> Option<T> {
        let text = self.string(expected)?;
        match text.parse() {
            Ok(value) => Some(value),
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// The unsigned integer of at most 19 digits here and its length, when nothing after
    /// its digits continues the number (most numbers of a request: counts, tiers,
    /// percentages): read in one pass, as [`classify_number`] reads it.
    fn small_unsigned(&mut self) -> Option<(u64, usize)> {
        self.skip_whitespace();
        let rest = self.rest();
        let digits = rest
            .iter()
            .take(20)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let continues = |b: &u8| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E');
        if digits == 0
            || digits > 19
            || (digits > 1 && rest.first() == Some(&b'0'))
            || rest.get(digits).is_some_and(continues)
        {
            return None;
        }
        Some((short_digits(rest.get(..digits)?), digits))
    }

    /// The text of the number here (its bytes), not consumed.
    fn number_text(&mut self) -> Option<&'a str> {
        self.skip_whitespace();
        let len = self
            .rest()
            .iter()
            .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .count();
        if len == 0 {
            return None;
        }
        self.text.get(self.at..self.at + len)
    }

    /// A number, for a field of numeric type `expected`.
    fn number(&mut self, expected: &str) -> Option<Number> {
        if let Some((value, len)) = self.small_unsigned() {
            self.at += len;
            return Some(Number::Unsigned(value));
        }
        let Some(text) = self.number_text() else {
            return self.fail_type(expected);
        };
        let Some(number) = classify_number(text) else {
            return self.fail_syntax("invalid number");
        };
        self.at += text.len();
        Some(number)
    }

    /// An object: `member` is called with each key, the reader at its value.
    fn object(&mut self, member: &mut dyn FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            if self.peek()? != b'"' {
                return self.fail_syntax("key must be a string");
            }
            let key = self.str()?;
            if self.eat(b':').is_none() {
                return self.fail_syntax("expected `:`");
            }
            if member(self, &key).is_none() {
                self.within(Segment::Key(key.into_owned()));
                return None;
            }
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Some(());
                }
                _ => return self.fail_syntax("expected `,` or `}`"),
            }
        }
    }

    /// The next element of an array whose `index`th element is due: true when there is
    /// one (the reader at it), false at the end (consumed).
    fn next_element(&mut self, index: usize) -> Option<bool> {
        match self.peek() {
            Some(b']') => {
                self.at += 1;
                Some(false)
            }
            Some(b',') if index > 0 => {
                self.at += 1;
                if self.peek() == Some(b']') {
                    return self.fail_syntax("trailing comma");
                }
                Some(true)
            }
            Some(_) if index == 0 => Some(true),
            _ => self.fail_syntax("expected `,` or `]`"),
        }
    }

    /// An array: `item` is called with the reader at each element.
    fn array(&mut self, item: &mut dyn FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        let mut index = 0;
        while self.next_element(index)? {
            if item(self).is_none() {
                self.within(Segment::Index(index));
                return None;
            }
            index += 1;
        }
        Some(())
    }

    /// A struct's fields, from an object by name, or, as serde_json also reads a struct,
    /// from an array in declaration order. `member` reads the field of a name (refusing
    /// unknown ones); `required` tells, in declaration order, which fields serde requires.
    fn struct_fields(
        &mut self,
        expected: &'static str,
        fields: &'static [&'static str],
        required: &'static [bool],
        member: &mut dyn FnMut(&mut Self, &str) -> Option<()>,
    ) -> Option<()> {
        match self.peek() {
            Some(b'{') => self.object(member),
            Some(b'[') => {
                self.at += 1;
                let mut index = 0;
                while index < fields.len() && self.next_element(index)? {
                    let name = fields.get(index).copied().unwrap_or_default();
                    if member(self, name).is_none() {
                        self.within(Segment::Index(index));
                        return None;
                    }
                    index += 1;
                }
                if let Some(short) = (index..fields.len()).find(|&i| required.get(i) == Some(&true))
                {
                    self.record_serde_with(|| {
                        let expected = format!("{expected} with {} elements", fields.len());
                        serde_json::Error::invalid_length(short, &expected.as_str())
                    });
                    return None;
                }
                if index == fields.len() && self.next_element(index)? {
                    // serde_json stops just after the extra element's first byte: inside it
                    // when it is an array, which riskgate's error paths then step into.
                    let fail = self.fail_syntax("trailing characters");
                    self.within_array_start();
                    self.within(Segment::Index(index));
                    return fail;
                }
                Some(())
            }
            _ => self.fail_type(expected),
        }
    }

    /// The name of an enum's variant, as serde_json reads a unit variant: a string, or an
    /// object of one member whose value is `null` (`true`: that form, whose rest
    /// [`Reader::variant_end`] reads). Not generic, so each enum's reader is a name match.
    fn variant_name(&mut self) -> Option<(Cow<'a, str>, bool)> {
        match self.peek() {
            Some(b'"') => Some((self.str()?, false)),
            Some(b'{') => {
                self.at += 1;
                if self.peek() != Some(b'"') {
                    return self.fail_syntax("expected value");
                }
                Some((self.str()?, true))
            }
            Some(b'[') => {
                // serde_json stops just inside the array, which riskgate's error paths read
                // as its first element when one starts there.
                let fail = self.fail_syntax("expected value");
                self.within_array_start();
                fail
            }
            _ => self.fail_syntax("expected value"),
        }
    }

    /// After the variant `name` (`known`: a variant of the enum): in the object form, the
    /// rest of `{"name": null}`; a failure there is under the name.
    fn variant_end(&mut self, name: Cow<'a, str>, object_form: bool, known: bool) -> Option<()> {
        if !object_form {
            return known.then_some(());
        }
        let rest = if known {
            self.unit_variant_rest()
        } else {
            None
        };
        if rest.is_none() {
            self.within(Segment::Key(name.into_owned()));
        }
        rest
    }

    /// `: null }`, after the name of a variant in the object form.
    fn unit_variant_rest(&mut self) -> Option<()> {
        if self.eat(b':').is_none() {
            return self.fail_syntax("expected `:`");
        }
        if !self.null() {
            return self.fail_type("unit");
        }
        if self.eat(b'}').is_none() {
            return self.fail_syntax("expected value");
        }
        Some(())
    }
}

/// One field of a struct: serde refuses a field given twice.
#[inline(never)]
fn field<T: ReadJson>(
    reader: &mut Reader<'_>,
    slot: &mut Option<T>,
    name: &'static str,
) -> Option<()> {
    if slot.is_some() {
        return duplicate_field(reader, name);
    }
    *slot = Some(T::read(reader)?);
    Some(())
}

/// serde's error for a field given twice: not generic, so not one copy per field type.
#[cold]
#[inline(never)]
fn duplicate_field(reader: &mut Reader<'_>, name: &'static str) -> Option<()> {
    reader.record_serde_with(|| serde_json::Error::duplicate_field(name));
    None
}

impl ReadJson for bool {
    const EXPECTED: &'static str = "a boolean";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.skip_whitespace();
        if reader.rest().starts_with(b"true") {
            reader.at += 4;
            Some(true)
        } else if reader.rest().starts_with(b"false") {
            reader.at += 5;
            Some(false)
        } else {
            reader.fail_type(Self::EXPECTED)
        }
    }
}

macro_rules! read_unsigned {
    ($($ty:ty),*) => {$(
        impl ReadJson for $ty {
            const EXPECTED: &'static str = stringify!($ty);
            fn read(reader: &mut Reader<'_>) -> Option<Self> {
                let number = reader.number(Self::EXPECTED)?;
                if let Number::Unsigned(n) = number
                    && let Ok(value) = <$ty>::try_from(n)
                {
                    return Some(value);
                }
                reader.record_number(number, Self::EXPECTED);
                None
            }
        }
    )*};
}
read_unsigned!(u8, u32, u64, usize);

/// serde's `i64`: an integer of either sign that fits (`invalid value` for a larger unsigned
/// one), never a float (serde_json reads `-0` and the integers below `i64::MIN` as floats).
impl ReadJson for i64 {
    const EXPECTED: &'static str = "i64";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        let number = reader.number(Self::EXPECTED)?;
        match number {
            Number::Signed(n) => return Some(n),
            Number::Unsigned(n) => {
                if let Ok(value) = i64::try_from(n) {
                    return Some(value);
                }
            }
            Number::Float(_) => {}
        }
        reader.record_number(number, Self::EXPECTED);
        None
    }
}

/// A field given, whatever its value (`null` too): `read_struct!`'s `= present`.
struct Present<T>(T);

impl<T: ReadJson> ReadJson for Present<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        T::read(reader).map(Present)
    }
}

/// A ledger entry (a decision's `ledgerEntry`) is read by serde's own reader, which the
/// ledger keeps for its lines anyway: the entry is tagged by `kind`, which serde finds
/// anywhere in the object.
impl ReadJson for crate::ledger::Entry {
    const EXPECTED: &'static str = "internally tagged enum Entry";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        let text = reader.value_text(false)?;
        match crate::error::from_json_fragment(text, ErrorKind::InvalidRequest) {
            Ok(entry) => Some(entry),
            // What serde_json's skipper takes but its reader calls malformed (`1e400`):
            // malformed, for the whole document's reading to place.
            Err(e) => match e.message().strip_prefix("malformed JSON: ") {
                Some(message) => reader.fail_syntax(message),
                None => {
                    reader.record(e.message().to_owned(), false);
                    reader.within(Segment::Path(e.path().to_owned()));
                    None
                }
            },
        }
    }
}

impl ReadJson for f64 {
    const EXPECTED: &'static str = "f64";
    #[expect(
        clippy::cast_precision_loss,
        reason = "serde's conversion of integers to f64"
    )]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        Some(match reader.number(Self::EXPECTED)? {
            Number::Unsigned(n) => n as f64,
            Number::Signed(n) => n as f64,
            Number::Float(f) => f,
        })
    }
}

impl ReadJson for String {
    const EXPECTED: &'static str = "a string";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.string(Self::EXPECTED).map(Cow::into_owned)
    }
}

impl ReadJson for Arc<str> {
    const EXPECTED: &'static str = "a string";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.string(Self::EXPECTED).map(|text| Arc::from(&*text))
    }
}

/// chrono reads both from a string with `str::parse`, as here.
impl ReadJson for DateTime<FixedOffset> {
    const EXPECTED: &'static str = "an RFC 3339 formatted date and time string";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.parsed(Self::EXPECTED)
    }
}

impl ReadJson for NaiveDate {
    const EXPECTED: &'static str = "a formatted date string";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.parsed(Self::EXPECTED)
    }
}

impl<T: ReadJson> ReadJson for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        if reader.null() {
            Some(None)
        } else {
            T::read(reader).map(Some)
        }
    }
}

impl<T: ReadJson> ReadJson for Vec<T> {
    const EXPECTED: &'static str = "a sequence";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        if reader.peek() != Some(b'[') {
            return reader.fail_type(Self::EXPECTED);
        }
        let mut items = Vec::new();
        reader.array(&mut |reader| {
            items.push(T::read(reader)?);
            Some(())
        })?;
        Some(items)
    }
}

/// As serde's (feature `rc`): the sequence read as a `Vec`, then shared.
impl<T: ReadJson> ReadJson for std::sync::Arc<[T]> {
    const EXPECTED: &'static str = <Vec<T> as ReadJson>::EXPECTED;
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        Vec::<T>::read(reader).map(Self::from)
    }
}

impl ReadKey for String {
    fn from_key(_: &mut Reader<'_>, key: &str) -> Option<Self> {
        Some(key.to_owned())
    }
}

/// serde_json reads an integer key as the number its text spells.
impl ReadKey for u8 {
    fn from_key(reader: &mut Reader<'_>, key: &str) -> Option<Self> {
        if !matches!(key.as_bytes().first(), Some(b'0'..=b'9' | b'-')) {
            return reader.fail_syntax("invalid value: expected key to be a number in quotes");
        }
        // Like serde_json's map key reader: the number at the start of the key goes to the
        // visitor, and only then must the key end.
        let Some(len) = number_prefix(key) else {
            return reader.fail_syntax("invalid number");
        };
        let Some(number) = key.get(..len).and_then(classify_number) else {
            return reader.fail_syntax("number out of range");
        };
        if let Number::Unsigned(n) = number
            && let Ok(value) = u8::try_from(n)
        {
            if len == key.len() {
                return Some(value);
            }
            return reader.fail_syntax("expected `\"`");
        }
        reader.record_number(number, <u8 as ReadJson>::EXPECTED);
        None
    }
}

/// Like serde's: a repeated key replaces the value and keeps its first place.
impl<K: ReadKey + Hash + Eq, V: ReadJson> ReadJson for IndexMap<K, V> {
    const EXPECTED: &'static str = "a map";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        if reader.peek() != Some(b'{') {
            return reader.fail_type(Self::EXPECTED);
        }
        let mut map = IndexMap::new();
        reader.object(&mut |reader, key| {
            let key = K::from_key(reader, key)?;
            map.insert(key, V::read(reader)?);
            Some(())
        })?;
        Some(map)
    }
}

impl<K: ReadKey + Ord, V: ReadJson> ReadJson for BTreeMap<K, V> {
    const EXPECTED: &'static str = "a map";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        if reader.peek() != Some(b'{') {
            return reader.fail_type(Self::EXPECTED);
        }
        let mut map = BTreeMap::new();
        reader.object(&mut |reader, key| {
            let key = K::from_key(reader, key)?;
            map.insert(key, V::read(reader)?);
            Some(())
        })?;
        Some(map)
    }
}

/// A value serde reads as it is (`serde_json::Value`): serde's to read.
impl ReadJson for serde_json::Value {
    const EXPECTED: &'static str = "any valid JSON value";
    fn read(_: &mut Reader<'_>) -> Option<Self> {
        None
    }
}

/// The ledger of a request: as JSON Lines text (an array of entries is serde's to read).
impl ReadJson for crate::ledger::LedgerInput {
    const EXPECTED: &'static str = "a string";
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        if reader.peek() != Some(b'"') {
            return None;
        }
        String::read(reader).map(Self::Text)
    }
}

/// `read_struct!(Type { field: "jsonName", other: "other" = default })`: a struct read as
/// serde's derived reader reads it, with exactly these fields in declaration order;
/// `= default` for the fields with `#[serde(default)]`, `= option` for an `Option` field
/// without it (missing is `None` in an object, but the array form requires it), `= present`
/// for an `Option<Option<T>>` read with `crate::ledger::present` (absent is `None`, `null`
/// is `Some(None)`). `read_struct!(Type, ignoring_unknown_fields { … })` for a struct
/// without `#[serde(deny_unknown_fields)]`. Like serde_json, it also takes the fields' values as an array in
/// declaration order.
macro_rules! read_struct {
    (@pattern $field:ident) => { Some($field) };
    (@pattern $field:ident default) => { $field };
    (@pattern $field:ident option) => { $field };
    (@value $field:ident) => { $field };
    (@value $field:ident default) => { $field.unwrap_or_default() };
    (@value $field:ident option) => { $field.unwrap_or_default() };
    (@absent $field:ident $json:literal) => { if $field.is_none() { Some($json) } else { None } };
    (@absent $field:ident $json:literal default) => { None::<&str> };
    (@absent $field:ident $json:literal option) => { None::<&str> };
    (@pattern $field:ident present) => { $field };
    (@value $field:ident present) => { $field.map(|present: Present<_>| present.0) };
    (@absent $field:ident $json:literal present) => { None::<&str> };
    (@required) => { true };
    (@required default) => { false };
    (@required present) => { false };
    // An `Option` field without `#[serde(default)]`: `None` when missing from an object,
    // but required in the array form (serde's `visit_seq`).
    (@required option) => { true };
    // A key that is not a field: serde's `unknown field` (`deny_unknown_fields`), or its
    // value skipped (serde's default; its syntax is still checked).
    (@unknown deny $reader:ident $key:ident) => {{
        $reader.record_serde_with(|| serde_json::Error::unknown_field($key, FIELDS));
        None
    }};
    (@unknown ignore $reader:ident $key:ident) => { $reader.skip_value() };
    ($ty:ident { $($body:tt)* }) => { read_struct!(@struct deny $ty { $($body)* }); };
    ($ty:ident, ignoring_unknown_fields { $($body:tt)* }) => {
        read_struct!(@struct ignore $ty { $($body)* });
    };
    (@struct $unknown:ident $ty:ident { $($field:ident : $json:literal $(= $default:ident)?),* $(,)? }) => {
        impl ReadJson for $ty {
            const EXPECTED: &'static str = concat!("struct ", stringify!($ty));
            fn read(reader: &mut Reader<'_>) -> Option<Self> {
                const FIELDS: &[&str] = &[$($json),*];
                const REQUIRED: &[bool] = &[$(read_struct!(@required $($default)?)),*];
                $(let mut $field = None;)*
                reader.struct_fields(Self::EXPECTED, FIELDS, REQUIRED, &mut |reader, key| match key {
                    $($json => field(reader, &mut $field, $json),)*
                    _ => read_struct!(@unknown $unknown reader key),
                })?;
                let missing: Option<&'static str> = None
                    $(.or(read_struct!(@absent $field $json $($default)?)))*;
                if let Some(name) = missing {
                    reader.record_serde_with(|| serde_json::Error::missing_field(name));
                    return None;
                }
                #[allow(unreachable_patterns, reason = "when every field has a default")]
                match ($($field,)*) {
                    ($(read_struct!(@pattern $field $($default)?),)*) => {
                        Some(Self { $($field: read_struct!(@value $field $($default)?),)* })
                    }
                    _ => None,
                }
            }
        }
    };
}

/// `read_enum!(Type { "json" => Variant, … })`: a unit enum read from its name, as a value
/// or as a map key.
macro_rules! read_enum {
    ($ty:ident { $($json:literal => $variant:ident),* $(,)? }) => {
        impl ReadKey for $ty {
            fn from_key(reader: &mut Reader<'_>, key: &str) -> Option<Self> {
                match key {
                    $($json => Some(<$ty>::$variant),)*
                    _ => {
                        reader.record_serde_with(|| serde_json::Error::unknown_variant(key, &[$($json),*]));
                        None
                    }
                }
            }
        }
        impl ReadJson for $ty {
            const EXPECTED: &'static str = concat!("enum ", stringify!($ty));
            fn read(reader: &mut Reader<'_>) -> Option<Self> {
                let (name, object_form) = reader.variant_name()?;
                let value = Self::from_key(reader, &name);
                reader.variant_end(name, object_form, value.is_some())?;
                value
            }
        }
    };
}

mod request {
    use super::*;
    use crate::request::*;

    read_struct!(Request {
        service: "service",
        change: "change",
        context: "context" = default,
        budget: "budget" = default,
        exception: "exception" = default,
        now: "now" = default,
        policy: "policy" = default,
        ledger: "ledger" = default,
        error_budget: "errorBudget" = default,
        readiness: "readiness" = default,
        pipeline: "pipeline" = default,
        prerequisites: "prerequisites" = default,
    });
    read_struct!(Service {
        name: "name",
        tier: "tier",
        class: "class" = default
    });
    read_struct!(Change {
        id: "id",
        title: "title" = default,
        release_type: "releaseType" = default,
        files: "files" = default,
        categories: "categories" = default,
        mitigations: "mitigations" = default,
        customer_impacting: "customerImpacting" = default,
        risk_level: "riskLevel" = default,
        has_tests: "hasTests" = default,
        has_rollback_plan: "hasRollbackPlan" = default,
        nature: "nature" = default,
        users_affected: "usersAffected" = default,
    });
    read_enum!(ReleaseType {
        "feature" => Feature,
        "bugfix" => Bugfix,
        "incident_fix" => IncidentFix,
        "security_fix" => SecurityFix,
        "critical_security_fix" => CriticalSecurityFix,
        "slo_improvement" => SloImprovement,
        "rollback" => Rollback,
        "chore" => Chore,
    });
    read_struct!(FileChange {
        path: "path",
        status: "status" = default,
        old_path: "oldPath" = default,
        additions: "additions" = default,
        deletions: "deletions" = default,
    });
    read_enum!(FileStatus {
        "added" => Added,
        "modified" => Modified,
        "deleted" => Deleted,
        "renamed" => Renamed,
        "copied" => Copied,
        "type_changed" => TypeChanged,
    });
    read_struct!(Context {
        active_incident: "activeIncident" = default,
        recent_sev12: "recentSev12" = default,
        error_budget_remaining_pct: "errorBudgetRemainingPct" = default,
        on_call_load_high: "onCallLoadHigh" = default,
        restricted_window: "restrictedWindow" = default,
    });
    read_struct!(BudgetSnapshot {
        allocated: "allocated" = default,
        consumed: "consumed" = default,
        exceptions_this_window: "exceptionsThisWindow" = default,
    });
    read_struct!(ExceptionRequest {
        reason: "reason",
        rationale: "rationale" = default,
        approvers: "approvers" = default,
    });
    read_struct!(Approver {
        name: "name",
        role: "role"
    });
}

mod policy {
    use super::*;
    use crate::budget::BudgetStatus;
    use crate::gate::GateLevel;
    use crate::policy::*;

    read_struct!(Policy {
        version: "version",
        name: "name",
        description: "description" = default,
        tiers: "tiers",
        match_case: "matchCase",
        fallback_category: "fallbackCategory",
        categories: "categories",
        context: "context",
        mitigations: "mitigations",
        minimum_score: "minimumScore",
        gates: "gates",
        budget: "budget",
        modifiers: "modifiers",
        blockers: "blockers",
        break_glass: "breakGlass",
        ledger: "ledger",
        error_budget_gate: "errorBudgetGate" = default,
        readiness: "readiness" = default,
        pipeline: "pipeline" = default,
        rollout: "rollout" = default,
    });
    read_struct!(TierRule {
        label: "label",
        base: "base",
        monthly_budget: "monthlyBudget"
    });
    read_struct!(CategoryRule {
        label: "label",
        points: "points",
        high_risk: "highRisk",
        include: "include" = default,
        exclude: "exclude" = default,
    });
    read_struct!(ContextFactor {
        label: "label",
        points: "points"
    });
    read_struct!(ErrorBudgetFactor {
        label: "label",
        points: "points",
        below_pct: "belowPct"
    });
    read_struct!(ContextRules {
        incident: "incident",
        error_budget_low: "errorBudgetLow",
        on_call_load_high: "onCallLoadHigh",
        restricted_window: "restrictedWindow",
    });
    read_struct!(MitigationRule {
        label: "label",
        points: "points"
    });
    read_struct!(GateThresholds {
        g1: "G1",
        g2: "G2",
        g3: "G3",
        g4: "G4"
    });
    read_struct!(GateRules {
        docs_only_categories: "docsOnlyCategories",
        thresholds: "thresholds",
        requirements: "requirements",
    });
    read_struct!(RequirementRule {
        id: "id",
        level: "level",
        text: "text",
        when: "when" = default,
    });
    read_struct!(Condition {
        budget_status: "budgetStatus" = default,
        exceptions_at_least: "exceptionsAtLeast" = default,
        categories_any: "categoriesAny" = default,
        customer_impacting: "customerImpacting" = default,
        release_types: "releaseTypes" = default,
    });
    read_struct!(BudgetRules {
        yellow_below_pct: "yellowBelowPct",
        red_below_pct: "redBelowPct"
    });
    read_struct!(Modifier {
        id: "id",
        reason: "reason",
        explanation: "explanation" = default,
        when: "when",
        from_level: "fromLevel",
        raise: "raise",
    });
    read_struct!(BlockerRules {
        budget_red_high_risk: "budgetRedHighRisk" = default,
        budget_exhausted: "budgetExhausted" = default,
        incident_freeze: "incidentFreeze" = default,
    });
    read_struct!(HighRiskFreeze {
        budget_status: "budgetStatus",
        message: "message"
    });
    read_struct!(ExhaustedFreeze {
        budget_status: "budgetStatus",
        allowed_release_types: "allowedReleaseTypes",
        message: "message",
    });
    read_struct!(IncidentFreeze {
        error_budget_below_pct: "errorBudgetBelowPct",
        blocked_release_types: "blockedReleaseTypes",
        message: "message",
    });
    read_struct!(BreakGlassRules {
        reasons: "reasons",
        required_roles: "requiredRoles",
        customer_impacting_roles: "customerImpactingRoles",
        penalty_pct: "penaltyPct",
        follow_up_business_days: "followUpBusinessDays",
    });
    read_enum!(GateLevel { "G0" => G0, "G1" => G1, "G2" => G2, "G3" => G3, "G4" => G4 });
    read_enum!(BudgetStatus {
        "green" => Green,
        "yellow" => Yellow,
        "red" => Red,
        "exhausted" => Exhausted,
    });
}

mod ledger {
    use super::*;
    use crate::ledger::*;

    read_struct!(LedgerRules {
        window: "window",
        utc_offset: "utcOffset",
        sprint: "sprint" = default,
        days_per_month: "daysPerMonth",
        earned_capacity: "earnedCapacity",
        mttr_targets_minutes: "mttrTargetsMinutes",
        recent_incident_days: "recentIncidentDays",
        incident_lookback_days: "incidentLookbackDays",
        diff_size_buckets: "diffSizeBuckets",
        burn_down: "burnDown",
    });
    read_struct!(SprintRule {
        start: "start",
        days: "days"
    });
    read_struct!(EarnedCapacityRule {
        pct: "pct",
        windows: "windows"
    });
    read_enum!(Granularity { "day" => Day, "week" => Week });
    read_enum!(WindowKind { "monthly" => Monthly, "sprint" => Sprint });
    read_enum!(Severity { "sev1" => Sev1, "sev2" => Sev2, "sev3" => Sev3, "sev4" => Sev4 });
}

mod error_budget {
    use super::*;
    use crate::error_budget::*;

    read_enum!(ErrorBudgetStatus {
        "healthy" => Healthy,
        "attention" => Attention,
        "warning" => Warning,
        "critical" => Critical,
        "exhausted" => Exhausted,
    });
    read_enum!(RiskLevel { "low" => Low, "medium" => Medium, "high" => High });
    read_struct!(ErrorBudgetInput {
        slo_target: "sloTarget" = default,
        window_days: "windowDays" = default,
        elapsed_days: "elapsedDays" = default,
        total_events: "totalEvents" = default,
        bad_events: "badEvents" = default,
        remaining_pct: "remainingPct" = default,
        burn_rate: "burnRate" = default,
        status: "status" = default,
    });
    read_struct!(ErrorBudgetGatePolicy {
        blocking: "blocking",
        bands: "bands",
        critical_burn_rate: "criticalBurnRate",
        gates: "gates",
        exception_release_types: "exceptionReleaseTypes",
        escalation: "escalation",
    });
    read_struct!(ErrorBudgetBands {
        healthy: "healthy",
        attention: "attention",
        warning: "warning"
    });
    read_struct!(StatusGate {
        min_budget_pct: "minBudgetPct",
        max_burn_rate: "maxBurnRate" = option,
        allowed_risk_levels: "allowedRiskLevels",
    });
    read_struct!(Escalation {
        id: "id",
        at_or_below_pct: "atOrBelowPct",
        notify: "notify",
        action: "action",
    });
}

mod readiness {
    use super::*;
    use crate::readiness::*;

    read_struct!(ReadinessPolicy {
        blocking: "blocking",
        groups: "groups"
    });
    read_struct!(ReadinessGroup {
        id: "id",
        title: "title",
        gates: "gates"
    });
    read_struct!(ReadinessGateRule {
        id: "id",
        title: "title",
        evidence: "evidence",
        mandatory: "mandatory",
        condition: "condition" = default,
    });
    read_enum!(GateStatus { "green" => Green, "red" => Red, "unknown" => Unknown });
    read_struct!(ReadinessInput {
        gates: "gates" = default,
        conditions: "conditions" = default,
        unresolved_sev12: "unresolvedSev12" = default,
    });
    read_struct!(GateReport {
        status: "status",
        evidence: "evidence" = default
    });
}

mod pipeline {
    use super::*;
    use crate::pipeline::*;

    read_struct!(PipelinePolicy {
        blocking: "blocking",
        error_budget_modes: "errorBudgetModes",
        deployment_strategies: "deploymentStrategies",
    });
    read_struct!(ErrorBudgetMode {
        id: "id",
        label: "label",
        min_pct: "minPct" = option,
        exclusive: "exclusive" = default,
        allowed_release_types: "allowedReleaseTypes" = option,
        required_approvals: "requiredApprovals" = default,
        requirements: "requirements" = default,
    });
    read_struct!(DeploymentStrategyRule {
        service_class: "serviceClass",
        strategy: "strategy",
        label: "label",
        use_case: "useCase",
    });
    read_enum!(ServiceClass {
        "critical_path" => CriticalPath,
        "supporting" => Supporting,
        "stateful" => Stateful,
        "internal_tool" => InternalTool,
        "gradual_feature" => GradualFeature,
    });
    read_enum!(StageResult { "passed" => Passed, "failed" => Failed, "pending" => Pending });
    read_struct!(PipelineInput {
        build: "build" = default,
        quality: "quality" = default,
        security: "security" = default,
        approvals: "approvals" = default,
    });
}

mod rollout {
    use super::*;
    use crate::rollout::*;

    read_enum!(RolloutRisk {
        "LOW" => Low,
        "MEDIUM" => Medium,
        "HIGH" => High,
        "CRITICAL" => Critical,
    });
    read_enum!(RiskSource { "stricter" => Stricter, "matrix" => Matrix });
    read_enum!(Strategy {
        "immediate" => Immediate,
        "canary" => Canary,
        "feature_flag" => FeatureFlag,
        "blue_green" => BlueGreen,
    });
    read_enum!(ChangeNature { "config" => Config, "logic" => Logic, "feature" => Feature });
    read_struct!(Prerequisites {
        qa_gate_passed: "qaGatePassed" = default,
        security_gate_passed: "securityGatePassed" = default,
        tests_passing: "testsPassing" = default,
        branch_ahead_of_main: "branchAheadOfMain" = default,
    });
    read_struct!(RolloutPolicy {
        enforce_prerequisites: "enforcePrerequisites",
        risk_source: "riskSource",
        critical_categories: "criticalCategories",
        config_extensions: "configExtensions",
        low_max_files: "lowMaxFiles",
        medium_max_files: "mediumMaxFiles",
        users_threshold: "usersThreshold",
        strategy_by_risk: "strategyByRisk",
        strategies: "strategies",
        monitoring: "monitoring",
        monitoring_by_category: "monitoringByCategory" = default,
    });
    read_struct!(StrategyRule {
        label: "label",
        when_to_use: "whenToUse",
        how: "how",
        phases: "phases",
        rollback_method: "rollbackMethod",
        rollback_steps: "rollbackSteps",
        estimated_rollback_minutes: "estimatedRollbackMinutes",
        rollback_triggers: "rollbackTriggers",
        human_supervision: "humanSupervision" = default,
    });
    read_struct!(Phase {
        name: "name",
        traffic_pct: "trafficPct",
        duration_minutes: "durationMinutes",
        proceed_if: "proceedIf",
    });
}

mod decision;
