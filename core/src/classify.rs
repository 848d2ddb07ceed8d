//! Diff classification: which risk categories each changed file falls into.
//!
//! All include globs of all categories are compiled into one `GlobSet` (and all
//! exclude globs into another), once per policy, so classifying a path is one pass
//! over each set whatever the number of categories.

use crate::error::Error;
use crate::policy::Policy;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// A policy with its path rules compiled, ready to classify and evaluate.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    policy: Policy,
    include: GlobSet,
    /// For each include glob, the index of its category.
    include_category: Vec<usize>,
    exclude: GlobSet,
    exclude_category: Vec<usize>,
    fallback: usize,
}

/// The categories of one path, as indices into the policy's categories (ascending).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathCategories {
    pub indices: Vec<usize>,
    /// True when no rule matched and the fallback category was applied.
    pub fallback: bool,
}

impl CompiledPolicy {
    pub fn new(policy: Policy) -> Result<Self, Error> {
        check_rule_limits(&policy)?;
        let mut include = GlobSetBuilder::new();
        let mut include_category = Vec::new();
        let mut exclude = GlobSetBuilder::new();
        let mut exclude_category = Vec::new();
        for (index, (id, rule)) in policy.categories.iter().enumerate() {
            for (i, pattern) in rule.include.iter().enumerate() {
                include.add(compile_glob(
                    pattern,
                    policy.match_case,
                    &format!("categories.{id}.include[{i}]"),
                )?);
                include_category.push(index);
            }
            for (i, pattern) in rule.exclude.iter().enumerate() {
                exclude.add(compile_glob(
                    pattern,
                    policy.match_case,
                    &format!("categories.{id}.exclude[{i}]"),
                )?);
                exclude_category.push(index);
            }
        }
        let include = include.build().map_err(|e| {
            Error::policy(
                "categories",
                format!("the include globs do not compile together: {e}"),
            )
        })?;
        let exclude = exclude.build().map_err(|e| {
            Error::policy(
                "categories",
                format!("the exclude globs do not compile together: {e}"),
            )
        })?;
        let fallback = policy
            .categories
            .get_index_of(&policy.fallback_category)
            .ok_or_else(|| Error::policy("fallbackCategory", "unknown fallback category"))?;
        Ok(Self {
            policy,
            include,
            include_category,
            exclude,
            exclude_category,
            fallback,
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The id of the category at `index`.
    pub fn category_id(&self, index: usize) -> &str {
        self.policy
            .categories
            .get_index(index)
            .map_or("", |(id, _)| id.as_str())
    }

    /// Every category whose include globs match `path` and whose exclude globs do not;
    /// the fallback category when none does.
    pub fn classify_path(&self, path: &str) -> PathCategories {
        let path = normalize_path(path);
        let mut indices: Vec<usize> = self
            .include
            .matches(path)
            .into_iter()
            .filter_map(|glob| self.include_category.get(glob).copied())
            .collect();
        indices.sort_unstable();
        indices.dedup();
        if !indices.is_empty() && !self.exclude.is_empty() {
            let excluded: Vec<usize> = self
                .exclude
                .matches(path)
                .into_iter()
                .filter_map(|glob| self.exclude_category.get(glob).copied())
                .collect();
            indices.retain(|c| !excluded.contains(c));
        }
        if indices.is_empty() {
            PathCategories {
                indices: vec![self.fallback],
                fallback: true,
            }
        } else {
            PathCategories {
                indices,
                fallback: false,
            }
        }
    }
}

impl CompiledPolicy {
    /// Classifies a changed file; a renamed or copied file also carries the categories
    /// of its previous path (moving a migration is still touching migrations).
    pub fn classify_file(&self, path: &str, old_path: Option<&str>) -> PathCategories {
        let mut found = self.classify_path(path);
        if let Some(old) = old_path {
            let before = self.classify_path(old);
            if !before.fallback {
                if found.fallback {
                    found = before;
                } else {
                    found.indices.extend(before.indices);
                    found.indices.sort_unstable();
                    found.indices.dedup();
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
                let at = format!("categories.{id}.{list}[{i}]");
                if pattern.len() > MAX_GLOB_LEN {
                    return Err(exceeded(
                        at,
                        "the glob length in bytes",
                        pattern.len(),
                        MAX_GLOB_LEN,
                    ));
                }
                let recursions = pattern.matches("**").count();
                if recursions > MAX_GLOB_RECURSIONS {
                    return Err(exceeded(
                        at,
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

fn compile_glob(pattern: &str, match_case: bool, path: &str) -> Result<globset::Glob, Error> {
    if pattern.is_empty() {
        return Err(Error::policy(
            path,
            "an empty glob matches nothing; remove it",
        ));
    }
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .case_insensitive(!match_case)
        .build()
        .map_err(|e| Error::policy(path, format!("invalid glob '{pattern}': {e}")))
}

/// Paths are matched as git prints them: forward slashes, relative to the repository root.
pub(crate) fn normalize_path(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.trim_start_matches('/')
}
