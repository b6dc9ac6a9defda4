//! How many files are checked at once, and how many are held before their results are printed.

/// The most threads started whatever `-j` asks for: checking is CPU work, and beyond a few per
/// core threads only cost memory and start-up time (`-j 10000` once took 65 s on one file).
pub const MAX_WORKERS: usize = 256;

/// Files read and checked ahead of the one being printed, per worker. Results are printed in
/// input order as each batch completes, and its bytes dropped, so memory holds at most
/// `workers * BATCH_PER_WORKER` inputs, not the whole run.
pub const BATCH_PER_WORKER: usize = 4;

/// Threads for `inputs` files when `-j` asked for `requested` (default: one per core): never
/// more than there are files, nor than [`MAX_WORKERS`], and at least one.
pub fn worker_count(requested: Option<usize>, inputs: usize) -> usize {
    let wanted = requested.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    wanted.min(inputs).clamp(1, MAX_WORKERS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 16, case 9: threads are started for the files there are, not for what `-j` asks.
    #[test]
    fn threads_follow_the_inputs() {
        assert_eq!(worker_count(Some(10_000), 1), 1);
        assert_eq!(worker_count(Some(10_000), 100_000), MAX_WORKERS);
        assert_eq!(worker_count(Some(0), 5), 1);
        assert_eq!(worker_count(Some(3), 0), 1);
        assert_eq!(worker_count(Some(3), 8), 3);
        assert!(worker_count(None, 1) == 1);
    }
}
