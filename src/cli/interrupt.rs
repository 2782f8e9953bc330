//! Ctrl-C (and Ctrl-Break in a Windows console) for commands that change things.
//!
//! Without a handler the process dies on the signal and prints nothing, so the admin cannot
//! tell whether a change reached Exchange. [`Interrupt::install`] catches the signals instead and
//! counts them; a command polls [`Interrupt::requested`] between items, or races its work
//! against [`Interrupt::wait`] / [`Interrupt::wait_for`], then reports what was sent and exits
//! with [`EXIT_INTERRUPTED`]. The usual convention, which `convert` follows and a batch may reuse:
//! the first Ctrl-C stops starting new work and lets a command already sent finish (bounded by a
//! short timeout); a second one stops at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Notify;

/// The exit code after an interrupt (128 + SIGINT, what shells report for Ctrl-C).
pub const EXIT_INTERRUPTED: i32 = 130;

/// A shared count of Ctrl-C / Ctrl-Break presses, cheap to clone into tasks.
#[derive(Clone, Default)]
pub struct Interrupt {
    count: Arc<AtomicUsize>,
    notify: Arc<Notify>,
}

impl Interrupt {
    /// Starts listening for Ctrl-C (every platform) and Ctrl-Break (Windows consoles) on the
    /// current tokio runtime. From then on the signals no longer end the process: the command
    /// must check [`Interrupt::requested`] or await [`Interrupt::wait`]. When the handler cannot
    /// be installed (no signal support), the default behaviour stays: the process dies on Ctrl-C.
    pub fn install() -> Interrupt {
        let me = Interrupt::default();
        let ctrl_c = me.clone();
        tokio::spawn(async move {
            while tokio::signal::ctrl_c().await.is_ok() {
                ctrl_c.raise();
            }
        });
        #[cfg(windows)]
        {
            let brk = me.clone();
            tokio::spawn(async move {
                let Ok(mut signal) = tokio::signal::windows::ctrl_break() else { return };
                while signal.recv().await.is_some() {
                    brk.raise();
                }
            });
        }
        me
    }

    /// Records one press, as the signal handler does (tests call it directly).
    pub fn raise(&self) {
        self.count.fetch_add(1, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// How many times Ctrl-C was pressed so far.
    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    /// Whether Ctrl-C was pressed at least once: stop starting new work.
    pub fn requested(&self) -> bool {
        self.count() > 0
    }

    /// Resolves once Ctrl-C has been pressed at least once (at once if it already was).
    pub async fn wait(&self) {
        self.wait_for(1).await;
    }

    /// Resolves once Ctrl-C has been pressed at least `presses` times in all (`2`: "stop now").
    pub async fn wait_for(&self, presses: usize) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            // Register before reading the count, so a press between the two is not missed.
            notified.as_mut().enable();
            if self.count() >= presses {
                return;
            }
            notified.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Interrupt;
    use std::time::Duration;

    #[tokio::test]
    async fn wait_resolves_on_the_press_it_waits_for_and_not_before() {
        let i = Interrupt::default();
        assert!(!i.requested());
        let first = tokio::time::timeout(Duration::from_millis(20), i.wait()).await;
        assert!(first.is_err(), "no press yet: wait must not resolve");
        let j = i.clone();
        let waiter = tokio::spawn(async move { j.wait_for(2).await });
        i.raise();
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(!waiter.is_finished(), "one press does not satisfy wait_for(2)");
        i.raise();
        tokio::time::timeout(Duration::from_secs(2), waiter).await.expect("second press").expect("task");
        assert_eq!(i.count(), 2);
        tokio::time::timeout(Duration::from_millis(50), i.wait()).await.expect("already pressed: immediate");
    }
}
