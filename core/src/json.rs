//! Compact JSON output: byte for byte what `serde_json::to_string` writes, faster.
//!
//! A decision is ~17 KB of mostly short strings (paths, labels, check texts). serde_json
//! tests each string byte against its escape table and writes through `io::Write`; in wasm
//! that scan alone was a sixth of a typical evaluation in Node. This serializer tests eight
//! bytes at a time for one to escape and appends to a `String` directly. It follows
//! serde_json's rules for everything else too (map keys, floats, errors and their
//! messages); `tests/json_output.rs` compares both on every vector's answers and on random
//! values of every shape of the serde data model. Every compact JSON riskgate writes goes
//! through here, so serde_json's own serializer is not compiled in twice for each type.
//!
//! The API's answers (a decision, an error, every other answer) are written in ASCII
//! ([`to_ascii_string`]): serde_json's text with each non-ASCII character as a `\uxxxx`
//! escape, the same JSON value. Ledger lines keep serde_json's UTF-8 text exactly
//! ([`to_string`]), since their canonical form is what the hash chain hashes.

use serde::ser::{self, Serialize};
use std::fmt;

/// `value` as compact JSON, identical to `serde_json::to_string(value)`, or the error
/// serde_json gives. `capacity`: the expected length.
pub fn to_string<T: Serialize + ?Sized>(value: &T, capacity: usize) -> Result<String, Error> {
    written(value, capacity, false)
}

/// Appends `value` to `out` as compact JSON, identical to `serde_json::to_string(value)`.
pub fn write<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out, ascii: false })
}

/// `value` as compact JSON in ASCII: [`to_string`]'s text with every non-ASCII character
/// written as a `\uxxxx` escape, as every answer of the API is (see [`push_str_ascii`]).
pub fn to_ascii_string<T: Serialize + ?Sized>(value: &T, capacity: usize) -> Result<String, Error> {
    written(value, capacity, true)
}

/// Appends `value` to `out` as [`to_ascii_string`] writes it.
pub fn write_ascii<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out, ascii: true })
}

/// `value` as pretty JSON, identical to `serde_json::to_string_pretty(value)`: the compact
/// text laid out again (two spaces per level, `": "` after a key, `{}` and `[]` when
/// empty). serde_json's pretty writer is generic code per type, a second copy of every
/// `Serialize` the wasm builds already have for compact JSON (~40 KB of the package's).
pub fn to_pretty_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let compact = to_string(value, 0)?;
    Ok(pretty(&compact))
}

/// The compact JSON text `compact` (as [`to_string`] writes it: no whitespace outside
/// strings) laid out as serde_json's pretty writer lays out the same value.
pub(crate) fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0_usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let bytes = compact.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                // A whole string, escapes and all, as it is: its end is the first quote
                // that no backslash escapes.
                let mut end = at + 1;
                while let Some(&b) = bytes.get(end) {
                    match b {
                        b'\\' => end += 2,
                        b'"' => break,
                        _ => end += 1,
                    }
                }
                out.push_str(compact.get(at..=end).unwrap_or_default());
                at = end + 1;
                continue;
            }
            b'{' | b'[' => {
                let close = if byte == b'{' { b'}' } else { b']' };
                if bytes.get(at + 1) == Some(&close) {
                    out.push(char::from(byte));
                    out.push(char::from(close));
                    at += 2;
                    continue;
                }
                out.push(char::from(byte));
                depth += 1;
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(char::from(byte));
            }
            b',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            b':' => out.push_str(": "),
            _ => {
                // A number or a literal: up to the next punctuation.
                let end = bytes
                    .get(at..)
                    .and_then(|rest| {
                        rest.iter()
                            .position(|b| matches!(b, b',' | b'}' | b']' | b':'))
                    })
                    .map_or(bytes.len(), |p| at + p);
                out.push_str(compact.get(at..end).unwrap_or_default());
                at = end;
                continue;
            }
        }
        at += 1;
    }
    out
}

/// `value` in a buffer of `capacity` bytes to begin with, in ASCII or not.
fn written<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
    ascii: bool,
) -> Result<String, Error> {
    let mut out = String::with_capacity(capacity);
    value.serialize(&mut Writer {
        out: &mut out,
        ascii,
    })?;
    Ok(out)
}

/// An API answer as JSON text (a failure to serialize is riskgate's own fault: internal).
pub(crate) fn answer<T: Serialize + ?Sized>(value: &T) -> Result<String, crate::Error> {
    to_ascii_string(value, 0).map_err(|e| {
        crate::Error::new(
            crate::ErrorKind::Internal,
            "",
            format!("serialization failed: {e}"),
        )
    })
}

/// Why a value cannot be written as JSON, in serde_json's words: a map key that is not a
/// string, number, boolean or character, a float key that is not finite, or the error of
/// a `Serialize` impl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

fn key_must_be_a_string() -> Error {
    Error(String::from("key must be a string"))
}

/// The ten integer methods of a `Serializer`, each handing its value to `$write`.
macro_rules! integers {
    ($write:ident) => {
        integers!($write: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32,
            serialize_i64 i64, serialize_i128 i128, serialize_u8 u8, serialize_u16 u16,
            serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);
    };
    ($write:ident: $($method:ident $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<(), Error> {
            self.$write(v)
        })*
    };
}

struct Writer<'a> {
    out: &'a mut String,
    /// Non-ASCII characters escaped ([`write_ascii`]).
    ascii: bool,
}

/// Appends `text` as a JSON string, in ASCII or not.
fn push_text(out: &mut String, text: &str, ascii: bool) {
    if ascii {
        push_str_ascii(out, text);
    } else {
        push_str(out, text);
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
/// `a` in the five high bytes: a word of at most three bytes below them tests like them.
const PAD_ABOVE_3: u64 = 0x6161_6161_6100_0000;

/// The bytes of `word` (little-endian) that JSON escapes, a control character, `"` or `\`,
/// as their high bits: a zero byte test (`x - 1` borrows into the high bit only from a zero
/// byte) on the word's XORs with the two characters, and a below-0x20 test on the word
/// itself. A borrow can flag a byte above a flagged one, never below it, so the lowest
/// set bit marks the first such byte exactly.
/// With `ASCII`, bytes above 0x7f (every byte of a non-ASCII character) too: their own
/// high bits, exact.
fn escape_mask<const ASCII: bool>(word: u64) -> u64 {
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = zero(word ^ (ONES * u64::from(b'"')));
    let backslash = zero(word ^ (ONES * u64::from(b'\\')));
    let non_ascii = if ASCII { word & HIGH } else { 0 };
    control | quote | backslash | non_ascii
}

/// True when one of the eight bytes of `word` is a byte JSON escapes.
fn any_to_escape<const ASCII: bool>(word: u64) -> bool {
    escape_mask::<ASCII>(word) != 0
}

fn is_escaped<const ASCII: bool>(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\' || (ASCII && !byte.is_ascii())
}

/// True when some byte of `bytes` is one JSON escapes. The last word overlaps the one
/// before it (copying the tail into a padded word instead stalled each test on a store
/// that the CPU could not forward to the wide load: 3/4 of the serialization time).
fn any_escaped<const ASCII: bool>(bytes: &[u8]) -> bool {
    let word = |chunk: &[u8]| {
        <[u8; 8]>::try_from(chunk).is_ok_and(|w| any_to_escape::<ASCII>(u64::from_le_bytes(w)))
    };
    let len = bytes.len();
    if len < 8 {
        // Short texts (keys, ids, enum names: most of a decision's strings) in one word
        // test too, without a loop: two overlapping halves, or every byte of three.
        let half = |at: usize| {
            bytes
                .get(at..at + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, |w| u64::from(u32::from_le_bytes(w)))
        };
        let byte = |at: usize| u64::from(bytes.get(at).copied().unwrap_or(b'a'));
        let word = match len {
            0 => return false,
            1..4 => PAD_ABOVE_3 | byte(0) | (byte(len / 2) << 8) | (byte(len - 1) << 16),
            _ => half(0) | (half(len - 4) << 32),
        };
        return any_to_escape::<ASCII>(word);
    }
    let mut chunks = bytes.chunks_exact(8);
    if chunks.any(word) {
        return true;
    }
    !chunks.remainder().is_empty()
        && bytes
            .len()
            .checked_sub(8)
            .and_then(|at| bytes.get(at..))
            .is_some_and(word)
}

/// The position of the first byte at or after `from` that JSON escapes (a string's
/// closing quote, for a reader): eight bytes per test, the first of them found from the
/// mask, then the last few bytes one by one.
pub(crate) fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    next_to_escape::<false>(bytes, from)
}

/// [`next_escape`], with `ASCII` also the first byte of a non-ASCII character.
fn next_to_escape<const ASCII: bool>(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at.wrapping_add(8)) {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?);
        let mask = escape_mask::<ASCII>(word);
        if mask != 0 {
            return Some(at + (mask.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&b| is_escaped::<ASCII>(b))
        .map(|p| at + p)
}

/// Appends `text` as a JSON string, escaped as serde_json escapes it: `\"`, `\\`, the
/// short forms of backspace, tab, newline, form feed and carriage return, `\u00xx` (lower
/// case hex) for the other control characters, everything else as it is.
pub(crate) fn push_str(out: &mut String, text: &str) {
    push_string::<false>(out, text);
}

/// [`push_str`] for an answer of the API: ASCII only, every other character as `\uxxxx`
/// (lower case hex; a surrogate pair above U+FFFF), as Python's `json.dumps` writes it.
/// The text means the same after any JSON parser, and JavaScript gets it as a one-byte
/// string: one arrow in a decision's 17 KB made V8 decode the whole answer as UTF-16
/// (`TextDecoder` 5.1 against 1.7 µs in Node).
pub(crate) fn push_str_ascii(out: &mut String, text: &str) {
    push_string::<true>(out, text);
}

fn push_string<const ASCII: bool>(out: &mut String, text: &str) {
    out.push('"');
    push_body::<ASCII>(out, text);
    out.push('"');
}

/// [`push_str_ascii`] without the quotes, for a writer that has them in the literals
/// around the text (`{"path":"` … `","status":`): two appends fewer per string.
pub(crate) fn push_str_body_ascii(out: &mut String, text: &str) {
    push_body::<true>(out, text);
}

fn push_body<const ASCII: bool>(out: &mut String, text: &str) {
    // Most texts need no escape: one test per eight bytes, then a single copy. The escaping
    // is a function of its own, so that this common path does not pay its stack frame
    // (~35 instructions a text natively, ~270 texts a decision).
    if any_escaped::<ASCII>(text.as_bytes()) {
        push_escaped::<ASCII>(out, text);
    } else {
        push_plain(out, text);
    }
}

#[cold]
#[inline(never)]
fn push_escaped<const ASCII: bool>(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hex = |out: &mut String, unit: u16| {
        out.push_str("\\u");
        for shift in [12, 8, 4, 0] {
            let digit = HEX.get(usize::from((unit >> shift) & 0xf)).copied();
            out.push(char::from(digit.unwrap_or(b'0')));
        }
    };
    let mut start = 0;
    while let Some(at) = next_to_escape::<ASCII>(bytes, start) {
        // `at` starts a character (every byte before it is ASCII or a whole character
        // already written), so both slices end on character boundaries.
        out.push_str(text.get(start..at).unwrap_or_default());
        let byte = bytes.get(at).copied().unwrap_or_default();
        start = at + 1;
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x00..0x20 => hex(out, u16::from(byte)),
            _ => {
                // `at` starts a character, so there is one; were there not, the rest is
                // copied as it is rather than lost.
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    start = at;
                    break;
                };
                for unit in c.encode_utf16(&mut [0; 2]) {
                    hex(out, *unit);
                }
                start = at + c.len_utf8();
            }
        }
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

/// Appends `text` as it is: in wasm in pieces ([`push_in_pieces`]), natively with one copy
/// (`memcpy`, which beats the pieces there: the typical decision 24.8 -> 23.4 µs).
pub(crate) fn push_plain(out: &mut String, text: &str) {
    if cfg!(target_arch = "wasm32") {
        push_in_pieces(out, text);
    } else {
        out.push_str(text);
    }
}

/// Appends `text` as it is, a short text in pieces of a fixed size (the last one
/// overlapping the one before, which the `truncate` makes room for): in wasm a copy of a
/// length known only at run time is a `memory.copy`, which V8 runs as a call of ~4.4 ns
/// whatever the length, against ~0.5 ns for a fixed eight bytes, and a decision writes
/// ~1,000 short strings and keys (evaluateJson in Node ~45.5 -> ~43 µs).
fn push_in_pieces(out: &mut String, text: &str) {
    let len = text.len();
    let start = out.len();
    let pieces = match len {
        0..4 => return out.push_str(text),
        4..8 => push_pieces::<4>(out, text),
        8..16 => push_pieces::<8>(out, text),
        16..=64 => push_pieces::<16>(out, text),
        _ => return out.push_str(text),
    };
    // A piece that did not end on a character boundary: copy the text whole instead.
    if pieces.is_none() {
        out.truncate(start);
        out.push_str(text);
    }
}

/// `text` (at least `N` bytes) as pieces of `N` bytes; `None` where a piece would split a
/// character, with `out` then left somewhere past its length before the call.
fn push_pieces<const N: usize>(out: &mut String, text: &str) -> Option<()> {
    let len = text.len();
    let start = out.len();
    let mut at = 0;
    while at + N <= len {
        out.push_str(text.get(at..at + N)?);
        at += N;
    }
    if at < len {
        // The last piece ends where the text does and overlaps what is written already.
        let from = len - N;
        let keep = start + from;
        if !out.is_char_boundary(keep) {
            return None;
        }
        out.truncate(keep);
        out.push_str(text.get(from..)?);
    }
    Some(())
}

pub(crate) fn push_integer(out: &mut String, value: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(value));
}

/// A float exactly as serde_json writes it (its shortest round-trip form, `null` when not
/// finite): floats are few in a decision, so serde_json writes each one itself.
fn push_float<F: Serialize>(out: &mut String, value: F) -> Result<(), Error> {
    out.push_str(&serde_json::to_string(&value).map_err(|e| Error(e.to_string()))?);
    Ok(())
}

/// A sequence, map or struct being written: whether a separator comes before the next item.
struct Compound<'a, 'b> {
    writer: &'a mut Writer<'b>,
    first: bool,
    /// The closing text (`]`, `}`, or `]}` / `}}` for an enum variant's contents).
    close: &'static str,
}

impl Compound<'_, '_> {
    fn separate(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.writer.out.push(',');
        }
    }

    fn key(&mut self, key: &str) {
        self.separate();
        push_text(self.writer.out, key, self.writer.ascii);
        self.writer.out.push(':');
    }
}

impl Writer<'_> {
    fn push_integer_into(&mut self, value: impl itoa::Integer) -> Result<(), Error> {
        push_integer(self.out, value);
        Ok(())
    }
}

impl<'a, 'b> Writer<'b> {
    fn open(&'a mut self, open: &str, close: &'static str) -> Compound<'a, 'b> {
        self.out.push_str(open);
        Compound {
            writer: self,
            first: true,
            close,
        }
    }

    /// `{"variant":` before an enum variant's contents.
    fn open_variant(&mut self, variant: &str) {
        self.out.push('{');
        push_text(self.out, variant, self.ascii);
        self.out.push(':');
    }
}

impl<'a, 'b> ser::Serializer for &'a mut Writer<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    integers!(push_integer_into);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        push_float(self.out, v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        push_float(self.out, v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        push_text(self.out, v.encode_utf8(&mut [0; 4]), self.ascii);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        push_text(self.out, v, self.ascii);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.open("[", "]");
        for byte in v {
            seq.separate();
            push_integer(seq.writer.out, *byte);
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        push_text(self.out, variant, self.ascii);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(self.open("[", "]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.open_variant(variant);
        Ok(self.open("[", "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Ok(self.open("{", "}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.open_variant(variant);
        Ok(self.open("{", "}}"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.writer.out.push_str(self.close);
        Ok(())
    }
}

/// Tuples, tuple structs and tuple variants are written as sequences (their closing text
/// was chosen when they were opened).
macro_rules! as_sequence {
    ($($trait:ident :: $method:ident),*) => {
        $(impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<(), Error> {
                ser::SerializeSeq::end(self)
            }
        })*
    };
}

as_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        key.serialize(MapKey {
            out: &mut *self.writer.out,
            ascii: self.writer.ascii,
        })?;
        self.writer.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

/// A map key: strings as they are, and (as serde_json quotes them) integers, booleans,
/// characters, finite floats and unit variants; any other key is an error.
struct MapKey<'a> {
    out: &'a mut String,
    ascii: bool,
}

impl MapKey<'_> {
    fn quoted_integer(self, value: impl itoa::Integer) -> Result<(), Error> {
        self.out.push('"');
        push_integer(self.out, value);
        self.out.push('"');
        Ok(())
    }

    fn quoted_float<F: Serialize>(self, value: F, finite: bool) -> Result<(), Error> {
        if !finite {
            return Err(Error(String::from(
                "float key must be finite (got NaN or +/-inf)",
            )));
        }
        self.out.push('"');
        push_float(self.out, value)?;
        self.out.push('"');
        Ok(())
    }
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        push_text(self.out, v, self.ascii);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        push_text(self.out, v.encode_utf8(&mut [0; 4]), self.ascii);
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "\"true\"" } else { "\"false\"" });
        Ok(())
    }
    integers!(quoted_integer);
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        push_text(self.out, variant, self.ascii);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.quoted_float(v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.quoted_float(v, v.is_finite())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_test_agrees_with_the_byte_test() {
        word_test_agrees::<false>();
        word_test_agrees::<true>();
    }

    fn word_test_agrees<const ASCII: bool>() {
        for byte in 0..=255_u8 {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                if let Some(b) = word.get_mut(at) {
                    *b = byte;
                }
                assert_eq!(
                    any_to_escape::<ASCII>(u64::from_le_bytes(word)),
                    is_escaped::<ASCII>(byte),
                    "byte {byte:#x} at {at}, ascii {ASCII}"
                );
            }
        }
    }

    /// Texts of every length up to 20 with a byte of every class at every position (and a
    /// second one further on) are tested as a byte loop tests them.
    #[test]
    fn the_text_test_agrees_with_the_byte_test() {
        text_test_agrees::<false>();
        text_test_agrees::<true>();
    }

    fn text_test_agrees<const ASCII: bool>() {
        let bytes_of = [b'a', b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xff];
        for len in 0..20_usize {
            for at in 0..len.max(1) {
                for &a in &bytes_of {
                    for &b in &bytes_of {
                        let mut text = vec![b'x'; len];
                        if let Some(x) = text.get_mut(at) {
                            *x = a;
                        }
                        if len > at + 1
                            && let Some(x) = text.get_mut(len - 1)
                        {
                            *x = b;
                        }
                        let expected = text.iter().any(|&b| is_escaped::<ASCII>(b));
                        assert_eq!(any_escaped::<ASCII>(&text), expected, "{text:?}");
                    }
                }
            }
        }
    }

    /// The first byte to escape is found exactly, whatever bytes follow it in its word
    /// (a borrow flags bytes above a flagged one) and wherever the search starts.
    #[test]
    fn the_first_byte_to_escape_is_found_exactly() {
        first_found_exactly::<false>();
        first_found_exactly::<true>();
    }

    fn first_found_exactly<const ASCII: bool>() {
        let bytes_of = [
            b'a', b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xff,
        ];
        for len in 0..20_usize {
            for first in 0..len {
                for &a in &bytes_of {
                    for &b in &bytes_of {
                        let mut text = vec![b'x'; len];
                        for (i, byte) in text.iter_mut().enumerate() {
                            if i == first {
                                *byte = a;
                            } else if i > first && (i - first) % 3 == 1 {
                                *byte = b;
                            }
                        }
                        for from in 0..=len {
                            let expected = text
                                .iter()
                                .skip(from)
                                .position(|&b| is_escaped::<ASCII>(b))
                                .map(|p| p + from);
                            assert_eq!(
                                next_to_escape::<ASCII>(&text, from),
                                expected,
                                "{text:?} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// Texts copied in fixed-size pieces come out whole: every length around the piece
    /// sizes, with a character of 1 to 4 bytes (and an escaped one) at every position, after
    /// text already in the buffer.
    #[test]
    fn short_texts_are_copied_whole() {
        for len in 0..=80 {
            for c in ['x', 'é', '€', '🚀', '"'] {
                for at in 0..len {
                    let text: String = (0..len)
                        .map(|i| {
                            if i == at {
                                c
                            } else {
                                char::from(b'a' + (i % 26) as u8)
                            }
                        })
                        .collect();
                    let mut out = String::from("[1,");
                    push_str(&mut out, &text);
                    let expected =
                        format!("[1,{}", serde_json::to_string(&text).unwrap_or_default());
                    assert_eq!(out, expected, "{text:?}");
                    // The wasm builds' copy, tested natively too.
                    let mut out = String::from("[1,");
                    push_in_pieces(&mut out, &text);
                    assert_eq!(out, format!("[1,{text}"), "{text:?}");
                }
            }
        }
    }
}
