//! Words for policy values in the reference tables (presentation only).

use riskgate::policy::Condition;

/// A list as `a, b, c`, or `none`.
pub fn list<T: AsRef<str>>(items: &[T]) -> String {
    if items.is_empty() {
        String::from("none")
    } else {
        items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A policy condition in plain words; `always` when it has no clause.
pub fn condition(c: &Condition) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &c.budget_status {
        let names: Vec<&str> = s.iter().map(|b| b.as_str()).collect();
        parts.push(format!("budget {}", names.join(" or ")));
    }
    if let Some(n) = c.exceptions_at_least {
        parts.push(format!("{n} or more exceptions this window"));
    }
    if let Some(ids) = &c.categories_any {
        parts.push(format!("touches {}", ids.join(" or ")));
    }
    if let Some(ci) = c.customer_impacting {
        parts.push(String::from(if ci {
            "customer-impacting"
        } else {
            "not customer-impacting"
        }));
    }
    if let Some(types) = &c.release_types {
        let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
        parts.push(format!("release type {}", names.join(" or ")));
    }
    if parts.is_empty() {
        String::from("always")
    } else {
        parts.join(" and ")
    }
}
