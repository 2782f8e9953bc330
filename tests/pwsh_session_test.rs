//! `mbxctl session test` as a health check, against a real PowerShell (tests/data/pwsh/support.rs): the exit
//! code and `--json` without Exchange cmdlets, with the Exchange stand-in (tests/data/pwsh/ExchangeStandin) and
//! with a role taken away; the account checked is the one PowerShell runs as, with no USER/USERNAME set.

#[path = "data/pwsh/support.rs"]
mod support;

use serde_json::{Value as Json, json};
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs mbxctl with a `custom` profile named `p` importing `modules`, and `MBXCTL_TEST_ROLES` = `roles`.
fn mbxctl(pwsh: &std::path::Path, modules: &[&str], roles: &str, args: &[&str]) -> (Run, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let profile = support::profile("p", &modules.iter().map(|m| (*m, None)).collect::<Vec<_>>());
    std::fs::write(dir.path().join("profiles.json"), json!({ "profiles": [profile] }).to_string()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl"))
        .arg("--pwsh")
        .arg(pwsh)
        .args(["--profile", "p"])
        .args(args)
        .current_dir(dir.path())
        .env_remove("MBXCTL_LAB")
        .env_remove("MBXCTL_PWSH")
        // Services and containers often have none of these: the account must come from the OS.
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("USERDOMAIN")
        .env("MBXCTL_CONFIG", dir.path().join("profiles.json"))
        .env("MBXCTL_RUNS_DIR", dir.path().join("runs"))
        .env("MBXCTL_TEST_ROLES", roles)
        .output()
        .expect("start mbxctl");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    (run, dir)
}

fn json_of(run: &Run) -> Json {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr))
}

/// The account PowerShell runs as, asked of PowerShell itself.
fn powershell_user(pwsh: &std::path::Path) -> String {
    let out =
        Command::new(pwsh).args(["-NoLogo", "-NoProfile", "-Command", "[Environment]::UserName"]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn without_exchange_cmdlets_session_test_fails_with_exit_code_5() {
    let Some(pwsh) = support::pwsh() else { return };
    let (run, _dir) = mbxctl(&pwsh, &["MbxTest"], "", &["--json", "session", "test"]);
    assert_eq!(run.code, 5, "{}\n{}", run.stdout, run.stderr);
    let doc = json_of(&run);
    assert_eq!(doc["status"], "no-exchange");
    assert_eq!(doc["exchange_answered"], false);
    assert_eq!(doc["exit_code"], 5);
    assert!(doc["problems"].to_string().contains("Get-ExchangeServer"), "{doc}");
    let (run, _dir) = mbxctl(&pwsh, &["MbxTest"], "", &["session", "test"]);
    assert_eq!(run.code, 5);
    assert!(run.stdout.contains("no Exchange: the session opened but Exchange did not answer"), "{}", run.stdout);
}

#[test]
fn with_exchange_and_every_role_session_test_passes_for_the_account_powershell_runs_as() {
    let Some(pwsh) = support::pwsh() else { return };
    let (run, _dir) =
        mbxctl(&pwsh, &["ExchangeStandin"], "Mail Recipients,Reset Password", &["--json", "session", "test"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let doc = json_of(&run);
    assert_eq!(doc["status"], "healthy");
    assert_eq!(doc["exchange_server"], "EX01");
    assert_eq!(doc["exchange_version"], "Version 15.2 (Build 1544.4)");
    let account = doc["account"].as_str().expect("the account checked is named");
    let expected = powershell_user(&pwsh);
    assert!(account.ends_with(&expected), "checked {account}, PowerShell runs as {expected}");
    assert_eq!(doc["account_source"], "powershell-process");
    assert_eq!(doc["roles"][0]["held"], true);
    assert_eq!(doc["roles"][0]["via"], json!(["Recipient Management"]));
    assert_eq!(doc["roles"][1]["held"], true);
    let (run, _dir) = mbxctl(&pwsh, &["ExchangeStandin"], "Mail Recipients,Reset Password", &["session", "test"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains(&format!("Account checked   {account} (the account PowerShell runs as)")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_role_fails_with_exit_code_1() {
    let Some(pwsh) = support::pwsh() else { return };
    let (run, _dir) = mbxctl(&pwsh, &["ExchangeStandin"], "Mail Recipients", &["--json", "session", "test"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let doc = json_of(&run);
    assert_eq!(doc["status"], "role-missing");
    assert_eq!(doc["exchange_answered"], true);
    assert_eq!(doc["roles"][0]["held"], true);
    assert_eq!(doc["roles"][1]["role"], "Reset Password");
    assert_eq!(doc["roles"][1]["held"], false, "someone else's assignment must not count");
}

#[test]
fn a_failing_set_up_says_its_prefix_once_in_session_test_and_in_a_batch() {
    let Some(pwsh) = support::pwsh() else { return };
    let (run, _dir) = mbxctl(&pwsh, &["NoSuchMbxModule"], "", &["session", "test"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(run.stderr.contains("profile 'p' set-up step 1 (Import-Module) failed"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("could not start the shell").count(), 1, "{}", run.stderr);

    let input = tempfile::tempdir().unwrap();
    let csv = input.path().join("batch.csv");
    std::fs::write(&csv, "Identity\nkim@contoso.com\nlee@contoso.com\n").unwrap();
    let csv = csv.to_string_lossy().into_owned();
    let (run, _dir) =
        mbxctl(&pwsh, &["NoSuchMbxModule"], "", &["convert", "--from", &csv, "--to", "shared", "--sessions", "2"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(run.stderr.contains("set-up step 1 (Import-Module) failed"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("could not start the shell").count(), 1, "{}", run.stderr);
}
