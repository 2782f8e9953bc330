//! Cooperative cancellation of a run (Ctrl-C, Ctrl-Break): the first request asks the pool to
//! stop starting items and to let the commands already sent finish; the caller decides what a
//! second request means (the CLI exits at once; the journal is consistent line by line anyway).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::Notify;

/// A shared "please stop" flag with a wake-up for those waiting on it. Clones share the flag.
#[derive(Clone, Default)]
pub struct Cancel(Arc<Inner>);

#[derive(Default)]
struct Inner {
    requests: AtomicU32,
    notify: Notify,
}

impl Cancel {
    /// A flag nobody has raised yet.
    pub fn new() -> Self {
        Cancel::default()
    }

    /// Raises the flag and returns how many times it has been raised (1 for the first request).
    pub fn cancel(&self) -> u32 {
        let n = self.0.requests.fetch_add(1, Ordering::SeqCst) + 1;
        self.0.notify.notify_waiters();
        n
    }

    /// Whether a stop was requested.
    pub fn is_cancelled(&self) -> bool {
        self.0.requests.load(Ordering::SeqCst) > 0
    }

    /// How many stops were requested.
    pub fn requests(&self) -> u32 {
        self.0.requests.load(Ordering::SeqCst)
    }

    /// Resolves once a stop is requested (at once if it already was).
    pub async fn cancelled(&self) {
        loop {
            let notified = self.0.notify.notified();
            tokio::pin!(notified);
            // Register before checking, so a request between the check and the await still wakes us.
            notified.as_mut().enable();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cancel").field("requests", &self.requests()).finish()
    }
}

/// Two handles are equal when they share the flag (so options holding one stay comparable).
impl PartialEq for Cancel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waiters_wake_on_the_first_request_and_late_waiters_return_at_once() {
        let c = Cancel::new();
        let waiter = {
            let c = c.clone();
            tokio::spawn(async move { c.cancelled().await })
        };
        tokio::task::yield_now().await;
        assert!(!c.is_cancelled());
        assert_eq!(c.cancel(), 1);
        waiter.await.unwrap();
        c.cancelled().await;
        assert_eq!(c.cancel(), 2);
        assert_eq!(c, c.clone());
        assert_ne!(c, Cancel::new());
    }
}
