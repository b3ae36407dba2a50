//! Runs a pure per-item step on a second thread, ahead of the thread that consumes the
//! items in order. Conversion is sequential where it registers shared schemas,
//! but reading example bodies and doc markup needs nothing from other items; on two cores
//! that part runs alongside.

use std::sync::mpsc::channel;

/// Calls `consume` with every item paired with `step(&item)`, in order. `step` runs on
/// another thread when there is more than one item and more than one core.
pub fn pipelined<T, R, Out>(
    items: Vec<T>,
    step: impl Fn(&T) -> R + Send,
    consume: impl FnOnce(&mut dyn Iterator<Item = (T, R)>) -> Out,
) -> Out
where
    T: Send,
    R: Send,
{
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if items.len() < 2 || cores < 2 {
        return consume(&mut items.into_iter().map(|item| {
            let result = step(&item);
            (item, result)
        }));
    }
    std::thread::scope(|scope| {
        // Unbounded: with a bounded queue the two threads took turns waking each other, and
        // waiting on wake-ups cost more than the step saved. The step is the smaller part of
        // the work, so its results are all queued early; they are small next to the items.
        let (sender, receiver) = channel();
        scope.spawn(move || {
            for item in items {
                let result = step(&item);
                // The consumer stopped early (an error): nothing more is wanted.
                if sender.send((item, result)).is_err() {
                    break;
                }
            }
        });
        // A panic in `step` ends the items early, and the scope then re-raises it.
        consume(&mut receiver.into_iter())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_every_item_with_its_result_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        let pairs = pipelined(items, |n| n * 2, |pairs| pairs.collect::<Vec<_>>());
        assert_eq!(pairs.len(), 1000);
        assert!(
            pairs
                .iter()
                .enumerate()
                .all(|(i, &(n, d))| n == i as u32 && d == n * 2)
        );
    }

    #[test]
    fn a_consumer_that_stops_early_ends_the_second_thread() {
        let items: Vec<u32> = (0..100_000).collect();
        let first = pipelined(items, |n| n + 1, |pairs| pairs.take(3).count());
        assert_eq!(first, 3);
    }
}
