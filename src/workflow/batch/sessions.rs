//! Sessions that open while the batch already works (issue #18, docs/batches.md "Running").
//!
//! A batch opens its first session alone, so a wrong password or a broken profile fails once
//! rather than once per session. As soon as it is open, that session resolves the rows and starts
//! converting, while the other sessions open side by side in the background: a [`SessionSource`]
//! collects them as they become ready, and the resolution lanes and the pool's slots take them
//! from it. Time to the first conversion is then one session open, the resolution, and one
//! conversion, whatever `--sessions` says.
//!
//! Everything runs as futures of one task ([`alongside`]): sessions need not be `Send`.

use crate::shell::ShellError;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;

/// Sessions opening in the background, handed out as they become ready.
pub struct SessionSource<S> {
    ready: RefCell<VecDeque<Result<S, ShellError>>>,
    /// Opens started by [`SessionSource::fill`] that have not delivered yet.
    opening: Cell<usize>,
    /// Whether `fill` has run to the end (or was never going to run).
    closed: Cell<bool>,
    changed: tokio::sync::Notify,
}

impl<S> SessionSource<S> {
    /// A source that will deliver `count` sessions once [`SessionSource::fill`] runs.
    pub fn new(count: usize) -> Self {
        SessionSource {
            ready: RefCell::new(VecDeque::new()),
            opening: Cell::new(count),
            closed: Cell::new(count == 0),
            changed: tokio::sync::Notify::new(),
        }
    }

    /// Opens the sessions, all at once, and delivers each as soon as it is open (or failed).
    /// Poll it beside the work that takes them ([`alongside`]).
    pub async fn fill<O, OF>(&self, open: O)
    where
        O: Fn() -> OF,
        OF: Future<Output = Result<S, ShellError>>,
    {
        let opens: Vec<_> = (0..self.opening.get())
            .map(|_| async {
                let s = open().await;
                self.ready.borrow_mut().push_back(s);
                self.opening.set(self.opening.get().saturating_sub(1));
                self.changed.notify_waiters();
            })
            .collect();
        super::join::join_all(opens).await;
        self.closed.set(true);
        self.changed.notify_waiters();
    }

    /// The next session to become ready; `None` when no more will come. A session that failed
    /// to open comes back as its error (the caller decides whether to retry).
    pub async fn next(&self) -> Option<Result<S, ShellError>> {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            // Register before looking, so a delivery between the look and the wait is not lost.
            changed.as_mut().enable();
            if let Some(s) = self.ready.borrow_mut().pop_front() {
                return Some(s);
            }
            if self.closed.get() || self.opening.get() == 0 {
                return None;
            }
            changed.await;
        }
    }

    /// A session already open, without waiting.
    pub fn try_next(&self) -> Option<Result<S, ShellError>> {
        self.ready.borrow_mut().pop_front()
    }

    /// Everything delivered and not taken (to close them when the run ends).
    pub fn drain(&self) -> Vec<S> {
        self.ready.borrow_mut().drain(..).filter_map(Result::ok).collect()
    }
}

/// Runs `work` to its end while also polling `background` (which may finish earlier, or be
/// dropped unfinished when `work` ends first: dropping an opening session stops its process).
pub async fn alongside<B, W>(background: B, work: W) -> W::Output
where
    B: Future<Output = ()>,
    W: Future,
{
    tokio::pin!(background, work);
    let mut background_done = false;
    loop {
        tokio::select! {
            out = &mut work => return out,
            _ = &mut background, if !background_done => background_done = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::{Instant, sleep};

    #[tokio::test(start_paused = true)]
    async fn sessions_arrive_as_they_open_and_the_work_does_not_wait_for_all() {
        let t0 = Instant::now();
        let source = SessionSource::<u64>::new(3);
        let n = Cell::new(0u64);
        let open = || {
            n.set(n.get() + 1);
            let k = n.get();
            async move {
                sleep(Duration::from_secs(k)).await;
                if k == 2 { Err(ShellError::Broken("no".into())) } else { Ok(k) }
            }
        };
        let got = alongside(source.fill(open), async {
            let mut got = Vec::new();
            while let Some(s) = source.next().await {
                got.push((s.ok(), t0.elapsed().as_secs()));
            }
            got
        })
        .await;
        assert_eq!(got, [(Some(1), 1), (None, 2), (Some(3), 3)]);
        assert!(source.next().await.is_none());
    }

    #[tokio::test(start_paused = true)]
    async fn work_that_ends_first_does_not_wait_for_the_background() {
        let t0 = Instant::now();
        let source = SessionSource::<u8>::new(1);
        let out = alongside(
            source.fill(|| async {
                sleep(Duration::from_secs(60)).await;
                Ok(1)
            }),
            async { 7 },
        )
        .await;
        assert_eq!(out, 7);
        assert!(t0.elapsed() < Duration::from_secs(1));
        assert!(source.try_next().is_none() && source.drain().is_empty());
        // An empty source ends at once.
        assert!(SessionSource::<u8>::new(0).next().await.is_none());
    }
}
