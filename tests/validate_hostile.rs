//! `validate` on broken scripts: the judged corpus scripts with bytes inserted, cut, repeated and
//! corrupted (quotes, here-string marks, `$(`, brackets, NULs, BOMs, invalid UTF-8, smart quotes,
//! PowerShell 7 operators). Whatever the damage, validate must answer: exit 0, 1 or 2, never a
//! panic, and `--json` must be one JSON document. A panic once hid in the `#requires` check
//! (byte 9 of a line inside a character); this is the net for that class.
//!
//! Deterministic: a fixed seed (`MBXCTL_FUZZ_SEED` to vary it); the default one reproduced the
//! `#requires` panic before its fix.

use std::path::PathBuf;
use std::process::Command;

/// A small deterministic generator (xorshift64*): no dependency, same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&[u8]] = &[
    b"`",
    b"\"",
    b"'",
    b"@\"",
    b"\"@",
    b"@'",
    b"'@",
    b"$(",
    b")",
    b"{",
    b"}",
    b"[",
    b"]",
    b"(",
    b"@{",
    b"--%",
    b"\0",
    b"\xff\xfe",
    b"\xe2\x80\x9c",
    b"\r",
    b"\n",
    b"#",
    b"<#",
    b"#>",
    b"-",
    b"|",
    b"&&",
    b"??",
    b"?.",
    b"\\",
    b"$",
    b"${",
    b"::",
    b"..",
    b"\t",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xe2\x82\xac",
    b"#requires -Version 5.1\n",
    b"Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n",
    b" -Identity ",
    b"@p ",
];

fn mutate(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(6) {
        let pos = rng.below(data.len());
        match rng.below(10) {
            0..=3 => {
                let piece = PIECES[rng.below(PIECES.len())];
                data.splice(pos..pos, piece.iter().copied());
            }
            4 | 5 => {
                let end = (pos + 1 + rng.below(20)).min(data.len());
                data.drain(pos..end);
            }
            6 => data.truncate(pos),
            7 => {
                let junk: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                data.splice(pos..pos, junk);
            }
            _ => {
                let from = rng.below(data.len());
                let end = (from + 1 + rng.below(200)).min(data.len());
                let copy = data[from..end].to_vec();
                data.splice(pos..pos, copy);
            }
        }
    }
    data
}

#[test]
fn broken_scripts_get_an_answer_never_a_panic() {
    let seed = std::env::var("MBXCTL_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut rng = Rng(seed | 1);
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ps1"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 100, "the corpus should hold over 100 scripts");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.ps1");
    let mut failures = Vec::new();
    for round in 0..240 {
        let source = &scripts[rng.below(scripts.len())];
        let data = mutate(&mut rng, std::fs::read(source).unwrap());
        std::fs::write(&file, &data).unwrap();
        for json in [false, true] {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_mbxctl"));
            if json {
                cmd.arg("--json");
            }
            let out = cmd.arg("validate").arg(&file).env("NO_COLOR", "1").output().unwrap();
            let code = out.status.code();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let answered = matches!(code, Some(0..=2)) && !stderr.contains("panicked");
            let json_ok = !json || code == Some(2) || serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok();
            if !answered || !json_ok {
                let kept = dir.path().join(format!("failure-{round}.ps1"));
                std::fs::write(&kept, &data).unwrap();
                failures.push(format!(
                    "round {round} (from {}, json {json}): exit {code:?}, json ok {json_ok}\n{}",
                    source.display(),
                    stderr.lines().take(3).collect::<Vec<_>>().join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "seed {seed:#x}:\n{}", failures.join("\n\n"));
}
