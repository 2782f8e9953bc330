//! The PowerShell child process: finding the executable, starting it in server mode, and moving lines.
//!
//! PowerShell starts its own out-of-process runspaces as `pwsh -s -NoLogo -NoProfile` (Windows PowerShell:
//! `powershell.exe -Version 5.1 -s -NoLogo -NoProfile`), with all three standard streams redirected
//! (`PowerShellProcessInstance.cs`). mbxctl does the same. stdout lines go to the protocol client; stderr is read
//! on its own task, because in server mode pwsh writes there only when the transport is failing, and PowerShell's
//! own client turns every stderr line into a broken pool (docs/psrp-notes.md, "OutOfProc requests and replies"). The child is killed when dropped.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};
use tokio::sync::mpsc;

/// Environment variable naming the PowerShell executable.
pub const PWSH_ENV: &str = "MBXCTL_PWSH";

/// Problems starting or talking to the process.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    /// No executable was found.
    #[error(
        "PowerShell was not found ({searched}). Install PowerShell 7 (https://aka.ms/install-powershell; on Windows `winget install Microsoft.PowerShell`), or name the executable with --pwsh PATH or the MBXCTL_PWSH environment variable"
    )]
    NotFound {
        /// What was looked for, where.
        searched: String,
    },
    /// The executable exists but could not be started.
    #[error("could not start {program}: {source}")]
    Spawn {
        /// The executable.
        program: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// Writing to the child's stdin failed (it has probably exited).
    #[error("could not write to the PowerShell process: {0}")]
    Write(std::io::Error),
}

/// What the reader tasks report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// One stdout line, without its terminator.
    Line(String),
    /// One stderr line.
    Stderr(String),
    /// stdout ended (the process exited or closed it).
    Eof,
    /// stdout broke the line limit or was not readable.
    ReadError(String),
}

/// Finds the PowerShell executable: an explicit path (`--pwsh`), then `MBXCTL_PWSH`, then `pwsh` on `PATH`,
/// then (on Windows) `powershell.exe`.
pub fn find_pwsh(explicit: Option<&Path>) -> Result<PathBuf, ProcessError> {
    find_pwsh_preferring(explicit, false)
}

/// [`find_pwsh`], looking for Windows PowerShell (`powershell.exe`) before `pwsh` when
/// `windows_powershell_first`: the Exchange Management Shell set-up (RemoteExchange.ps1 and the
/// Exchange snap-in) loads only in Windows PowerShell 5.1.
pub fn find_pwsh_preferring(explicit: Option<&Path>, windows_powershell_first: bool) -> Result<PathBuf, ProcessError> {
    let env = std::env::var_os(PWSH_ENV).filter(|v| !v.is_empty()).map(PathBuf::from);
    let names: &[&str] = match (cfg!(windows), windows_powershell_first) {
        (true, true) => &["powershell", "pwsh"],
        (true, false) => &["pwsh", "powershell"],
        (false, _) => &["pwsh"],
    };
    find_in(explicit, env.as_deref(), std::env::var_os("PATH").as_deref(), names)
}

/// [`find_pwsh`] with the environment passed in, so it can be tested.
pub fn find_pwsh_in(
    explicit: Option<&Path>,
    env: Option<&Path>,
    path_var: Option<&std::ffi::OsStr>,
) -> Result<PathBuf, ProcessError> {
    let names: &[&str] = if cfg!(windows) { &["pwsh", "powershell"] } else { &["pwsh"] };
    find_in(explicit, env, path_var, names)
}

fn find_in(
    explicit: Option<&Path>,
    env: Option<&Path>,
    path_var: Option<&std::ffi::OsStr>,
    names: &[&str],
) -> Result<PathBuf, ProcessError> {
    for (given, origin) in [(explicit, "--pwsh"), (env, PWSH_ENV)] {
        if let Some(p) = given {
            if p.components().count() > 1 || p.is_absolute() {
                if p.is_file() {
                    return Ok(p.to_path_buf());
                }
                return Err(ProcessError::NotFound {
                    searched: format!("{origin} names {}, which is not a file", p.display()),
                });
            }
            // A bare name: look it up on PATH like a shell would.
            return search_path(p.as_os_str(), path_var).ok_or_else(|| ProcessError::NotFound {
                searched: format!("{origin} names {}, which is not on PATH", p.display()),
            });
        }
    }
    for name in names {
        if let Some(found) = search_path(std::ffi::OsStr::new(name), path_var) {
            return Ok(found);
        }
    }
    Err(ProcessError::NotFound { searched: format!("looked for {} on PATH", names.join(" and ")) })
}

fn search_path(name: &std::ffi::OsStr, path_var: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    // Only real executables: a .cmd/.bat shim runs under cmd.exe, and killing cmd.exe on drop
    // would leave the PowerShell behind it running. A shim can still be named with --pwsh.
    let exts: &[&str] = if cfg!(windows) { &[".exe", ""] } else { &[""] };
    std::env::split_paths(path_var?).find_map(|dir| {
        exts.iter()
            .map(|ext| {
                let mut file = name.to_os_string();
                file.push(ext);
                dir.join(file)
            })
            .find(|candidate| candidate.is_file())
    })
}

/// The server-mode arguments for an executable: Windows PowerShell needs `-Version 5.1` in front (it keeps it
/// out of v2 compatibility mode).
pub fn server_args(program: &Path) -> Vec<String> {
    // Split on both separators: a Windows path is recognised wherever mbxctl runs.
    let text = program.to_string_lossy();
    let file = text.rsplit(['/', '\\']).next().unwrap_or_default().to_ascii_lowercase();
    let mut args = Vec::new();
    if file == "powershell" || file == "powershell.exe" {
        args.extend(["-Version".to_string(), "5.1".to_string()]);
    }
    args.extend(["-s", "-NoLogo", "-NoProfile"].map(String::from));
    args
}

/// A running PowerShell server process.
#[derive(Debug)]
pub struct PwshProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: mpsc::Receiver<Incoming>,
    program: PathBuf,
}

impl PwshProcess {
    /// Starts `program args…` with piped standard streams and `kill_on_drop`. `max_line` bounds one stdout line.
    pub fn spawn(
        program: &Path,
        args: &[String],
        envs: &[(String, String)],
        max_line: usize,
    ) -> Result<PwshProcess, ProcessError> {
        let mut cmd = Command::new(program);
        cmd.args(args)
            .envs(envs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        #[cfg(windows)]
        {
            // No console window flashing up for the child.
            const CREATE_NO_WINDOW: u32 = 0x0800_0000;
            cmd.creation_flags(CREATE_NO_WINDOW);
        }
        let mut child = cmd.spawn().map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => {
                ProcessError::NotFound { searched: format!("{} does not exist", program.display()) }
            }
            _ => ProcessError::Spawn { program: program.display().to_string(), source },
        })?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let (tx, incoming) = mpsc::channel(1024);
        if let Some(stdout) = stdout {
            tokio::spawn(read_stdout(stdout, tx.clone(), max_line));
        }
        if let Some(stderr) = stderr {
            tokio::spawn(read_stderr(stderr, tx));
        }
        Ok(PwshProcess { child, stdin, incoming, program: program.to_path_buf() })
    }

    /// The executable.
    pub fn program(&self) -> &Path {
        &self.program
    }

    /// Writes one line (a `\n` is appended) and flushes.
    pub async fn write_line(&mut self, line: &str) -> Result<(), ProcessError> {
        let stdin = self.stdin.as_mut().ok_or_else(|| ProcessError::Write(std::io::ErrorKind::BrokenPipe.into()))?;
        let mut buf = Vec::with_capacity(line.len() + 1);
        buf.extend_from_slice(line.as_bytes());
        buf.push(b'\n');
        stdin.write_all(&buf).await.map_err(ProcessError::Write)?;
        stdin.flush().await.map_err(ProcessError::Write)
    }

    /// The next thing the process said; `None` once both readers have finished.
    pub async fn next(&mut self) -> Option<Incoming> {
        self.incoming.recv().await
    }

    /// What is already waiting, without blocking (used to gather every stderr line of a failure).
    pub fn try_next(&mut self) -> Option<Incoming> {
        self.incoming.try_recv().ok()
    }

    /// Waits up to `limit` for the process to exit on its own.
    pub async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        tokio::time::timeout(limit, self.child.wait()).await.ok().and_then(Result::ok)
    }

    /// Kills the process and reaps it, so no zombie is left.
    pub async fn kill(&mut self) {
        self.stdin = None;
        let _ = self.child.start_kill();
        let _ = tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await;
    }

    /// The process id, while running.
    pub fn id(&self) -> Option<u32> {
        self.child.id()
    }
}

async fn read_stdout(stdout: impl AsyncRead + Unpin, tx: mpsc::Sender<Incoming>, max_line: usize) {
    let mut reader = BufReader::new(stdout);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        // Read at most one byte past the limit so an endless line cannot grow memory.
        let limit = u64::try_from(max_line).unwrap_or(u64::MAX).saturating_add(2);
        let n = match (&mut reader).take(limit).read_until(b'\n', &mut buf).await {
            Ok(n) => n,
            Err(e) => {
                let _ = tx.send(Incoming::ReadError(format!("reading PowerShell's output failed: {e}"))).await;
                return;
            }
        };
        if n == 0 {
            let _ = tx.send(Incoming::Eof).await;
            return;
        }
        if buf.last() != Some(&b'\n') && buf.len() as u64 >= limit {
            let msg = format!("PowerShell wrote a line longer than {max_line} bytes");
            let _ = tx.send(Incoming::ReadError(msg)).await;
            return;
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let line = match String::from_utf8(std::mem::take(&mut buf)) {
            Ok(l) => l,
            Err(_) => {
                let _ = tx.send(Incoming::ReadError("PowerShell wrote a line that is not UTF-8".into())).await;
                return;
            }
        };
        if tx.send(Incoming::Line(line)).await.is_err() {
            return;
        }
    }
}

async fn read_stderr(stderr: impl AsyncRead + Unpin, tx: mpsc::Sender<Incoming>) {
    let mut lines = BufReader::new(stderr.take(1 << 20)).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let line = line.trim_end().to_string();
        if line.is_empty() {
            continue;
        }
        if tx.send(Incoming::Stderr(line)).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_args_follow_powershell() {
        assert_eq!(server_args(Path::new("/usr/bin/pwsh")), ["-s", "-NoLogo", "-NoProfile"]);
        assert_eq!(
            server_args(Path::new(r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe")),
            ["-Version", "5.1", "-s", "-NoLogo", "-NoProfile"]
        );
    }

    #[test]
    fn finds_pwsh_in_order_and_explains_when_missing() {
        let dir = tempfile::tempdir().unwrap();
        let name = if cfg!(windows) { "pwsh.exe" } else { "pwsh" };
        let exe = dir.path().join(name);
        std::fs::write(&exe, "").unwrap();
        let path_var = std::env::join_paths([dir.path()]).unwrap();
        assert_eq!(find_pwsh_in(None, None, Some(&path_var)).unwrap(), exe);
        let other = dir.path().join("other");
        std::fs::write(&other, "").unwrap();
        assert_eq!(find_pwsh_in(Some(&other), Some(&exe), None).unwrap(), other);
        assert_eq!(find_pwsh_in(None, Some(&other), Some(&path_var)).unwrap(), other);

        let err = find_pwsh_in(None, None, Some(std::ffi::OsStr::new(""))).unwrap_err().to_string();
        assert!(err.contains("Install PowerShell 7") && err.contains("--pwsh") && err.contains("MBXCTL_PWSH"), "{err}");
        let err = find_pwsh_in(Some(&dir.path().join("nope")), None, None).unwrap_err().to_string();
        assert!(err.contains("--pwsh names") && err.contains("not a file"), "{err}");
    }

    #[tokio::test]
    async fn missing_executable_is_not_found() {
        let err = PwshProcess::spawn(Path::new("/definitely/not/here/pwsh"), &[], &[], 1024).unwrap_err();
        assert!(matches!(err, ProcessError::NotFound { .. }), "{err}");
    }

    #[tokio::test]
    async fn line_reader_bounds_lines() {
        let (tx, mut rx) = mpsc::channel(8);
        let data: &[u8] = b"short\r\nxxxxxxxxxxxxxxxxxxxxxxxx\n";
        read_stdout(data, tx, 10).await;
        assert_eq!(rx.recv().await, Some(Incoming::Line("short".into())));
        assert_eq!(rx.recv().await, Some(Incoming::ReadError("PowerShell wrote a line longer than 10 bytes".into())));
        let (tx, mut rx) = mpsc::channel(8);
        read_stderr(&b"\nboom\r\n"[..], tx).await;
        assert_eq!(rx.recv().await, Some(Incoming::Stderr("boom".into())));
        assert_eq!(rx.recv().await, None);
    }
}
