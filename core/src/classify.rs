//! Diff classification: which risk categories each changed file falls into.
//!
//! The glob language and its errors are globset's. Globs are sorted by shape once per
//! policy, so that a path is answered by table lookups rather than by regular expressions:
//!
//! - directory rules (`**/auth/**`, `k8s/**`) go into a trie over path segments
//!   ([`DirRules`]), where a regex would scan the whole path;
//! - `**/X` where `X` cannot match a `/` is tested on the base name alone;
//! - a glob with no `/` at all can only match a path without one;
//! - on one segment, a glob of literals and `*` alone (`README*`, `nginx*.conf`,
//!   `*_auth.*`) is a prefix, suffix and in-order substring test ([`StarPattern`]), and
//!   `A{b,c}D` is split into its alternatives first, and literal names and `*SUFFIX`
//!   globs (`Cargo.toml`, `*.md`) are hash lookups ([`NameTable`]);
//! - when the policy ignores case, patterns and paths are ASCII-lowercased first (globset's
//!   case-insensitive matching is ASCII-only too), so that these tables compare bytes;
//! - any other glob (character classes, `?`, escapes, `**` between segments) is compiled by
//!   globset and becomes a small automaton over bytes made from globset's translation of it
//!   ([`byte_glob`]), so no regex engine is compiled into the wasm builds.
//!
//! The globs the shapes take are ones globset always accepts, so only the others need its
//! parser. The answers and the errors are exactly globset's for the same globs
//! (property-tested against plain globset in `tests/classify_parity.rs` and
//! `tests/properties.rs`).

use crate::error::Error;
use crate::policy::Policy;
use byte_glob::{ByteGlob, Subject};
use globset::GlobBuilder;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::Arc;

mod byte_glob;

/// A policy with its path rules compiled, ready to classify and evaluate.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    policy: Policy,
    /// The category ids, shared: every decision names categories, and a shared id is a
    /// reference count, not an allocation.
    category_ids: Vec<Arc<str>>,
    /// `[id]` for each category, shared by every file of that category alone (most files):
    /// a file's list of categories is then a reference count, not an allocation.
    single_lists: Vec<Arc<[Arc<str>]>>,
    include: PathRules,
    exclude: PathRules,
    /// The categories with exclude rules: a path none of whose categories has any is not
    /// tested against them (most paths, under most policies).
    excludable: CategorySet,
    fallback: usize,
}

/// The categories of one path, as indices into the policy's categories (ascending).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathCategories {
    pub indices: Vec<usize>,
    /// True when no rule matched and the fallback category was applied.
    pub fallback: bool,
}

/// The set of category indices a path matched (a policy has at most
/// [`crate::limits::MAX_CATEGORIES`] categories).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CategorySet([u64; 4]);

// Every category index must have its bit.
const _: () = assert!(crate::limits::MAX_CATEGORIES <= 4 * 64);

impl CategorySet {
    fn insert(&mut self, index: usize) {
        if let Some(word) = self.0.get_mut(index / 64) {
            *word |= 1 << (index % 64);
        }
    }

    pub(crate) fn contains(&self, index: usize) -> bool {
        self.0
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    fn remove_all(&mut self, other: &CategorySet) {
        for (w, o) in self.0.iter_mut().zip(other.0) {
            *w &= !o;
        }
    }

    fn intersects(&self, other: &CategorySet) -> bool {
        self.0.iter().zip(other.0).any(|(w, o)| w & o != 0)
    }

    fn union(&mut self, other: &CategorySet) {
        for (w, o) in self.0.iter_mut().zip(other.0) {
            *w |= o;
        }
    }

    /// The indices, ascending.
    pub(crate) fn iter(self) -> impl Iterator<Item = usize> {
        self.0.into_iter().enumerate().flat_map(|(i, mut word)| {
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    i * 64 + bit
                })
            })
        })
    }

    pub(crate) fn len(self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// The categories of one file as a set: [`PathCategories`] without its allocation, for the
/// engine, which classifies every file of every request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileCategories {
    pub(crate) set: CategorySet,
    /// True when no rule matched and the set holds the fallback category alone.
    pub(crate) fallback: bool,
}

impl From<FileCategories> for PathCategories {
    fn from(found: FileCategories) -> Self {
        let mut indices = Vec::with_capacity(found.set.len());
        indices.extend(found.set.iter());
        Self {
            indices,
            fallback: found.fallback,
        }
    }
}

/// A path prepared once for both sides (include and exclude) of the rules.
struct PathParts<'a> {
    /// The path as given (for globs that could not be folded).
    whole: &'a str,
    /// The path, ASCII-lowercased when the policy ignores case.
    folded: &'a str,
    /// The directories of `folded` (`["a", "b"]` for `a/b/file`); `None` without a `/`.
    folded_dirs: Option<&'a [&'a str]>,
    /// The base name of `folded` (after its last `/`).
    folded_base: &'a str,
}

/// One side (include or exclude) of every category's path rules.
#[derive(Debug, Clone)]
struct PathRules {
    /// `**/a/b/**` and `a/b/**`.
    dirs: DirRules,
    /// `**/X` where `X` cannot match a `/`: `X` alone, on the base name.
    base_names: GlobSide,
    /// Globs that cannot match a `/`: only a path without one can match them.
    root_files: GlobSide,
    /// Every other foldable glob, on the whole (folded) path.
    paths: GlobSide,
    /// Globs that cannot be folded (character classes, escapes) when the policy ignores
    /// case: matched ignoring ASCII case as globset does, on the path as given.
    unfolded: GlobSide,
}

impl PathRules {
    fn matches_into(
        &self,
        path: &PathParts<'_>,
        found: &mut CategorySet,
        scratch: &mut Vec<usize>,
    ) {
        match path.folded_dirs {
            Some(dirs) => self.dirs.matches_into(dirs, found),
            None => self
                .root_files
                .matches_into(path.folded, path.folded, found, scratch),
        }
        self.base_names
            .matches_into(path.folded_base, path.folded_base, found, scratch);
        self.paths
            .matches_into(path.folded, path.folded, found, scratch);
        // The only side whose globs ignore case themselves: it reads the path as given, and
        // searches the lowercased path for the bytes a match needs.
        self.unfolded
            .matches_into(path.whole, path.folded, found, scratch);
    }
}

/// Globs compiled together, with the category of each; globs made of literals and `*`
/// alone (on text without a `/`: `README*`, `nginx*.conf`, `*_auth.*`) are kept as
/// [`StarPattern`]s, which globset would answer with its regex engine; the rest are
/// [`ByteGlob`]s.
#[derive(Debug, Clone, Default)]
struct GlobSide {
    globs: Vec<(ByteGlob, usize)>,
    /// Star patterns that start with a literal, sorted by its first byte: a text is only
    /// tried against those that start with its own first byte.
    anchored: Vec<(StarPattern, usize)>,
    /// Star patterns that start with `*`.
    floating: Vec<(StarPattern, usize)>,
    /// Literal names and `*SUFFIX` globs.
    names: NameTable,
    /// False when the side has no rule at all, as most sides of most policies: a path is
    /// then not even looked at (an empty side cost ~65 instructions per path natively).
    any_rules: bool,
}

/// Literal names (`Cargo.toml`) and `*SUFFIX` globs (`*.md`, `*.dashboard.json`) on one
/// segment, answered by hash lookups. globset has the same tables, but reaching them costs
/// a `Candidate` per text (in wasm a UTF-8 check of the text, then the base name and
/// extension found again) and a pass of its suffix automaton: a sixth of classifying a
/// path in the package.
#[derive(Debug, Clone, Default)]
struct NameTable {
    literals: FxHashMap<Box<str>, CategorySet>,
    /// The literal names: most names are none of them, and the filter says so without
    /// hashing the name.
    literal_names: NameFilter,
    /// By extension (`.md`: a text from its last `.` on): the `*SUFFIX` globs a text with
    /// that extension can match.
    extensions: FxHashMap<Box<str>, ExtensionRules>,
    /// The extensions, filtered as the literal names are.
    extension_names: NameFilter,
    /// `*SUFFIX` globs whose suffix has no `.`.
    suffixes: Vec<(Box<str>, usize)>,
}

#[derive(Debug, Clone, Default)]
struct ExtensionRules {
    /// `*.ext` itself: every text with the extension.
    all: CategorySet,
    /// Longer suffixes that end with the extension (`*.dashboard.json` under `.json`).
    suffixes: Vec<(Box<str>, usize)>,
}

impl NameTable {
    /// Takes `pattern` (a glob on one segment) when it is a literal or `*` and a literal;
    /// false leaves it to the caller.
    fn add(&mut self, pattern: &str, category: usize) -> bool {
        let literal = |s: &str| !s.is_empty() && !s.contains(['*', '?', '[', ']', '{', '}', '\\']);
        if literal(pattern) {
            self.literal_names.insert(pattern);
            self.literals
                .entry(Box::from(pattern))
                .or_default()
                .insert(category);
            return true;
        }
        let Some(suffix) = pattern.strip_prefix('*').filter(|s| literal(s)) else {
            return false;
        };
        match suffix.rfind('.') {
            Some(dot) => {
                let extension = suffix.get(dot..).unwrap_or_default();
                self.extension_names.insert(extension);
                let rules = self.extensions.entry(Box::from(extension)).or_default();
                if dot == 0 {
                    rules.all.insert(category);
                } else {
                    rules.suffixes.push((Box::from(suffix), category));
                }
            }
            None => self.suffixes.push((Box::from(suffix), category)),
        }
        true
    }

    fn matches_into(&self, text: &str, found: &mut CategorySet) {
        if self.literal_names.may_contain(text)
            && let Some(set) = self.literals.get(text)
        {
            found.union(set);
        }
        if !self.extensions.is_empty()
            && let Some(rules) = memchr::memrchr(b'.', text.as_bytes())
                .and_then(|dot| text.get(dot..))
                .filter(|ext| self.extension_names.may_contain(ext))
                .and_then(|ext| self.extensions.get(ext))
        {
            found.union(&rules.all);
            for (suffix, category) in &rules.suffixes {
                if text.ends_with(&**suffix) {
                    found.insert(*category);
                }
            }
        }
        for (suffix, category) in &self.suffixes {
            if text.ends_with(&**suffix) {
                found.insert(*category);
            }
        }
    }
}

/// A glob of literal pieces joined by `*`, matched within one path segment: the text
/// starts with the first piece, ends with the last, and holds the others in order in
/// between. Taking each middle piece at its leftmost place is exact for `*` alone (a later
/// place only leaves less room for the rest).
#[derive(Debug, Clone)]
struct StarPattern {
    first: Box<str>,
    middle: Vec<memchr::memmem::Finder<'static>>,
    last: Box<str>,
}

impl StarPattern {
    /// `None` unless `pattern` has a `*` and nothing special but `*`, and is not
    /// `*SUFFIX` (`*.md`), which the [`NameTable`] answers by its extension.
    fn parse(pattern: &str) -> Option<Self> {
        if !pattern.contains('*') || pattern.contains(['?', '[', ']', '{', '}', '\\', '/']) {
            return None;
        }
        let mut pieces: Vec<&str> = pattern.split('*').collect();
        let last = pieces.pop()?;
        let first = if pieces.is_empty() {
            ""
        } else {
            pieces.remove(0)
        };
        if first.is_empty() && pieces.iter().all(|p| p.is_empty()) {
            return None;
        }
        Some(Self {
            first: Box::from(first),
            middle: pieces
                .into_iter()
                .filter(|p| !p.is_empty())
                .map(|p| memchr::memmem::Finder::new(p).into_owned())
                .collect(),
            last: Box::from(last),
        })
    }

    fn first_byte(&self) -> Option<u8> {
        self.first.as_bytes().first().copied()
    }

    fn matches(&self, text: &str) -> bool {
        // An empty piece (`*_auth.*` has two) is skipped rather than compared: each
        // comparison is a call to `memcmp`, and every path meets these patterns.
        let mut rest = text.as_bytes();
        if !self.first.is_empty() {
            match rest.strip_prefix(self.first.as_bytes()) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        if !self.last.is_empty() {
            match rest.strip_suffix(self.last.as_bytes()) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        for piece in &self.middle {
            match piece.find(rest) {
                Some(at) => rest = rest.get(at + piece.needle().len()..).unwrap_or_default(),
                None => return false,
            }
        }
        true
    }
}

impl GlobSide {
    /// `lowercase`: `text` ASCII-lowercased (only the `unfolded` side's differ).
    #[inline]
    fn matches_into(
        &self,
        text: &str,
        lowercase: &str,
        found: &mut CategorySet,
        scratch: &mut Vec<usize>,
    ) {
        if self.any_rules {
            self.rules_match_into(text, lowercase, found, scratch);
        }
    }

    fn rules_match_into(
        &self,
        text: &str,
        lowercase: &str,
        found: &mut CategorySet,
        scratch: &mut Vec<usize>,
    ) {
        if let Some(&byte) = text.as_bytes().first() {
            let start = self
                .anchored
                .partition_point(|(p, _)| p.first_byte() < Some(byte));
            for (pattern, category) in self.anchored.get(start..).unwrap_or_default() {
                if pattern.first_byte() != Some(byte) {
                    break;
                }
                if pattern.matches(text) {
                    found.insert(*category);
                }
            }
        }
        for (pattern, category) in &self.floating {
            if pattern.matches(text) {
                found.insert(*category);
            }
        }
        self.names.matches_into(text, found);
        if self.globs.is_empty() {
            return;
        }
        let subject = Subject::new(text, lowercase);
        for (glob, category) in &self.globs {
            if !found.contains(*category) && glob.is_match(&subject, scratch) {
                found.insert(*category);
            }
        }
    }
}

/// Directory rules as a trie over path segments: `anywhere` holds `**/a/b/**` (the
/// segments `a/b` somewhere among the path's directories), `at_root` holds `a/b/**` (the
/// path starts with `a/b/`). globset turns `**/L/**` into `^(?:/?|.*/)L/.*$` and `L/**`
/// into `^L/.*$` (`.` matching any byte), which are exactly these two tests.
#[derive(Debug, Clone, Default)]
struct DirRules {
    anywhere: SegmentNode,
    at_root: SegmentNode,
}

#[derive(Debug, Clone, Default)]
struct SegmentNode {
    categories: Vec<usize>,
    children: FxHashMap<Box<str>, SegmentNode>,
    /// Most of a path's directories are no rule's (`module_3`, `src`): the filter answers
    /// them without hashing the name and probing the map (a quarter of classifying a path
    /// went to those lookups).
    names: NameFilter,
}

/// A Bloom filter of names with one bit each, from their length and first, second and last
/// bytes, which tell apart the directory and file names of the presets and the names paths
/// commonly have: a clear bit means the name is not in the set.
#[derive(Debug, Clone, Default)]
struct NameFilter([u64; 8]);

impl NameFilter {
    fn bit(name: &str) -> (usize, u64) {
        let bytes = name.as_bytes();
        let byte = |at: usize| usize::from(bytes.get(at).copied().unwrap_or(0));
        let last = bytes.len().checked_sub(1).map_or(0, byte);
        let h = (bytes.len().wrapping_mul(0x9e5)
            ^ byte(0).wrapping_mul(0x2f1)
            ^ byte(1).wrapping_mul(0x3b)
            ^ last.wrapping_mul(0x1d7))
            & 511;
        (h >> 6, 1 << (h & 63))
    }

    fn insert(&mut self, name: &str) {
        let (word, bit) = Self::bit(name);
        if let Some(w) = self.0.get_mut(word) {
            *w |= bit;
        }
    }

    fn may_contain(&self, name: &str) -> bool {
        let (word, bit) = Self::bit(name);
        self.0.get(word).is_some_and(|w| w & bit != 0)
    }
}

impl SegmentNode {
    fn insert(&mut self, segments: &[&str], category: usize) {
        let mut node = self;
        for segment in segments {
            node.names.insert(segment);
            node = node.children.entry(Box::from(*segment)).or_default();
        }
        if !node.categories.contains(&category) {
            node.categories.push(category);
        }
    }

    /// The child named `name`, if any.
    fn child(&self, name: &str) -> Option<&SegmentNode> {
        if self.names.may_contain(name) {
            self.children.get(name)
        } else {
            None
        }
    }

    /// Follows `dirs` from this node, adding the categories of every node reached.
    fn walk(&self, dirs: &[&str], found: &mut CategorySet) {
        let mut node = self;
        for dir in dirs {
            match node.child(dir) {
                Some(next) => node = next,
                None => return,
            }
            for &c in &node.categories {
                found.insert(c);
            }
        }
    }
}

impl DirRules {
    /// The directory shape of a (folded) glob, if it has one: `(anchored at the root,
    /// segments)`. Only plain literals qualify (no glob syntax, no empty, `.` or `..`
    /// segment), so the trie never has to interpret a pattern.
    fn shape(pattern: &str) -> Option<(bool, Vec<&str>)> {
        let (anchored, middle) = match pattern.strip_prefix("**/") {
            Some(rest) => (false, rest.strip_suffix("/**")?),
            None => (true, pattern.strip_suffix("/**")?),
        };
        let plain = |s: &&str| {
            !s.is_empty()
                && *s != "."
                && *s != ".."
                && !s.contains(['*', '?', '[', ']', '{', '}', '\\', ','])
        };
        let segments: Vec<&str> = middle.split('/').collect();
        segments.iter().all(plain).then_some((anchored, segments))
    }

    fn add(&mut self, anchored: bool, segments: &[&str], category: usize) {
        if anchored {
            self.at_root.insert(segments, category);
        } else {
            self.anywhere.insert(segments, category);
        }
    }

    /// `dirs`: the path's directories, `["a", "b"]` for `a/b/file`.
    fn matches_into(&self, dirs: &[&str], found: &mut CategorySet) {
        if !self.at_root.children.is_empty() {
            self.at_root.walk(dirs, found);
        }
        if !self.anywhere.children.is_empty() {
            for start in 0..dirs.len() {
                if let Some(rest) = dirs.get(start..) {
                    self.anywhere.walk(rest, found);
                }
            }
        }
    }
}

impl CompiledPolicy {
    pub fn new(policy: Policy) -> Result<Self, Error> {
        check_rule_limits(&policy)?;
        let mut include = RulesBuilder::new(policy.match_case);
        let mut exclude = RulesBuilder::new(policy.match_case);
        for (index, (id, rule)) in policy.categories.iter().enumerate() {
            let sides = [
                ("include", &rule.include, &mut include),
                ("exclude", &rule.exclude, &mut exclude),
            ];
            for (list, patterns, rules) in sides {
                for (i, pattern) in patterns.iter().enumerate() {
                    rules.add(pattern, GlobAt { id, list, index: i }, index)?;
                }
            }
        }
        let include = include.build();
        let exclude = exclude.build();
        let mut excludable = CategorySet::default();
        for (index, rule) in policy.categories.values().enumerate() {
            if !rule.exclude.is_empty() {
                excludable.insert(index);
            }
        }
        let fallback = policy
            .categories
            .get_index_of(&policy.fallback_category)
            .ok_or_else(|| Error::policy("fallbackCategory", "unknown fallback category"))?;
        let category_ids: Vec<Arc<str>> = policy
            .categories
            .keys()
            .map(|id| Arc::from(id.as_str()))
            .collect();
        let single_lists = category_ids
            .iter()
            .map(|id| Arc::from([Arc::clone(id)]))
            .collect();
        Ok(Self {
            policy,
            category_ids,
            single_lists,
            include,
            exclude,
            excludable,
            fallback,
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The id of the category at `index`.
    pub fn category_id(&self, index: usize) -> &str {
        self.category_ids.get(index).map_or("", |id| id)
    }

    /// The id of the category at `index`, shared.
    pub fn shared_category_id(&self, index: usize) -> Arc<str> {
        self.category_ids.get(index).cloned().unwrap_or_default()
    }

    /// The ids of the categories in `set`, ascending; shared with the policy for a set of
    /// one, else allocated once.
    pub(crate) fn category_list(&self, set: CategorySet) -> Arc<[Arc<str>]> {
        let len = set.len();
        if len == 1
            && let Some(list) = set.iter().next().and_then(|i| self.single_lists.get(i))
        {
            return Arc::clone(list);
        }
        // A range mapped is an iterator of known length: collected in one allocation.
        let mut indices = set.iter();
        (0..len)
            .map(|_| {
                indices
                    .next()
                    .map(|i| self.shared_category_id(i))
                    .unwrap_or_default()
            })
            .collect()
    }

    /// Every category whose include globs match `path` and whose exclude globs do not;
    /// the fallback category when none does.
    pub fn classify_path(&self, path: &str) -> PathCategories {
        self.classify_path_set(path, &mut Vec::new()).into()
    }

    /// [`Self::classify_path`] as a set, with scratch space for the glob automata kept
    /// across calls (no allocation per path).
    fn classify_path_set(&self, path: &str, scratch: &mut Vec<usize>) -> FileCategories {
        let path = normalize_path(path);
        // A fold without an early exit, which the compiler tests many bytes at a time.
        let uppercase = || {
            path.bytes()
                .fold(false, |seen, b| seen | b.is_ascii_uppercase())
        };
        let folded: Cow<'_, str> = if self.policy.match_case || !uppercase() {
            Cow::Borrowed(path)
        } else {
            Cow::Owned(path.to_ascii_lowercase())
        };
        let last_slash = memchr::memrchr(b'/', folded.as_bytes());
        let found = match last_slash.and_then(|at| Some((folded.get(..at)?, folded.get(at + 1..)?)))
        {
            Some((dirs, base)) => with_segments(dirs, |dirs| {
                self.matches(
                    &PathParts {
                        whole: path,
                        folded: &folded,
                        folded_dirs: Some(dirs),
                        folded_base: base,
                    },
                    scratch,
                )
            }),
            None => self.matches(
                &PathParts {
                    whole: path,
                    folded: &folded,
                    folded_dirs: None,
                    folded_base: &folded,
                },
                scratch,
            ),
        };
        if found.is_empty() {
            let mut set = CategorySet::default();
            set.insert(self.fallback);
            FileCategories {
                set,
                fallback: true,
            }
        } else {
            FileCategories {
                set: found,
                fallback: false,
            }
        }
    }
}

impl CompiledPolicy {
    fn matches(&self, parts: &PathParts<'_>, scratch: &mut Vec<usize>) -> CategorySet {
        let mut found = CategorySet::default();
        self.include.matches_into(parts, &mut found, scratch);
        if found.intersects(&self.excludable) {
            let mut excluded = CategorySet::default();
            self.exclude.matches_into(parts, &mut excluded, scratch);
            found.remove_all(&excluded);
        }
        found
    }
}

/// Calls `f` with the `/`-separated segments of `dirs`, on the stack for up to 32 of them.
fn with_segments<R>(dirs: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    const ON_STACK: usize = 32;
    let mut stack = [""; ON_STACK];
    let mut count = 0;
    let mut start = 0;
    // One memchr pass over the bytes rather than a `str::split` char searcher.
    for end in memchr::memchr_iter(b'/', dirs.as_bytes()).chain(std::iter::once(dirs.len())) {
        let Some(slot) = stack.get_mut(count) else {
            let all: Vec<&str> = dirs.split('/').collect();
            return f(&all);
        };
        *slot = dirs.get(start..end).unwrap_or_default();
        count += 1;
        start = end + 1;
    }
    f(stack.get(..count).unwrap_or_default())
}

struct RulesBuilder {
    match_case: bool,
    dirs: DirRules,
    base_names: SideBuilder,
    root_files: SideBuilder,
    paths: SideBuilder,
    unfolded: SideBuilder,
}

struct SideBuilder {
    globs: Vec<(ByteGlob, usize)>,
    stars: Vec<(StarPattern, usize)>,
    names: NameTable,
}

impl SideBuilder {
    fn new() -> Self {
        Self {
            globs: Vec::new(),
            stars: Vec::new(),
            names: NameTable::default(),
        }
    }

    /// A glob no shape takes: matched by its automaton.
    fn add(&mut self, glob: &globset::Glob, at: GlobAt<'_>, category: usize) -> Result<(), Error> {
        let nesting = byte_glob::nesting(glob.regex());
        if nesting > crate::limits::MAX_GLOB_NESTING {
            return Err(crate::limits::exceeded(
                at.to_string(),
                "the nesting of `{…}` alternatives (a `**` inside adds one) in the glob",
                nesting,
                crate::limits::MAX_GLOB_NESTING,
            ));
        }
        let matcher = ByteGlob::from_globset_regex(glob.regex()).map_err(|e| {
            Error::policy(
                at.to_string(),
                format!("the glob '{}' cannot be matched: {e}", glob.glob()),
            )
        })?;
        self.globs.push((matcher, category));
        Ok(())
    }

    /// A glob matched against one path segment (no `/`): literals and `*` alone become a
    /// [`StarPattern`], and `A{b,c}D` with alternatives free of braces and commas is split
    /// into `AbD` and `AcD`, each handled the same way (or by its automaton).
    fn add_segment_glob(
        &mut self,
        pattern: &str,
        at: GlobAt<'_>,
        category: usize,
    ) -> Result<(), Error> {
        let plain = |s: &str| !s.contains(['?', '[', ']', '{', '}', '\\', ',']);
        if let Some((head, rest)) = pattern.split_once('{')
            && let Some((alternatives, tail)) = rest.split_once('}')
            && !tail.contains(['{', '}'])
            && !head.contains('}')
        {
            // globset drops empty alternatives (`x{a,}` is `xa` alone, `x{,}` is `x`).
            let mut options: Vec<&str> =
                alternatives.split(',').filter(|o| !o.is_empty()).collect();
            // An empty expansion (`{,}` alone) is the empty text, which no shape matches.
            let empty = options.is_empty() && head.is_empty() && tail.is_empty();
            if !empty && options.iter().all(|o| plain(o)) {
                if options.is_empty() {
                    // Only empty alternatives: `x{,}y` is `xy`.
                    options.push("");
                }
                for option in options {
                    self.add_one_segment_glob(&format!("{head}{option}{tail}"), at, category)?;
                }
                return Ok(());
            }
        }
        self.add_one_segment_glob(pattern, at, category)
    }

    /// A segment glob without alternatives: a [`StarPattern`] or an entry of the
    /// [`NameTable`] when it is one, else its automaton.
    fn add_one_segment_glob(
        &mut self,
        pattern: &str,
        at: GlobAt<'_>,
        category: usize,
    ) -> Result<(), Error> {
        if let Some(star) = StarPattern::parse(pattern) {
            self.stars.push((star, category));
        } else if !self.names.add(pattern, category) {
            self.add(&compile_glob(pattern, true, false, at)?, at, category)?;
        }
        Ok(())
    }

    fn build(self) -> GlobSide {
        let (mut anchored, floating): (Vec<_>, Vec<_>) = self
            .stars
            .into_iter()
            .partition(|(p, _)| p.first_byte().is_some());
        crate::sorting::sort_by_key(&mut anchored, |(p, _)| {
            p.first_byte().map_or(0, |b| u128::from(b) + 1)
        });
        let names = &self.names;
        let any_rules = !(self.globs.is_empty()
            && anchored.is_empty()
            && floating.is_empty()
            && names.literals.is_empty()
            && names.extensions.is_empty()
            && names.suffixes.is_empty());
        GlobSide {
            globs: self.globs,
            anchored,
            floating,
            names: self.names,
            any_rules,
        }
    }
}

/// True when nothing in `pattern` can match a `/`, so it can only match within one path
/// segment: no `/`, no `**`, no character class (a negated class could match `/`), no escape.
fn single_segment(pattern: &str) -> bool {
    !pattern.contains(['/', '[', ']', '\\']) && !pattern.contains("**")
}

impl RulesBuilder {
    fn new(match_case: bool) -> Self {
        Self {
            match_case,
            dirs: DirRules::default(),
            base_names: SideBuilder::new(),
            root_files: SideBuilder::new(),
            paths: SideBuilder::new(),
            unfolded: SideBuilder::new(),
        }
    }

    /// A policy is valid or not exactly as globset says, whatever the shapes: a glob a
    /// shape takes (plain segments, `*`, `**/`, `/**`, one well-formed `{a,b}`) is one
    /// globset always accepts, so only the others need globset's parser, which is most of
    /// compiling a policy (property-tested in `tests/classify_parity.rs`).
    fn add(&mut self, pattern: &str, at: GlobAt<'_>, category: usize) -> Result<(), Error> {
        if !self.match_case && pattern.contains(['[', '\\']) {
            // Lowercasing would change a class range or an escape: match it as written,
            // ignoring case the way globset does.
            let exact = compile_glob(pattern, false, true, at)?;
            return self.unfolded.add(&exact, at, category);
        }
        let folded = if self.match_case {
            Cow::Borrowed(pattern)
        } else {
            Cow::Owned(pattern.to_ascii_lowercase())
        };
        if let Some((anchored, segments)) = DirRules::shape(&folded) {
            self.dirs.add(anchored, &segments, category);
        } else if let Some(base) = folded
            .strip_prefix("**/")
            .filter(|b| !b.is_empty() && single_segment(b))
        {
            // (`**/` alone is globset's "everything", not a base name.)
            // A base name has no `/`, so `*` need not stop at one.
            self.base_names.add_segment_glob(base, at, category)?;
        } else if single_segment(&folded) {
            self.root_files.add_segment_glob(&folded, at, category)?;
        } else {
            // Folding changes no syntax here (no class, no escape): the folded glob is
            // valid exactly when the glob as written is.
            self.paths
                .add(&compile_glob(&folded, true, true, at)?, at, category)?;
        }
        Ok(())
    }

    fn build(self) -> PathRules {
        PathRules {
            dirs: self.dirs,
            base_names: self.base_names.build(),
            root_files: self.root_files.build(),
            paths: self.paths.build(),
            unfolded: self.unfolded.build(),
        }
    }
}

impl CompiledPolicy {
    /// Classifies a changed file; a renamed or copied file also carries the categories
    /// of its previous path (moving a migration is still touching migrations).
    pub fn classify_file(&self, path: &str, old_path: Option<&str>) -> PathCategories {
        self.classify_file_set(path, old_path, &mut Vec::new())
            .into()
    }

    /// [`Self::classify_file`] as a set, with a buffer kept across calls.
    pub(crate) fn classify_file_set(
        &self,
        path: &str,
        old_path: Option<&str>,
        scratch: &mut Vec<usize>,
    ) -> FileCategories {
        let mut found = self.classify_path_set(path, scratch);
        if let Some(old) = old_path {
            let before = self.classify_path_set(old, scratch);
            if !before.fallback {
                if found.fallback {
                    found = before;
                } else {
                    found.set.union(&before.set);
                }
            }
        }
        found
    }
}

fn check_rule_limits(policy: &Policy) -> Result<(), Error> {
    use crate::limits::{MAX_CATEGORIES, MAX_GLOB_LEN, MAX_GLOB_RECURSIONS, MAX_GLOBS, exceeded};
    if policy.categories.len() > MAX_CATEGORIES {
        return Err(exceeded(
            "categories",
            "the number of categories",
            policy.categories.len(),
            MAX_CATEGORIES,
        ));
    }
    let globs: usize = policy
        .categories
        .values()
        .map(|r| r.include.len() + r.exclude.len())
        .sum();
    if globs > MAX_GLOBS {
        return Err(exceeded(
            "categories",
            "the number of globs",
            globs,
            MAX_GLOBS,
        ));
    }
    for (id, rule) in &policy.categories {
        let lists = [("include", &rule.include), ("exclude", &rule.exclude)];
        for (list, patterns) in lists {
            for (i, pattern) in patterns.iter().enumerate() {
                let at = GlobAt { id, list, index: i };
                if pattern.len() > MAX_GLOB_LEN {
                    return Err(exceeded(
                        at.to_string(),
                        "the glob length in bytes",
                        pattern.len(),
                        MAX_GLOB_LEN,
                    ));
                }
                let recursions = pattern.matches("**").count();
                if recursions > MAX_GLOB_RECURSIONS {
                    return Err(exceeded(
                        at.to_string(),
                        "the number of `**` in the glob",
                        recursions,
                        MAX_GLOB_RECURSIONS,
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Where a glob sits in the policy (`categories.auth.include[2]`): written out only for an
/// error, since a policy has hundreds of globs and compiling one is the first thing a cold
/// process does.
#[derive(Debug, Clone, Copy)]
struct GlobAt<'a> {
    id: &'a str,
    list: &'static str,
    index: usize,
}

impl std::fmt::Display for GlobAt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "categories.{}.{}[{}]", self.id, self.list, self.index)
    }
}

/// `match_case` false ignores ASCII case, as globset does; `literal_separator` false lets
/// `*` match `/` (only used for globs matched against text without a `/`).
fn compile_glob(
    pattern: &str,
    match_case: bool,
    literal_separator: bool,
    at: GlobAt<'_>,
) -> Result<globset::Glob, Error> {
    if pattern.is_empty() {
        return Err(Error::policy(
            at.to_string(),
            "an empty glob matches nothing; remove it",
        ));
    }
    GlobBuilder::new(pattern)
        .literal_separator(literal_separator)
        .backslash_escape(true)
        .case_insensitive(!match_case)
        .build()
        .map_err(|e| Error::policy(at.to_string(), format!("invalid glob '{pattern}': {e}")))
}

/// Paths are matched as git prints them: forward slashes, relative to the repository root.
pub(crate) fn normalize_path(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.trim_start_matches('/')
}
