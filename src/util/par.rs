//! Two jobs at once: the one way the crate uses a second core (at build time only).

/// Runs `a` on a second, scoped thread while this one runs `b`, and returns both results;
/// where no thread can be started, runs them one after the other. A panic in `a` is
/// resumed here.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    RA: Send,
    B: FnOnce() -> RB,
{
    // `a` is handed to the thread through a slot so that it is still here to run when the
    // thread cannot start.
    let slot = std::sync::Mutex::new(Some(a));
    let take = || slot.lock().ok().and_then(|mut a| a.take());
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("empathy-build".into())
            .spawn_scoped(scope, || take().map(|a| a()));
        let rb = b();
        let ra = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        let ra = ra
            .or_else(|| take().map(|a| a()))
            .expect("`a` ran on one of the two paths");
        (ra, rb)
    })
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn both_results_come_back_in_order() {
        let v: Vec<u32> = (0..1000).collect();
        let (a, b) = join(
            || v[..500].iter().sum::<u32>(),
            || v[500..].iter().sum::<u32>(),
        );
        assert_eq!((a, b), (124_750, 374_750));
    }

    #[test]
    #[should_panic(expected = "from the second thread")]
    fn a_panic_on_the_second_thread_reaches_the_caller() {
        let _ = join(|| -> u32 { panic!("from the second thread") }, || 1);
    }
}
