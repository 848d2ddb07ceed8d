//! Globs the classifier cannot answer by shape (character classes, `?`, escapes, `**`
//! between segments) are matched here, by a small automaton over the path's bytes.
//!
//! The automaton is built from the regular expression globset translates the glob into
//! ([`globset::Glob::regex`]), so the glob language, its errors and its meaning stay
//! globset's: `?` and `[^/]` take one byte, classes are sets of bytes, `(?i)` folds ASCII
//! case only, `.` takes any byte (globset sets `dot_matches_new_line`). globset's own
//! matcher would compile that expression with regex-automata; that engine, with
//! aho-corasick and regex-syntax's compiler behind it, was a fifth of the package's wasm
//! code (and more of the worksheet's, with Unicode tables) for globs the presets never use.
//!
//! globset writes a small, fixed part of the regex language, and only that part is read
//! here: literal bytes (`\` before a meta character, `\xNN` for every byte above ASCII),
//! `.`, classes of literals and ranges (`[^...]` negated), groups `(?:a|b)`, and the
//! quantifiers `*` and `?`, between `(?-u)`, an optional `(?i)`, `^` and `$`. Anything else
//! is an error, never a guess. The answers are property-tested against globset's own
//! matcher in `tests/classify_parity.rs`.
//!
//! Matching simulates the automaton over a set of states (Thompson's construction): time
//! linear in the path for a given glob, no backtracking, whatever the glob.

/// The most states one glob's automaton may have. A glob is at most
/// [`crate::limits::MAX_GLOB_LEN`] bytes, and each byte of it makes at most a few states.
const MAX_STATES: usize = 64 * WORDS;
const WORDS: usize = 48;

/// A set of bytes, one bit per byte value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ByteSet([u64; 4]);

impl ByteSet {
    const ALL: Self = Self([u64::MAX; 4]);

    fn insert(&mut self, byte: u8) {
        if let Some(word) = self.0.get_mut(usize::from(byte / 64)) {
            *word |= 1 << (byte % 64);
        }
    }

    fn insert_range(&mut self, from: u8, to: u8) {
        for byte in from..=to {
            self.insert(byte);
        }
    }

    fn contains(&self, byte: u8) -> bool {
        self.0
            .get(usize::from(byte / 64))
            .is_some_and(|word| word & (1 << (byte % 64)) != 0)
    }

    /// Adds the other ASCII case of every ASCII letter in the set, as `(?i)` does for
    /// byte classes.
    fn fold_ascii_case(&mut self) {
        for byte in b'a'..=b'z' {
            let upper = byte.to_ascii_uppercase();
            if self.contains(byte) || self.contains(upper) {
                self.insert(byte);
                self.insert(upper);
            }
        }
    }

    fn negate(&mut self) {
        for word in &mut self.0 {
            *word = !*word;
        }
    }

    /// The one byte in the set, if it has exactly one.
    fn single(&self) -> Option<u8> {
        let count: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        let (index, word) = self.0.iter().enumerate().find(|(_, w)| **w != 0)?;
        let bit = index * 64 + word.trailing_zeros() as usize;
        (count == 1).then(|| u8::try_from(bit).ok()).flatten()
    }
}

/// The expression as read: a tree of byte sets.
#[derive(Debug)]
enum Node {
    Bytes(ByteSet),
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Star(Box<Node>),
    Optional(Box<Node>),
}

#[derive(Debug, Clone, Copy)]
enum State {
    Match,
    Byte {
        byte: u8,
        next: u32,
    },
    /// A byte of `sets[set]`.
    Set {
        set: u32,
        next: u32,
    },
    /// Either way, without taking a byte.
    Split(u32, u32),
}

/// One glob, compiled to an automaton over bytes, anchored at both ends of the text.
#[derive(Debug, Clone)]
pub(super) struct ByteGlob {
    states: Vec<State>,
    sets: Vec<ByteSet>,
    start: u32,
    /// Bytes every match must contain in this order (ASCII-lowercased when `folded`): a text
    /// without them is answered before the automaton runs.
    required: Option<memchr::memmem::Finder<'static>>,
    /// The bytes of `required` as a [`Subject`] mask: a text that lacks one of them is
    /// answered without searching.
    required_mask: u128,
    folded: bool,
}

/// A text prepared once for all the globs of one side.
pub(super) struct Subject<'a> {
    text: &'a [u8],
    /// The text ASCII-lowercased, for the search of a folded glob's required bytes.
    lowercase: &'a [u8],
    /// Which bytes `text` holds ([`byte_mask`]).
    mask: u128,
    /// Which bytes `lowercase` holds.
    lowercase_mask: u128,
}

impl<'a> Subject<'a> {
    /// `lowercase` is `text` ASCII-lowercased (the same text when it has no capital).
    pub(super) fn new(text: &'a str, lowercase: &'a str) -> Self {
        let mask = byte_mask(text.as_bytes());
        Self {
            text: text.as_bytes(),
            lowercase: lowercase.as_bytes(),
            mask,
            lowercase_mask: if std::ptr::eq(text, lowercase) {
                mask
            } else {
                byte_mask(lowercase.as_bytes())
            },
        }
    }
}

/// Bit `b` for each ASCII byte `b` in `bytes`, bit 127 also for every byte above ASCII.
fn byte_mask(bytes: &[u8]) -> u128 {
    bytes
        .iter()
        .fold(0u128, |mask, &b| mask | 1u128 << (b.min(127)))
}

impl ByteGlob {
    /// Reads `regex`, globset's translation of a glob ([`globset::Glob::regex`]).
    pub(super) fn from_globset_regex(regex: &str) -> Result<Self, String> {
        let mut reader = Reader {
            text: regex.as_bytes(),
            at: 0,
            fold: false,
        };
        reader.expect(b"(?-u)")?;
        reader.fold = reader.eat(b"(?i)");
        reader.expect(b"^")?;
        let node = reader.alternation(0)?;
        reader.expect(b"$")?;
        if reader.at != reader.text.len() {
            return Err(reader.unexpected());
        }
        let (required, folded) = required_bytes(&node, reader.fold);
        let mut glob = Self {
            states: vec![State::Match],
            sets: Vec::new(),
            start: 0,
            required_mask: byte_mask(&required),
            required: (!required.is_empty())
                .then(|| memchr::memmem::Finder::new(&required).into_owned()),
            folded,
        };
        glob.start = glob.compile(&node, 0)?;
        Ok(glob)
    }

    /// Adds the states of `node`, continuing to state `next`; returns where they start.
    fn compile(&mut self, node: &Node, next: u32) -> Result<u32, String> {
        Ok(match node {
            Node::Bytes(set) => match set.single() {
                Some(byte) => self.push(State::Byte { byte, next })?,
                None => {
                    let index = match self.sets.iter().position(|s| s == set) {
                        Some(index) => index,
                        None => {
                            self.sets.push(*set);
                            self.sets.len() - 1
                        }
                    };
                    let set = u32::try_from(index).map_err(|_| too_many())?;
                    self.push(State::Set { set, next })?
                }
            },
            Node::Concat(items) => {
                let mut at = next;
                for item in items.iter().rev() {
                    at = self.compile(item, at)?;
                }
                at
            }
            Node::Alternation(branches) => {
                let mut starts = Vec::with_capacity(branches.len());
                for branch in branches {
                    starts.push(self.compile(branch, next)?);
                }
                let mut at = starts.pop().ok_or_else(|| "an empty group".to_owned())?;
                while let Some(start) = starts.pop() {
                    at = self.push(State::Split(start, at))?;
                }
                at
            }
            Node::Star(inner) => {
                // The loop's split is made first so the body can return to it.
                let split = self.push(State::Split(next, next))?;
                let body = self.compile(inner, split)?;
                if let Some(state) = self.states.get_mut(split as usize) {
                    *state = State::Split(body, next);
                }
                split
            }
            Node::Optional(inner) => {
                let body = self.compile(inner, next)?;
                self.push(State::Split(body, next))?
            }
        })
    }

    fn push(&mut self, state: State) -> Result<u32, String> {
        if self.states.len() >= MAX_STATES {
            return Err(too_many());
        }
        self.states.push(state);
        u32::try_from(self.states.len() - 1).map_err(|_| too_many())
    }

    /// True when the whole text matches. `stack` is scratch space kept by the caller.
    pub(super) fn is_match(&self, subject: &Subject<'_>, stack: &mut Vec<usize>) -> bool {
        let (haystack, mask) = if self.folded {
            (subject.lowercase, subject.lowercase_mask)
        } else {
            (subject.text, subject.mask)
        };
        if self.required_mask & !mask != 0 {
            return false;
        }
        if let Some(required) = &self.required
            && required.find(haystack).is_none()
        {
            return false;
        }
        let text = subject.text;
        let words = self.states.len().div_ceil(64);
        let mut current = [0u64; WORDS];
        let mut next = [0u64; WORDS];
        self.enter(&mut current, self.start as usize, stack);
        for &byte in text {
            next.iter_mut().take(words).for_each(|w| *w = 0);
            let mut alive = false;
            for (w, &word) in current.iter().take(words).enumerate() {
                let mut bits = word;
                while bits != 0 {
                    let state = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let to = match self.states.get(state) {
                        Some(State::Byte { byte: b, next }) if *b == byte => *next,
                        Some(State::Set { set, next })
                            if self
                                .sets
                                .get(*set as usize)
                                .is_some_and(|s| s.contains(byte)) =>
                        {
                            *next
                        }
                        _ => continue,
                    };
                    self.enter(&mut next, to as usize, stack);
                    alive = true;
                }
            }
            if !alive {
                return false;
            }
            std::mem::swap(&mut current, &mut next);
        }
        current.first().is_some_and(|w| w & 1 != 0)
    }

    /// Adds `state` and every state it reaches without taking a byte.
    fn enter(&self, set: &mut [u64; WORDS], state: usize, stack: &mut Vec<usize>) {
        stack.clear();
        stack.push(state);
        while let Some(state) = stack.pop() {
            let Some(word) = set.get_mut(state / 64) else {
                continue;
            };
            let bit = 1 << (state % 64);
            if *word & bit != 0 {
                continue;
            }
            *word |= bit;
            if let Some(State::Split(a, b)) = self.states.get(state) {
                stack.push(*b as usize);
                stack.push(*a as usize);
            }
        }
    }
}

/// How deep the groups of globset's expression nest: the nesting of the glob's `{…}`
/// alternatives (a `**` inside the innermost adds one). Every `(` and `)` globset writes is
/// a group's, since it escapes the glob's own.
pub(super) fn nesting(regex: &str) -> usize {
    let body = regex.strip_prefix("(?-u)").unwrap_or(regex);
    let body = body.strip_prefix("(?i)").unwrap_or(body);
    let (mut depth, mut deepest, mut escaped) = (0usize, 0, false);
    for byte in body.bytes() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn too_many() -> String {
    format!("the glob needs more than {MAX_STATES} matching states")
}

/// The longest run of single bytes (or ASCII letters in either case, under `(?i)`) at the
/// top level of the expression: every match contains it.
fn required_bytes(node: &Node, fold: bool) -> (Box<[u8]>, bool) {
    let Node::Concat(items) = node else {
        return (Box::default(), false);
    };
    let mut best: Vec<u8> = Vec::new();
    let mut run: Vec<u8> = Vec::new();
    for item in items {
        let byte = match item {
            Node::Bytes(set) => literal_byte(set, fold),
            _ => None,
        };
        match byte {
            Some(byte) => run.push(byte),
            None => {
                if run.len() > best.len() {
                    best = std::mem::take(&mut run);
                }
                run.clear();
            }
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    (best.into_boxed_slice(), fold)
}

/// The byte a set stands for: its only member, or under `(?i)` the lowercase letter of a
/// set holding just its two cases.
fn literal_byte(set: &ByteSet, fold: bool) -> Option<u8> {
    if let Some(byte) = set.single() {
        return Some(if fold {
            byte.to_ascii_lowercase()
        } else {
            byte
        });
    }
    if !fold {
        return None;
    }
    let lower = (b'a'..=b'z').find(|b| set.contains(*b))?;
    let mut pair = ByteSet::default();
    pair.insert(lower);
    pair.insert(lower.to_ascii_uppercase());
    (pair == *set).then_some(lower)
}

/// Reads globset's regex text.
struct Reader<'a> {
    text: &'a [u8],
    at: usize,
    /// Under `(?i)`: every literal and class also holds the other ASCII case.
    fold: bool,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn bump(&mut self) -> Result<u8, String> {
        let byte = self
            .peek()
            .ok_or_else(|| "the expression ends early".to_owned())?;
        self.at += 1;
        Ok(byte)
    }

    fn eat(&mut self, token: &[u8]) -> bool {
        let found = self
            .text
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(token));
        if found {
            self.at += token.len();
        }
        found
    }

    fn expect(&mut self, token: &[u8]) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn unexpected(&self) -> String {
        let rest = self.text.get(self.at..).unwrap_or_default();
        format!(
            "unexpected '{}' at byte {} of globset's expression",
            String::from_utf8_lossy(rest),
            self.at
        )
    }

    /// Branches separated by `|`, up to `)` or the closing `$`.
    fn alternation(&mut self, depth: usize) -> Result<Node, String> {
        // The classifier refuses deeper globs first (`nesting`); this only bounds the stack.
        if depth > crate::limits::MAX_GLOB_NESTING + 1 {
            return Err("groups nested too deep".to_owned());
        }
        let mut branches = vec![self.concat(depth)?];
        while self.eat(b"|") {
            branches.push(self.concat(depth)?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alternation(branches)
        })
    }

    fn concat(&mut self, depth: usize) -> Result<Node, String> {
        let mut items = Vec::new();
        loop {
            let atom = match self.peek() {
                None | Some(b'|' | b')') => break,
                // The closing anchor, only at the very end.
                Some(b'$') if self.at + 1 == self.text.len() => break,
                Some(b'.') => {
                    self.at += 1;
                    Node::Bytes(ByteSet::ALL)
                }
                Some(b'[') => {
                    self.at += 1;
                    self.class()?
                }
                Some(b'(') => {
                    self.expect(b"(?:")?;
                    let group = self.alternation(depth + 1)?;
                    self.expect(b")")?;
                    group
                }
                Some(b'*' | b'?' | b'+' | b'{' | b'^' | b'$' | b']' | b'}') => {
                    return Err(self.unexpected());
                }
                Some(_) => {
                    let byte = self.literal()?;
                    Node::Bytes(self.literal_set(byte))
                }
            };
            let atom = if self.eat(b"*") {
                Node::Star(Box::new(atom))
            } else if self.eat(b"?") {
                Node::Optional(Box::new(atom))
            } else {
                atom
            };
            items.push(atom);
        }
        Ok(Node::Concat(items))
    }

    fn literal_set(&self, byte: u8) -> ByteSet {
        let mut set = ByteSet::default();
        set.insert(byte);
        if self.fold {
            set.fold_ascii_case();
        }
        set
    }

    /// One literal byte: `\` and a meta character, `\xNN`, or the byte itself.
    fn literal(&mut self) -> Result<u8, String> {
        let byte = self.bump()?;
        if byte != b'\\' {
            return Ok(byte);
        }
        match self.bump()? {
            b'x' => {
                let digits = self
                    .text
                    .get(self.at..self.at + 2)
                    .and_then(|d| std::str::from_utf8(d).ok())
                    .and_then(|d| u8::from_str_radix(d, 16).ok())
                    .ok_or_else(|| self.unexpected())?;
                self.at += 2;
                Ok(digits)
            }
            escaped if escaped.is_ascii_punctuation() => Ok(escaped),
            _ => {
                self.at -= 1;
                Err(self.unexpected())
            }
        }
    }

    /// A class after its `[`: literals and `a-b` ranges up to `]`, negated by a leading `^`.
    /// Case folding comes before the negation, as in regex-syntax.
    fn class(&mut self) -> Result<Node, String> {
        let negated = self.eat(b"^");
        let mut set = ByteSet::default();
        let mut empty = true;
        while !self.eat(b"]") {
            let from = self.literal()?;
            let to = if self.eat(b"-") {
                self.literal()?
            } else {
                from
            };
            if to < from {
                return Err(format!("a reversed range in a class at byte {}", self.at));
            }
            set.insert_range(from, to);
            empty = false;
        }
        if empty {
            return Err(format!("an empty class at byte {}", self.at));
        }
        if self.fold {
            set.fold_ascii_case();
        }
        if negated {
            set.negate();
        }
        Ok(Node::Bytes(set))
    }
}

#[cfg(test)]
mod tests {
    use super::{ByteGlob, Subject};

    /// globset's glob, with the options the classifier uses.
    fn globset_glob(
        pattern: &str,
        literal_separator: bool,
        case_insensitive: bool,
    ) -> Result<globset::Glob, globset::Error> {
        globset::GlobBuilder::new(pattern)
            .literal_separator(literal_separator)
            .backslash_escape(true)
            .case_insensitive(case_insensitive)
            .build()
    }

    fn glob(pattern: &str, literal_separator: bool, case_insensitive: bool) -> ByteGlob {
        let g = globset_glob(pattern, literal_separator, case_insensitive).unwrap();
        ByteGlob::from_globset_regex(g.regex()).unwrap()
    }

    fn is_match(g: &ByteGlob, text: &str) -> bool {
        let lowercase = text.to_ascii_lowercase();
        g.is_match(&Subject::new(text, &lowercase), &mut Vec::new())
    }

    fn is_match_bytes(g: &ByteGlob, text: &[u8]) -> bool {
        let lowercase = text.to_ascii_lowercase();
        let subject = Subject {
            text,
            lowercase: &lowercase,
            mask: super::byte_mask(text),
            lowercase_mask: super::byte_mask(&lowercase),
        };
        g.is_match(&subject, &mut Vec::new())
    }

    #[test]
    fn reads_every_construct_globset_writes() {
        let g = glob("src/**/[a-c]?.{rs,t[!x]t}", true, false);
        assert!(is_match(&g, "src/ab.rs"));
        assert!(is_match(&g, "src/x/y/cd.tyt"));
        assert!(!is_match(&g, "src/x/y/cd.txt"));
        assert!(!is_match(&g, "src/d1.rs"));
        assert!(!is_match(&g, "src/a/.rs"), "? does not take a /");
        let g = glob("**", true, false);
        assert!(is_match(&g, "") && is_match(&g, "a/b\nc"));
        let g = glob("a/**", true, false);
        assert!(is_match(&g, "a/") && is_match(&g, "a/b/c") && !is_match(&g, "a"));
        let g = glob("\\*\\[x\\]\\{\\}\\\\-", true, false);
        assert!(is_match(&g, "*[x]{}\\-"));
    }

    #[test]
    fn folds_ascii_case_only_and_before_negation() {
        let g = glob("[!a]É*", true, true);
        assert!(!is_match(&g, "AÉ") && !is_match(&g, "aÉ"));
        assert!(is_match(&g, "bÉz") && is_match(&g, "BÉZ"));
        assert!(!is_match(&g, "bé"), "non-ASCII letters keep their case");
    }

    #[test]
    fn takes_bytes_not_characters() {
        // globset's `?` is one byte, and a class of `é` is a class of its two bytes.
        let g = glob("?", true, false);
        assert!(is_match(&g, "x") && !is_match(&g, "é"));
        let g = glob("??", true, false);
        assert!(is_match(&g, "é"));
        let g = glob("[é]", true, false);
        assert!(!is_match(&g, "é"));
        assert!(is_match_bytes(&g, &[0xc3]) && is_match_bytes(&g, &[0xa9]));
    }

    #[test]
    fn refuses_what_globset_never_writes() {
        for regex in [
            "",
            "^a$",
            "(?-u)^a+$",
            "(?-u)^a{2}$",
            "(?-u)^(a)$",
            "(?-u)^\\d$",
            "(?-u)^[]$",
            "(?-u)^a",
        ] {
            assert!(ByteGlob::from_globset_regex(regex).is_err(), "{regex}");
        }
    }

    /// Pieces of globs, chosen to meet every construct and its edge cases (`**` in and out
    /// of place, classes with ranges, negations, `/`, `]` and non-ASCII members, escapes,
    /// nested and empty alternatives, unclosed brackets), each with texts that it may or
    /// may not match, so that generated texts follow the glob's own structure.
    const PIECES: &[(&str, &[&str])] = &[
        ("a", &["a", "A", "b"]),
        ("A", &["a", "A"]),
        ("b", &["b", "B", ""]),
        ("é", &["é", "É", "e"]),
        ("É", &["é", "É"]),
        (".", &[".", "a"]),
        ("-", &["-"]),
        ("/", &["/", "", "//"]),
        ("*", &["", "a", "ab/", "/", "é.b"]),
        ("**", &["", "a/b", "/", "x"]),
        ("**/", &["", "a/", "a/b/", "/", "a"]),
        ("/**", &["/", "/a", "/a/b", "", "a"]),
        ("/**/", &["/", "/a/", "//", "/a/b/", "a"]),
        ("?", &["a", "/", "é", "", "ab"]),
        ("[a-c]", &["b", "B", "d", "/"]),
        ("[!a]", &["a", "A", "b", "/", "é"]),
        ("[A-Z]", &["q", "Q", "é"]),
        ("[é]", &["é", "è", "e"]),
        ("[a-é]", &["é", "z", "Ã"]),
        ("[/]", &["/", "a"]),
        ("[!/]", &["/", "a"]),
        ("[]]", &["]", "a"]),
        ("[!]a]", &["]", "a", "b"]),
        ("[-a]", &["-", "a", "b"]),
        ("[a-]", &["-", "a"]),
        ("[", &["[", ""]),
        ("]", &["]"]),
        ("\\*", &["*", "a"]),
        ("\\?", &["?", "a"]),
        ("\\[", &["["]),
        ("\\é", &["é", "É"]),
        ("\\a", &["a", "A"]),
        ("{a,b}", &["a", "b", "B", ""]),
        ("{a,}", &["a", "", "A"]),
        ("{,}", &["", ","]),
        ("{a,{b,c}}", &["a", "c", "C", "d"]),
        ("{*,?}", &["", "ab", "/"]),
        ("{**/a,b/**}", &["a", "x/a", "b/", "b/x", "/a"]),
        (",", &[","]),
        ("#", &["#"]),
        ("$", &["$"]),
        ("^", &["^"]),
        ("(", &["("]),
        (")", &[")"]),
        ("|", &["|"]),
        ("+", &["+"]),
        (" ", &[" ", "\n"]),
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]

        #[test]
        fn answers_what_globsets_matcher_answers(
            pieces in proptest::collection::vec((0..PIECES.len(), proptest::collection::vec(0..8_usize, 4)), 0..7),
            literal_separator: bool,
            case_insensitive: bool,
        ) {
            let pattern: String = pieces.iter().filter_map(|(p, _)| PIECES.get(*p)).map(|(g, _)| *g).collect();
            let Ok(g) = globset_glob(&pattern, literal_separator, case_insensitive) else {
                return Ok(());
            };
            let ours = ByteGlob::from_globset_regex(g.regex());
            proptest::prop_assert!(ours.is_ok(), "{pattern:?} -> {} : {:?}", g.regex(), ours.err());
            let ours = ours.unwrap();
            let theirs = g.compile_matcher();
            // Four texts, each made of one sample per piece.
            for text in 0..4 {
                let text: String = pieces
                    .iter()
                    .filter_map(|(p, choices)| {
                        let samples = PIECES.get(*p)?.1;
                        samples.get(choices.get(text)? % samples.len())
                    })
                    .copied()
                    .collect();
                proptest::prop_assert_eq!(
                    is_match(&ours, &text),
                    theirs.is_match(&text),
                    "glob {:?} ({}) on {:?}", pattern, g.regex(), text
                );
            }
        }
    }

    /// Cases a review of globset's translation suggested, each checked against globset's
    /// own matcher: (glob, literal_separator, case_insensitive, text).
    #[test]
    fn agrees_with_globset_on_the_edge_cases() {
        let cases: &[(&str, bool, bool, &[u8])] = &[
            ("[a-é]", true, true, b"A"),
            ("[a-é]", true, true, &[0xc3]),
            ("[a-é]", true, true, &[0xa9]),
            ("[a-é]", true, true, "é".as_bytes()),
            ("[!a-z]", true, true, b"Q"),
            ("[Z-a]", true, true, b"z"),
            ("[Z-a]", true, true, b"A"),
            ("[+--]", true, false, b","),
            ("[!--/]", true, false, b"."),
            ("[]\\\\^]", true, false, b"^"),
            ("[!^]", true, false, b"^"),
            ("**/", true, false, b"a"),
            ("{a,{}}", true, false, b""),
            ("{}", true, false, b""),
            ("\t?\x7f", true, false, b"\tx\x7f"),
            ("**/x{a,b}Y?", true, true, b"X/XAY1"),
            ("**/x{a,b}Y?", true, true, b"X/XA1"),
            ("**/[Rr]e", true, false, b"a/Re"),
            ("É*", true, true, "ÉX".as_bytes()),
            ("É*", true, true, "éX".as_bytes()),
        ];
        for &(pattern, literal_separator, case_insensitive, text) in cases {
            let g = globset_glob(pattern, literal_separator, case_insensitive).unwrap();
            let ours = ByteGlob::from_globset_regex(g.regex()).unwrap();
            let theirs = globset_matches(&g.compile_matcher(), text);
            assert_eq!(
                is_match_bytes(&ours, text),
                theirs,
                "{pattern:?} on {text:?}"
            );
        }
    }

    /// globset's answer for any bytes: a path made of them (paths are bytes on unix).
    #[cfg(unix)]
    fn globset_matches(matcher: &globset::GlobMatcher, text: &[u8]) -> bool {
        use std::os::unix::ffi::OsStrExt;
        matcher.is_match(std::path::Path::new(std::ffi::OsStr::from_bytes(text)))
    }

    #[cfg(not(unix))]
    fn globset_matches(matcher: &globset::GlobMatcher, text: &[u8]) -> bool {
        matcher.is_match(String::from_utf8_lossy(text).as_ref())
    }

    #[test]
    fn nesting_counts_the_alternatives_levels() {
        let nesting =
            |pattern: &str| super::nesting(globset_glob(pattern, true, false).unwrap().regex());
        assert_eq!(nesting("a*b"), 0);
        assert_eq!(nesting("{a,b}"), 1);
        assert_eq!(nesting("{a,{b,{c,d}}}"), 3);
        assert_eq!(nesting("\\{\\(a\\)"), 0);
        assert_eq!(nesting("[(]{a,**/b}"), 2);
    }

    #[test]
    fn the_required_bytes_answer_first_and_agree() {
        let pattern = "**/[Rr]eadme-*.md";
        let g = glob(pattern, true, true);
        // `[Rr]` under `(?i)` is the letter r in either case.
        assert_eq!(
            g.required.as_ref().map(|f| f.needle()),
            Some(&b"readme-"[..])
        );
        let theirs = globset_glob(pattern, true, true).unwrap().compile_matcher();
        for text in [
            "docs/README-x.MD",
            "docs/READ-x.md",
            "a/b/readme-.md",
            "readme-x.mdx",
        ] {
            assert_eq!(is_match(&g, text), theirs.is_match(text), "{text}");
        }
        // Bytes after a `*` are required too, and a text holding them still has to match.
        let g = glob("src/*-lock.json", true, false);
        assert_eq!(
            g.required.as_ref().map(|f| f.needle()),
            Some(&b"-lock.json"[..])
        );
        assert!(is_match(&g, "src/package-lock.json"));
        assert!(!is_match(&g, "src/a/package-lock.json"));
        assert!(!is_match(&g, "src/package.json"));
    }
}
