//! The figures the evaluation reports.

/// Area under the ROC curve for ranking `positives` above `negatives` by score: the chance that
/// a random positive outscores a random negative, ties counting one half (Mann-Whitney U).
pub fn auc(positives: &[f64], negatives: &[f64]) -> f64 {
    if positives.is_empty() || negatives.is_empty() {
        return f64::NAN;
    }
    let mut all: Vec<(f64, bool)> = positives
        .iter()
        .map(|&s| (s, true))
        .chain(negatives.iter().map(|&s| (s, false)))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Average ranks over ties, 1-based.
    let mut rank_sum_pos = 0.0;
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j < all.len() && all[j].0 == all[i].0 {
            j += 1;
        }
        let avg_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum_pos += avg_rank * all[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    let n_pos = positives.len() as f64;
    let n_neg = negatives.len() as f64;
    (rank_sum_pos - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg)
}

/// The share of `flags` that are true.
pub fn rate(flags: &[bool]) -> f64 {
    if flags.is_empty() {
        return f64::NAN;
    }
    flags.iter().filter(|&&f| f).count() as f64 / flags.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_of_perfect_random_and_reversed_rankings() {
        assert_eq!(auc(&[3.0, 4.0], &[1.0, 2.0]), 1.0);
        assert_eq!(auc(&[1.0, 2.0], &[3.0, 4.0]), 0.0);
        assert_eq!(auc(&[1.0, 1.0], &[1.0, 1.0]), 0.5);
        // One positive ties one negative and beats the other: (1 + 0.5) / 2.
        assert_eq!(auc(&[2.0], &[2.0, 1.0]), 0.75);
    }

    #[test]
    fn rate_counts_true_flags() {
        assert_eq!(rate(&[true, false, false, true]), 0.5);
    }
}
