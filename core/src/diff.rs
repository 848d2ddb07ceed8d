//! Parsing what `git diff` prints into the files of a change, shared by the CLI and the
//! worksheet so both read a diff the same way.
//!
//! Accepted forms (detected from the text):
//! - `git diff --name-status -z`: NUL-separated records, `STATUS\0PATH\0`, and for renames
//!   and copies `R100\0OLD\0NEW\0` / `C075\0OLD\0NEW\0`;
//! - `git diff --name-status`: one record per line, fields separated by tabs, paths
//!   C-quoted by git when they hold special characters (`"caf\303\251.md"`);
//! - a bare list of paths, one per line (`git diff --name-only`): each file is `modified`.
//!
//! Statuses: `A` added, `M` modified, `D` deleted, `T` type changed, `R###` renamed and
//! `C###` copied (with a similarity score). Unmerged (`U`) and unknown (`X`) entries are
//! errors: a gate must not decide on a diff git itself could not describe.
//!
//! Line counts come from `git diff --numstat -z` (or its plain form), merged by path with
//! [`merge_numstat`]; binary files (`-\t-`) count zero lines.

use crate::error::{Error, ErrorKind};
use crate::request::{FileChange, FileStatus};

/// Most files one diff may list.
pub const MAX_DIFF_FILES: usize = 100_000;

/// Parses `git diff --name-status` output (`-z` or plain) or a bare list of paths.
pub fn parse_name_status(text: &str) -> Result<Vec<FileChange>, Error> {
    if text.contains('\0') {
        parse_nul(text)
    } else {
        parse_lines(text)
    }
}

/// Parses name-status output, then merges line counts from numstat output into it.
pub fn parse(name_status: &str, numstat: Option<&str>) -> Result<Vec<FileChange>, Error> {
    let mut files = parse_name_status(name_status)?;
    if let Some(numstat) = numstat {
        merge_numstat(&mut files, numstat)?;
    }
    Ok(files)
}

fn err(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidRequest, path, message)
}

/// A status letter with its optional score, as git prints it.
fn parse_status(token: &str) -> Option<(FileStatus, bool)> {
    let mut chars = token.chars();
    let letter = chars.next()?;
    let score = chars.as_str();
    let digits_ok = |s: &str| s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    match letter {
        'A' if score.is_empty() => Some((FileStatus::Added, false)),
        'M' if digits_ok(score) => Some((FileStatus::Modified, false)),
        'D' if score.is_empty() => Some((FileStatus::Deleted, false)),
        'T' if score.is_empty() => Some((FileStatus::TypeChanged, false)),
        'R' if digits_ok(score) => Some((FileStatus::Renamed, true)),
        'C' if digits_ok(score) => Some((FileStatus::Copied, true)),
        _ => None,
    }
}

fn status_problem(token: &str) -> String {
    match token.chars().next() {
        Some('U') => {
            String::from("unmerged entry 'U': resolve the merge conflict before gating the change")
        }
        Some('X') => String::from("unknown change type 'X' reported by git"),
        _ => format!(
            "unknown status '{}' (expected A, M, D, T, R### or C###)",
            token.escape_debug()
        ),
    }
}

fn check_path(where_: &str, path: &str) -> Result<(), Error> {
    if path.is_empty() {
        return Err(err(where_, "the path is empty"));
    }
    crate::limits::check_path_len(path, where_)?;
    Ok(())
}

fn push(out: &mut Vec<FileChange>, where_: &str, file: FileChange) -> Result<(), Error> {
    if out.len() >= MAX_DIFF_FILES {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            where_,
            format!("the diff lists more than {MAX_DIFF_FILES} files"),
        ));
    }
    out.push(file);
    Ok(())
}

fn change(path: String, status: FileStatus, old_path: Option<String>) -> FileChange {
    FileChange {
        path: path.into(),
        status,
        old_path,
        additions: 0,
        deletions: 0,
    }
}

/// `-z` output: fields are NUL-terminated; a record is a status then one or two paths.
fn parse_nul(text: &str) -> Result<Vec<FileChange>, Error> {
    let mut fields = text.split('\0').peekable();
    let mut out = Vec::new();
    let mut record = 0usize;
    while let Some(token) = fields.next() {
        // The text ends with a NUL, so the last field is empty; tolerate a trailing newline too.
        if fields.peek().is_none() && token.trim().is_empty() {
            break;
        }
        record += 1;
        let where_ = format!("record {record}");
        // Tolerate a newline between records (output pasted through a line-based tool).
        let token = token.trim_start_matches(['\n', '\r']);
        let (status, two_paths) =
            parse_status(token).ok_or_else(|| err(&where_, status_problem(token)))?;
        let mut next_path = |what: &str| -> Result<String, Error> {
            match fields.next() {
                Some(p) => {
                    check_path(&where_, p)?;
                    Ok(p.to_owned())
                }
                None => Err(err(
                    &where_,
                    format!("status '{token}' is not followed by {what}"),
                )),
            }
        };
        let file = if two_paths {
            let old = next_path("the old path")?;
            let new = next_path("the new path")?;
            change(new, status, Some(old))
        } else {
            change(next_path("a path")?, status, None)
        };
        push(&mut out, &where_, file)?;
    }
    Ok(out)
}

/// Line-based output: tab-separated name-status records, or a bare list of paths.
fn parse_lines(text: &str) -> Result<Vec<FileChange>, Error> {
    let lines = || {
        text.split('\n')
            .enumerate()
            .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
            .filter(|(_, l)| !l.trim().is_empty())
    };
    // Name-status when the first record starts with a status and a tab.
    let name_status = lines()
        .next()
        .and_then(|(_, l)| l.split_once('\t'))
        .is_some_and(|(s, _)| {
            parse_status(s).is_some() || s.len() <= 4 && s.starts_with(['U', 'X'])
        });
    let mut out = Vec::new();
    for (n, line) in lines() {
        let where_ = format!("line {n}");
        let file = if name_status {
            let mut parts = line.split('\t');
            let token = parts.next().unwrap_or_default();
            let (status, two_paths) =
                parse_status(token).ok_or_else(|| err(&where_, status_problem(token)))?;
            let paths: Vec<&str> = parts.collect();
            let want = if two_paths { 2 } else { 1 };
            if paths.len() != want {
                return Err(err(
                    &where_,
                    format!(
                        "status '{token}' needs {want} tab-separated path(s), found {}",
                        paths.len()
                    ),
                ));
            }
            let mut paths = paths.into_iter().map(|p| {
                let p = unquote(p).map_err(|m| err(&where_, m))?;
                check_path(&where_, &p)?;
                Ok::<_, Error>(p)
            });
            let first = paths.next().transpose()?.unwrap_or_default();
            match paths.next().transpose()? {
                Some(new) => change(new, status, Some(first)),
                None => change(first, status, None),
            }
        } else {
            let path = line.trim();
            let path = unquote(path).map_err(|m| err(&where_, m))?;
            check_path(&where_, &path)?;
            change(path, FileStatus::Modified, None)
        };
        push(&mut out, &where_, file)?;
    }
    Ok(out)
}

/// Undoes git's C-style quoting of a path (`core.quotePath`): `"a\tb\303\251"`.
/// Text not wrapped in double quotes is returned as is.
pub fn unquote(text: &str) -> Result<String, String> {
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return Ok(text.to_owned());
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        let e = it
            .next()
            .ok_or("the quoted path ends with a lone backslash")?;
        let decoded = match e {
            b'a' => 0x07,
            b'b' => 0x08,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 0x0b,
            b'f' => 0x0c,
            b'r' => b'\r',
            b'"' => b'"',
            b'\\' => b'\\',
            b'0'..=b'3' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match it.next() {
                        Some(d @ b'0'..=b'7') => v = v * 8 + u32::from(d - b'0'),
                        _ => {
                            return Err(String::from(
                                "a quoted path has an incomplete octal escape",
                            ));
                        }
                    }
                }
                u8::try_from(v)
                    .map_err(|_| String::from("a quoted path has an octal escape above \\377"))?
            }
            other => {
                return Err(format!(
                    "a quoted path has an unknown escape '\\{}'",
                    char::from(other)
                ));
            }
        };
        bytes.push(decoded);
    }
    String::from_utf8(bytes).map_err(|_| String::from("a quoted path is not valid UTF-8"))
}

/// One numstat entry: lines added and deleted (None for binary files) and the new path.
struct NumStat {
    additions: u32,
    deletions: u32,
    path: String,
}

fn count(where_: &str, field: &str) -> Result<u32, Error> {
    if field == "-" {
        return Ok(0);
    }
    field.parse::<u32>().map_err(|_| {
        err(
            where_,
            format!("'{}' is not a line count", field.escape_debug()),
        )
    })
}

/// Expands git's plain-numstat rename notation: `a/{old => new}/b` or `old => new`.
fn rename_target(path: &str) -> String {
    if let (Some(open), Some(close)) = (path.find('{'), path.rfind('}'))
        && open < close
    {
        let (head, rest) = path.split_at(open);
        let (mid, tail) = rest.split_at(close - open);
        let mid = mid.trim_start_matches('{');
        let tail = tail.trim_start_matches('}');
        if let Some((_, new)) = mid.split_once(" => ") {
            let joined = format!("{head}{new}{tail}");
            return joined.replace("//", "/");
        }
    }
    match path.split_once(" => ") {
        Some((_, new)) => new.to_owned(),
        None => path.to_owned(),
    }
}

fn parse_numstat(text: &str) -> Result<Vec<NumStat>, Error> {
    let mut out = Vec::new();
    if text.contains('\0') {
        let mut fields = text.split('\0').peekable();
        let mut record = 0usize;
        while let Some(head) = fields.next() {
            if fields.peek().is_none() && head.trim().is_empty() {
                break;
            }
            record += 1;
            let where_ = format!("numstat record {record}");
            let head = head.trim_start_matches(['\n', '\r']);
            let mut parts = head.splitn(3, '\t');
            let (Some(a), Some(d), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(err(&where_, "expected 'ADDED<TAB>DELETED<TAB>PATH'"));
            };
            let (additions, deletions) = (count(&where_, a)?, count(&where_, d)?);
            let path = if path.is_empty() {
                // A rename or copy: the old path, then the new path follow as fields.
                let _old = fields
                    .next()
                    .ok_or_else(|| err(&where_, "a rename is missing its old path"))?;
                fields
                    .next()
                    .ok_or_else(|| err(&where_, "a rename is missing its new path"))?
                    .to_owned()
            } else {
                path.to_owned()
            };
            out.push(NumStat {
                additions,
                deletions,
                path,
            });
        }
    } else {
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            let where_ = format!("numstat line {}", i + 1);
            let mut parts = line.splitn(3, '\t');
            let (Some(a), Some(d), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(err(&where_, "expected 'ADDED<TAB>DELETED<TAB>PATH'"));
            };
            let path = unquote(path).map_err(|m| err(&where_, m))?;
            out.push(NumStat {
                additions: count(&where_, a)?,
                deletions: count(&where_, d)?,
                path: rename_target(&path),
            });
        }
    }
    Ok(out)
}

/// Adds the line counts of `numstat` output to the files of the same (new) path.
/// A numstat entry naming no listed file is an error: the two outputs must describe one diff.
pub fn merge_numstat(files: &mut [FileChange], numstat: &str) -> Result<(), Error> {
    for (i, stat) in parse_numstat(numstat)?.into_iter().enumerate() {
        let file = files
            .iter_mut()
            .find(|f| *f.path == *stat.path)
            .ok_or_else(|| {
                err(
                    format!("numstat entry {}", i + 1),
                    format!(
                        "'{}' is not in the name-status list",
                        stat.path.escape_debug()
                    ),
                )
            })?;
        file.additions = file.additions.saturating_add(stat.additions);
        file.deletions = file.deletions.saturating_add(stat.deletions);
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn nul_form_with_renames_and_copies() {
        let text =
            "M\0src/a.rs\0R087\0old/b.rs\0new/b.rs\0D\0gone.txt\0C100\0x\0y\0A\0n e w\0T\0link\0";
        let files = parse_name_status(text).unwrap();
        assert_eq!(files.len(), 6);
        assert_eq!(files[1].status, FileStatus::Renamed);
        assert_eq!(files[1].old_path.as_deref(), Some("old/b.rs"));
        assert_eq!(&*files[1].path, "new/b.rs");
        assert_eq!(files[2].status, FileStatus::Deleted);
        assert_eq!(files[3].status, FileStatus::Copied);
        assert_eq!(&*files[4].path, "n e w");
        assert_eq!(files[5].status, FileStatus::TypeChanged);
    }

    #[test]
    fn plain_form_and_quoting() {
        let text = "M\tREADME.md\r\nR100\ta.txt\tb.txt\nA\t\"caf\\303\\251 \\\"x\\\".md\"\n";
        let files = parse_name_status(text).unwrap();
        assert_eq!(files.len(), 3);
        assert_eq!(files[1].old_path.as_deref(), Some("a.txt"));
        assert_eq!(&*files[2].path, "café \"x\".md");
    }

    #[test]
    fn bare_list() {
        let files = parse_name_status("docs/a.md\n\nsrc/b.rs\n").unwrap();
        assert_eq!(files.len(), 2);
        assert!(files.iter().all(|f| f.status == FileStatus::Modified));
    }

    #[test]
    fn errors_name_the_record() {
        let e = parse_name_status("M\0a\0Q\0b\0").unwrap_err();
        assert_eq!(e.path(), "record 2");
        let e = parse_name_status("M\0a\0R100\0only-old\0").unwrap_err();
        assert_eq!(e.path(), "record 2");
        let e = parse_name_status("M\ta\nR100\tb\n").unwrap_err();
        assert_eq!(e.path(), "line 2");
        let e = parse_name_status("U\tconflict.rs\n").unwrap_err();
        assert!(e.message().contains("unmerged"));
    }

    #[test]
    fn numstat_merge() {
        let mut files = parse_name_status("M\0a.rs\0R090\0old.rs\0new.rs\0A\0img.png\0").unwrap();
        merge_numstat(
            &mut files,
            "3\t1\ta.rs\u{0}2\t2\t\0old.rs\0new.rs\0-\t-\timg.png\0",
        )
        .unwrap();
        assert_eq!((files[0].additions, files[0].deletions), (3, 1));
        assert_eq!((files[1].additions, files[1].deletions), (2, 2));
        assert_eq!((files[2].additions, files[2].deletions), (0, 0));
        let mut files = parse_name_status("R090\tsrc/old/x.rs\tsrc/new/x.rs\n").unwrap();
        merge_numstat(&mut files, "4\t0\tsrc/{old => new}/x.rs\n").unwrap();
        assert_eq!(files[0].additions, 4);
        assert!(merge_numstat(&mut files, "1\t1\tnope.rs\n").is_err());
    }
}
