//! Running several futures of one task side by side (the pool's session loops, the pre-flight
//! resolution lanes): no `Send` or `'static` needed, unlike spawning tasks.

/// Runs futures concurrently on the current task and collects their outputs in order.
pub async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, slot) in futures.iter_mut().zip(out.iter_mut()) {
            if slot.is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *slot = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }
    })
    .await;
    out.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn outputs_come_back_in_order_whatever_finishes_first() {
        let slow = |ms: u64, v: u32| async move {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            v
        };
        assert_eq!(join_all(vec![slow(30, 1), slow(10, 2), slow(20, 3)]).await, [1, 2, 3]);
        assert!(join_all(Vec::<std::future::Ready<()>>::new()).await.is_empty());
    }
}
