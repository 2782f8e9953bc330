//! Helpers shared by the end-to-end tests that run the `mbxctl` binary (`mod common;`): a
//! throw-away LAB directory, running the binary with arguments, standard input and environment,
//! and reading its JSON. Every run also asserts that the binary did not panic.
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output, decoded as UTF-8 (lossy).
    pub stdout: String,
    /// Standard error, decoded as UTF-8 (lossy).
    pub stderr: String,
}

impl Run {
    /// Standard output parsed as one JSON document; panics with both streams when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }

    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(self.code, expected, "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

/// A command line being built.
pub struct Mbx {
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    env: Vec<(String, String)>,
    home: PathBuf,
}

/// A per-process scratch home so nothing a test runs reads or writes the real user's profiles.
fn scratch_home() -> PathBuf {
    let d = std::env::temp_dir().join(format!("mbxctl-e2e-home-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}

/// Starts a command line: `mbx(&["render", "-"])`.
pub fn mbx<S: AsRef<str>>(args: &[S]) -> Mbx {
    Mbx {
        args: args.iter().map(|a| a.as_ref().to_string()).collect(),
        stdin: None,
        env: Vec::new(),
        home: scratch_home(),
    }
}

impl Mbx {
    /// Feeds these bytes on standard input (otherwise standard input is empty, never a terminal).
    pub fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(bytes.as_ref().to_vec());
        self
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }

    /// Runs the binary to completion. Panics if it panicked (a stack trace is never acceptable).
    pub fn run(self) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mbxctl"));
        cmd.args(&self.args)
            .env_remove("MBXCTL_LAB")
            .env_remove("MBXCTL_PWSH")
            .env_remove("RUST_BACKTRACE")
            .env("HOME", &self.home)
            .env("USERPROFILE", &self.home)
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("APPDATA", self.home.join("appdata"))
            .env("LOCALAPPDATA", self.home.join("localappdata"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start mbxctl");
        let input = self.stdin.unwrap_or_default();
        let mut pipe = child.stdin.take().expect("stdin pipe");
        let writer = std::thread::spawn(move || {
            // The binary may exit without reading; a broken pipe here is not a test failure.
            let _ = pipe.write_all(&input);
        });
        let out = child.wait_with_output().expect("wait for mbxctl");
        let _ = writer.join();
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked at") && !run.stderr.contains("stack backtrace"),
            "mbxctl {:?} panicked:\n{}",
            self.args,
            run.stderr
        );
        run
    }
}

/// A LAB in a temporary directory, removed when dropped.
pub struct Lab {
    _tmp: tempfile::TempDir,
    /// The LAB directory (`--lab-dir`).
    pub dir: PathBuf,
}

impl Lab {
    fn empty() -> Lab {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("lab");
        Lab { _tmp: tmp, dir }
    }

    /// A fresh default organisation (`mbxctl lab init`).
    pub fn init() -> Lab {
        let lab = Lab::empty();
        lab.mbx(&["lab", "init"]).run().code(0);
        lab
    }

    /// An organisation imported from JSON (`mbxctl lab import FILE`).
    pub fn import(org: &Value) -> Lab {
        let lab = Lab::empty();
        let file = lab._tmp.path().join("org.json");
        std::fs::write(&file, serde_json::to_string_pretty(org).expect("org json")).expect("write org");
        lab.mbx(&["lab", "import", file.to_str().expect("utf-8 path")]).run().code(0);
        lab
    }

    /// The temporary directory around the LAB, for extra files a test writes.
    pub fn scratch(&self) -> &Path {
        self._tmp.path()
    }

    /// A command line against this LAB: `--lab-dir DIR` and then `args`.
    pub fn mbx<S: AsRef<str>>(&self, args: &[S]) -> Mbx {
        let mut all = vec!["--lab-dir".to_string(), self.dir.to_string_lossy().into_owned()];
        all.extend(args.iter().map(|a| a.as_ref().to_string()));
        mbx(&all)
    }

    /// Runs `args` against this LAB with `--json` and returns the exit code and the document.
    pub fn json<S: AsRef<str>>(&self, args: &[S]) -> (i32, Value) {
        let mut all = vec!["--json".to_string()];
        all.extend(args.iter().map(|a| a.as_ref().to_string()));
        let run = self.mbx(&all).run();
        let doc = run.json();
        assert_eq!(doc["exit_code"].as_i64(), Some(run.code as i64), "exit_code in the JSON: {doc:#}");
        (run.code, doc)
    }

    /// `lab show --json`: the whole organisation.
    pub fn show(&self) -> Value {
        let run = self.mbx(&["--json", "lab", "show"]).run();
        run.code(0);
        run.json()
    }

    /// The on-premises recipient named `name` in `lab show`.
    #[track_caller]
    pub fn onprem(&self, name: &str) -> Value {
        find(&self.show()["OnPremises"]["Recipients"], name)
    }

    /// The Exchange Online mailbox named `name` in `lab show`.
    #[track_caller]
    pub fn online(&self, name: &str) -> Value {
        find(&self.show()["Online"]["Mailboxes"], name)
    }

    /// `lab audit --json`: the admin audit log entries, oldest first.
    pub fn audit(&self) -> Vec<Value> {
        let run = self.mbx(&["--json", "lab", "audit"]).run();
        run.code(0);
        run.json()["entries"].as_array().cloned().expect("entries array")
    }

    /// Every byte of every file in the LAB directory, for "this secret is nowhere" checks.
    pub fn files_contain(&self, needle: &str) -> bool {
        let mut stack = vec![self.dir.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("read lab dir").flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(bytes) = std::fs::read(&p)
                    && bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
                {
                    return true;
                }
            }
        }
        false
    }
}

/// The object named `name` in a JSON array of Exchange objects.
#[track_caller]
pub fn find(list: &Value, name: &str) -> Value {
    list.as_array()
        .expect("an array")
        .iter()
        .find(|r| r["Name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("'{name}' is not in {list:#}"))
}

/// The check with `id` in a convert result; panics listing the ids when absent.
#[track_caller]
pub fn check<'a>(result: &'a Value, id: &str) -> &'a Value {
    let checks = result["checks"].as_array().expect("checks");
    checks.iter().find(|c| c["id"] == id).unwrap_or_else(|| {
        panic!("no check '{id}' in {:?}", checks.iter().map(|c| c["id"].as_str().unwrap_or("?")).collect::<Vec<_>>())
    })
}

/// The ids and verdicts of a convert result's checks, in order: `["exists:pass", ...]`.
pub fn verdicts(result: &Value) -> Vec<String> {
    result["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| format!("{}:{}", c["id"].as_str().unwrap_or("?"), c["verdict"].as_str().unwrap_or("?")))
        .collect()
}

/// The command texts of a convert result, in order.
pub fn commands(result: &Value) -> Vec<String> {
    result["commands"]
        .as_array()
        .expect("commands")
        .iter()
        .map(|c| c["text"].as_str().expect("text").to_string())
        .collect()
}

/// `(cmdlet, object)` of each audit entry.
pub fn audit_cmdlets(entries: &[Value]) -> Vec<(String, String)> {
    entries
        .iter()
        .map(|e| {
            (e["CmdletName"].as_str().unwrap_or("").to_string(), e["ObjectModified"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

/// A minimal organisation for `lab import`: one 2019 server, one database, the default roles,
/// and the given on-premises recipients and Exchange Online mailboxes.
pub fn org(recipients: Value, online: Value) -> Value {
    serde_json::json!({
        "Organization": {"Name": "Fabrikam", "Domain": "fabrikam.com", "TenantDomain": "fabrikam.onmicrosoft.com"},
        "OnPremises": {
            "Servers": [{"Name": "EX19", "AdminDisplayVersion": "Version 15.2 (Build 1544.4)"}],
            "Databases": [{"Name": "DB1", "Server": "EX19"}],
            "Recipients": recipients
        },
        "Online": {"Mailboxes": online}
    })
}
