//! The one speed trick that needs threads: work that each item needs on its own (reading its
//! JSON, its examples and its doc markup) is split across the machine's cores. The results
//! come back in order, so the output never depends on the number of threads.

/// `items.into_iter().map(f).collect()`, on up to four threads for long inputs.
pub fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    // Below this, starting threads costs more than it saves.
    if threads < 2 || items.len() < 64 {
        return items.into_iter().map(f).collect();
    }
    let mut chunks = Vec::with_capacity(threads);
    let mut rest = items;
    let size = rest.len().div_ceil(threads);
    while rest.len() > size {
        let tail = rest.split_off(size);
        chunks.push(rest);
        rest = tail;
    }
    chunks.push(rest);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        for n in [0, 1, 63, 64, 65, 1000, 1001] {
            let out = super::map((0..n).collect(), |x: u32| x * 2);
            assert_eq!(out, (0..n).map(|x| x * 2).collect::<Vec<_>>(), "{n}");
        }
    }
}
