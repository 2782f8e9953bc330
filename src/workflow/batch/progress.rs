//! Progress reporting for a batch: a bar on a terminal, plain periodic lines in logs and CI,
//! or nothing. Finished items also go to an optional callback (the CLI streams them as JSON
//! Lines).

use super::journal::{Event, FailureKind};
use std::io::Write;
use std::time::Duration;
use tokio::time::Instant;

/// How a finished item ended, as reported to the callback.
#[derive(Debug, Clone, PartialEq)]
pub enum FinalOutcome {
    /// The worker finished it; the event written to the journal (verified, skipped, ...).
    Done(Event),
    /// It failed.
    Failed {
        /// Why.
        reason: String,
        /// Coarse kind.
        kind: FailureKind,
    },
}

/// A finished item.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishedItem {
    /// Item key.
    pub key: usize,
    /// Mailbox identity.
    pub identity: String,
    /// How it ended.
    pub outcome: FinalOutcome,
    /// How many times the worker was called for it.
    pub attempts: u32,
}

/// The hook called for every finished item.
pub type ItemCallback = Box<dyn FnMut(&FinishedItem) + Send>;

/// Where progress goes.
pub enum ProgressMode {
    /// An indicatif bar on stderr (use when stderr is a terminal).
    Bar,
    /// A plain line at most every `every` (and at the end), for logs.
    Lines {
        /// Minimum time between lines.
        every: Duration,
        /// The sink (stderr in the CLI; a buffer in tests).
        out: Box<dyn Write + Send>,
    },
    /// Nothing.
    Quiet,
}

/// Progress of one run.
pub struct Progress {
    run_id: String,
    total: usize,
    done: usize,
    failed: usize,
    blocked: usize,
    started: Instant,
    last_line: Option<Instant>,
    /// How many items had finished when the last line was written, so `finish` does not repeat it.
    last_written: Option<usize>,
    mode: ProgressMode,
    bar: Option<indicatif::ProgressBar>,
    on_item_finished: Option<ItemCallback>,
}

impl Progress {
    /// Progress for `total` items in the given mode.
    pub fn new(run_id: impl Into<String>, total: usize, mode: ProgressMode) -> Self {
        let bar = matches!(mode, ProgressMode::Bar).then(|| {
            let bar =
                indicatif::ProgressBar::with_draw_target(Some(total as u64), indicatif::ProgressDrawTarget::stderr());
            // The bar takes what the counts leave of the line, so it fits any width (80 columns
            // included); the rate and ETA are in the message, rounded as the plain lines round them.
            if let Ok(style) = indicatif::ProgressStyle::with_template("{pos}/{len} [{wide_bar}] {msg}") {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        let run_id = run_id.into();
        Progress {
            run_id,
            total,
            done: 0,
            failed: 0,
            blocked: 0,
            started: Instant::now(),
            last_line: None,
            last_written: None,
            mode,
            bar,
            on_item_finished: None,
        }
    }

    /// A bar when stderr is a terminal, else lines every 10 s; `quiet` turns both off.
    pub fn auto(run_id: impl Into<String>, total: usize, quiet: bool) -> Self {
        use std::io::IsTerminal;
        let mode = if quiet {
            ProgressMode::Quiet
        } else if std::io::stderr().is_terminal() {
            ProgressMode::Bar
        } else {
            ProgressMode::Lines { every: Duration::from_secs(10), out: Box::new(std::io::stderr()) }
        };
        Progress::new(run_id, total, mode)
    }

    /// Calls `f` for every finished item, in the order they finish.
    pub fn on_item_finished(mut self, f: impl FnMut(&FinishedItem) + Send + 'static) -> Self {
        self.on_item_finished = Some(Box::new(f));
        self
    }

    /// Restarts the rate clock (the pool calls it when work begins).
    pub fn start(&mut self) {
        self.started = Instant::now();
    }

    /// Items finished without failing.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Items failed.
    pub fn failed(&self) -> usize {
        self.failed
    }

    /// Records a finished item.
    pub fn item_finished(&mut self, item: &FinishedItem) {
        match item.outcome {
            FinalOutcome::Done(_) => self.done += 1,
            // Refused by pre-flight: blocked, not failed (nothing ran), as the summary says.
            FinalOutcome::Failed { kind: FailureKind::Refused, .. } => self.blocked += 1,
            FinalOutcome::Failed { .. } => self.failed += 1,
        }
        if let Some(f) = &mut self.on_item_finished {
            f(item);
        }
        let now = Instant::now();
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(self.bar_message(now));
        }
        if let ProgressMode::Lines { every, .. } = &self.mode {
            let due = self.last_line.is_none_or(|t| now.duration_since(t) >= *every);
            if due {
                self.last_line = Some(now);
                self.write_line(now);
            }
        }
    }

    /// The plain progress line at `now`.
    pub fn line(&self, now: Instant) -> String {
        let finished = self.done + self.failed + self.blocked;
        let secs = now.duration_since(self.started).as_secs_f64();
        let rate = if secs > 0.0 { finished as f64 / secs } else { 0.0 };
        let eta = if rate > 0.0 {
            format_duration(Duration::from_secs_f64((self.total.saturating_sub(finished)) as f64 / rate))
        } else {
            "?".into()
        };
        let blocked = if self.blocked > 0 { format!(", {} blocked", self.blocked) } else { String::new() };
        format!(
            "[run {}] {finished}/{} done, {} failed{blocked}, {rate:.1}/s, ETA {eta}",
            self.run_id, self.total, self.failed
        )
    }

    /// The bar's message: failures, the rate rounded to one decimal, and the ETA.
    fn bar_message(&self, now: Instant) -> String {
        let finished = self.done + self.failed + self.blocked;
        let (rate, eta) = rate_and_eta(finished, self.total, now.duration_since(self.started));
        let mut m = String::new();
        if self.failed > 0 {
            m.push_str(&format!("{} failed, ", self.failed));
        }
        if self.blocked > 0 {
            m.push_str(&format!("{} blocked, ", self.blocked));
        }
        m.push_str(&format!("{rate:.1}/s ETA {eta}"));
        m
    }

    fn write_line(&mut self, now: Instant) {
        self.last_written = Some(self.done + self.failed + self.blocked);
        let line = self.line(now);
        if let ProgressMode::Lines { out, .. } = &mut self.mode {
            // Progress is best effort: a closed stderr must not stop the batch.
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    }

    /// Ends the display: clears the bar, or writes a last line.
    pub fn finish(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
        if matches!(self.mode, ProgressMode::Lines { .. })
            && self.last_written != Some(self.done + self.failed + self.blocked)
        {
            self.write_line(Instant::now());
        }
    }
}

/// The rate per second and the ETA text of `finished` out of `total` after `elapsed`.
fn rate_and_eta(finished: usize, total: usize, elapsed: Duration) -> (f64, String) {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { finished as f64 / secs } else { 0.0 };
    let eta = if rate > 0.0 {
        format_duration(Duration::from_secs_f64(total.saturating_sub(finished) as f64 / rate))
    } else {
        "?".into()
    };
    (rate, eta)
}

/// The line that follows the resolution of a batch's rows (one `Get-Recipient` each: minutes
/// for a large batch at real Exchange latency): `resolving rows 1200/2000, 47.4/s, ETA 16s`.
/// At most 60 characters, so it fits an 80-column terminal whatever the counts.
pub fn resolve_line(done: usize, total: usize, elapsed: Duration) -> String {
    let (rate, eta) = rate_and_eta(done, total, elapsed);
    format!("resolving rows {done}/{total}, {rate:.1}/s, ETA {eta}")
}

/// Shows [`resolve_line`] on standard error, redrawn in place, only when standard error is a
/// terminal (a log gets nothing: the run's own lines follow soon enough), at most ten times a
/// second; [`ResolveProgress::finish`] clears it.
pub struct ResolveProgress {
    enabled: bool,
    started: Instant,
    last: std::cell::Cell<Option<Instant>>,
}

impl ResolveProgress {
    /// Shown only on a terminal and when not `quiet` (JSON output).
    pub fn auto(quiet: bool) -> Self {
        use std::io::IsTerminal;
        ResolveProgress {
            enabled: !quiet && std::io::stderr().is_terminal(),
            started: Instant::now(),
            last: std::cell::Cell::new(None),
        }
    }

    /// Records progress: `done` of `total` rows resolved.
    pub fn update(&self, done: usize, total: usize) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if done < total && self.last.get().is_some_and(|t| now.duration_since(t) < Duration::from_millis(100)) {
            return;
        }
        self.last.set(Some(now));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{:<60}", resolve_line(done, total, now.duration_since(self.started)));
        let _ = err.flush();
    }

    /// Clears the line.
    pub fn finish(&self) {
        if self.enabled && self.last.get().is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:60}\r", "");
            let _ = err.flush();
        }
    }
}

/// `1m12s`, `45s`, `2h03m`.
pub fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, s % 3600 / 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(format_duration(Duration::from_secs(72)), "1m12s");
        assert_eq!(format_duration(Duration::from_secs(45)), "45s");
        assert_eq!(format_duration(Duration::from_secs(7380)), "2h03m");
    }

    #[test]
    fn resolve_line_rounds_the_rate_and_fits_80_columns() {
        assert_eq!(resolve_line(474, 2000, Duration::from_secs(10)), "resolving rows 474/2000, 47.4/s, ETA 32s");
        assert_eq!(resolve_line(0, 5, Duration::ZERO), "resolving rows 0/5, 0.0/s, ETA ?");
        let worst = resolve_line(999_999, 1_000_000, Duration::from_secs(359_999));
        assert!(worst.len() <= 60, "{worst} ({} chars)", worst.len());
    }

    #[tokio::test(start_paused = true)]
    async fn bar_message_rounds_the_rate() {
        let mut p = Progress::new("R", 100, ProgressMode::Quiet);
        p.start();
        for k in 0..47 {
            let outcome = FinalOutcome::Done(Event::Skipped { reason: "y".into() });
            p.item_finished(&FinishedItem { key: k, identity: format!("m{k}"), outcome, attempts: 1 });
        }
        tokio::time::advance(Duration::from_millis(9913)).await;
        assert_eq!(p.bar_message(Instant::now()), "4.7/s ETA 11s");
    }

    #[tokio::test(start_paused = true)]
    async fn plain_line_shows_counts_rate_and_eta() {
        let mut p = Progress::new("R", 1000, ProgressMode::Quiet);
        p.start();
        for k in 0..121 {
            let outcome = if k < 3 {
                FinalOutcome::Failed { reason: "x".into(), kind: FailureKind::Other }
            } else {
                FinalOutcome::Done(Event::Skipped { reason: "y".into() })
            };
            p.item_finished(&FinishedItem { key: k, identity: format!("m{k}"), outcome, attempts: 1 });
        }
        tokio::time::advance(Duration::from_secs(10)).await;
        assert_eq!(p.line(Instant::now()), "[run R] 121/1000 done, 3 failed, 12.1/s, ETA 1m12s");
    }
}
