//! One stable sort for the few lists riskgate orders (ledger problems, duplicates and
//! follow-ups, a policy's star patterns).
//!
//! `sort_by_key` is generic code per element type and key: each of those lists carried its
//! own copy of the standard library's stable sort (~4 KB of wasm each). Here every list is
//! ordered by a `u128` key through a single sort of `(key, position)` pairs, whose
//! positions keep equal keys in their order, as a stable sort does.

/// Sorts `items` by `key`, keeping items with equal keys in their order: the same order as
/// `items.sort_by_key(key)` for any key whose order `key` keeps.
pub(crate) fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u128) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<(u128, usize)> = items.iter().map(&key).zip(0..).collect();
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    // Each position is in `order` once, so every slot is taken exactly once.
    items.extend(
        order
            .into_iter()
            .filter_map(|(_, at)| slots.get_mut(at).and_then(Option::take)),
    );
}

/// A date as an order-keeping key (days since the common era, shifted to be unsigned).
pub(crate) fn date_key(date: chrono::NaiveDate) -> u128 {
    use chrono::Datelike;
    (i64::from(date.num_days_from_ce()) - i64::from(i32::MIN)) as u128
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn is_the_standard_stable_sort(items in proptest::collection::vec((0_u8..6, any::<u16>()), 0..40)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |(k, _)| u128::from(*k));
            let mut std_sorted = items;
            std_sorted.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn dates_keep_their_order(a in -100_000_i64..100_000, b in -100_000_i64..100_000) {
            let day = |n: i64| chrono::NaiveDate::default() + chrono::Duration::days(n);
            prop_assert_eq!(date_key(day(a)).cmp(&date_key(day(b))), a.cmp(&b));
        }
    }
}
