//! What a person sees in a terminal: colour by the conventions (`NO_COLOR`, `CLICOLOR_FORCE`,
//! `--color`), tables that fit the width and cut long cells with `…` (whole into a pipe), the
//! config file's defaults and their precedence, completions, and the profile messages.

mod common;

use common::{Lab, mbx};
use std::path::{Path, PathBuf};

const ESC: char = '\u{1b}';

/// The text without ANSI colour sequences (`ESC [ ... m`).
fn strip(s: &str) -> String {
    let mut o = String::new();
    let mut esc = false;
    for c in s.chars() {
        match (esc, c) {
            (false, ESC) => esc = true,
            (true, 'm') => esc = false,
            (true, _) => {}
            (false, c) => o.push(c),
        }
    }
    o
}

/// Width in terminal columns (the tables here hold no wide characters).
fn width(line: &str) -> usize {
    strip(line).chars().count()
}

#[track_caller]
fn assert_fits(text: &str, w: usize) {
    for line in text.lines() {
        assert!(width(line) <= w, "line wider than {w} ({}):\n{line}\n\nwhole output:\n{text}", width(line));
    }
}

/// A LAB where kim was converted with a grant, so the audit log has long PARAMETERS cells.
fn converted_lab() -> Lab {
    let lab = Lab::init();
    lab.mbx(&["convert", "kim", "--to", "shared", "--full-access", "megan", "--send-as", "megan"]).run().code(0);
    lab
}

#[test]
fn colour_forced_at_80_columns_marks_the_banner_and_statuses() {
    let lab = Lab::init();
    let run = lab
        .mbx(&["--width", "80", "convert", "kim", "--to", "shared", "--full-access", "megan"])
        .env("NO_COLOR", "")
        .env("CLICOLOR_FORCE", "1")
        .run();
    run.code(0);
    let out = &run.stdout;
    assert!(out.contains(ESC), "CLICOLOR_FORCE=1 gives colour into a pipe:\n{out}");
    // The LAB banner is marked, CONVERTED is green, the commands that ran say ok in green.
    assert!(out.contains("=== LAB ===\u{1b}[0m"), "banner marked:\n{out:?}");
    assert!(out.contains("\u{1b}[32mCONVERTED\u{1b}[0m"), "CONVERTED green:\n{out:?}");
    assert!(out.contains("\u{1b}[32mok \u{1b}[0m"), "ok green:\n{out:?}");
    assert_eq!(lab.onprem("Kim Akers")["RecipientTypeDetails"], "SharedMailbox");

    let audit = lab.mbx(&["--width", "80", "lab", "audit"]).env("NO_COLOR", "").env("CLICOLOR_FORCE", "1").run();
    audit.code(0);
    assert!(audit.stdout.contains("\u{1b}[32mok\u{1b}[0m"), "RESULT ok green:\n{:?}", audit.stdout);
    assert_fits(&audit.stdout, 80);

    // A blocked conversion is red: adele is a migrated hybrid mailbox.
    let blocked = lab
        .mbx(&["convert", "adele", "--to", "shared", "--dry-run"])
        .env("NO_COLOR", "")
        .env("CLICOLOR_FORCE", "1")
        .run();
    blocked.code(3);
    assert!(blocked.stdout.contains("\u{1b}[31mBLOCK"), "BLOCK red:\n{:?}", blocked.stdout);
}

#[test]
fn no_color_means_no_escape_codes_and_the_flag_outranks_it() {
    let lab = converted_lab();
    for args in [
        vec!["--width", "80", "lab", "audit"],
        vec!["convert", "kim", "--to", "shared", "--dry-run"],
        vec!["runs", "list"],
        vec!["convert", "adele", "--to", "shared", "--dry-run"],
    ] {
        let run = lab.mbx(&args).env("NO_COLOR", "1").env("CLICOLOR_FORCE", "1").run();
        assert!(
            !run.stdout.contains(ESC) && !run.stderr.contains(ESC),
            "{args:?} coloured under NO_COLOR:\n{}",
            run.stdout
        );
        // Without any setting, a pipe gets no colour either.
        let plain = lab.mbx(&args).env("NO_COLOR", "").run();
        assert!(!plain.stdout.contains(ESC), "{args:?} coloured into a pipe:\n{}", plain.stdout);
    }
    let forced = lab.mbx(&["--color", "always", "lab", "audit"]).env("NO_COLOR", "1").run();
    assert!(forced.stdout.contains(ESC), "--color always outranks NO_COLOR:\n{}", forced.stdout);
    let never = lab.mbx(&["--color", "never", "lab", "audit"]).env("NO_COLOR", "").env("CLICOLOR_FORCE", "1").run();
    assert!(!never.stdout.contains(ESC), "--color never outranks CLICOLOR_FORCE");
    // JSON is never coloured, whatever is asked.
    let json = lab.mbx(&["--json", "--color", "always", "lab", "audit"]).run();
    assert!(!json.stdout.contains(ESC));
    json.json();
    // An error is `error:` in red when colour is on, and plain otherwise.
    let err = lab.mbx(&["--color", "always", "runs", "show", "nosuchrun"]).run();
    assert!(err.stderr.starts_with("\u{1b}[1m\u{1b}[31merror\u{1b}[0m: "), "{:?}", err.stderr);
    let err = lab.mbx(&["runs", "show", "nosuchrun"]).run();
    assert!(err.stderr.starts_with("error: "), "{:?}", err.stderr);
}

#[test]
fn tables_fit_the_width_cut_with_an_ellipsis_and_are_whole_into_a_pipe() {
    let lab = converted_lab();
    let whole = "-Identity kim@contoso.com -User megan -AccessRights FullAccess -InheritanceType All";
    let piped = lab.mbx(&["lab", "audit"]).run();
    piped.code(0);
    assert!(piped.stdout.contains(whole), "a pipe gets cells whole:\n{}", piped.stdout);
    assert!(!piped.stdout.contains('…'));
    assert!(piped.stdout.lines().any(|l| width(l) > 80), "the whole audit table is wider than 80");

    for (how, run) in [
        ("--width 80", lab.mbx(&["--width", "80", "lab", "audit"]).run()),
        ("MBXCTL_WIDTH=80", lab.mbx(&["lab", "audit"]).env("MBXCTL_WIDTH", "80").run()),
    ] {
        run.code(0);
        assert_fits(&run.stdout, 80);
        assert!(run.stdout.contains('…'), "{how}: long cells end in …:\n{}", run.stdout);
        assert!(!run.stdout.contains(whole), "{how}");
        // The short columns stay whole: the date, the side, the result.
        let row = run.stdout.lines().find(|l| l.contains("Add-Mailbox")).expect("a row for Add-MailboxPermission");
        assert!(row.contains("OnPremises") && row.contains(" ok "), "{how}: {row}");
        assert!(
            row.split_whitespace().next().is_some_and(|d| d.ends_with('Z') && d.len() == 20),
            "{how}: date whole: {row}"
        );
    }
    // The flag outranks the environment; 0 means never cut.
    let zero = lab.mbx(&["--width", "0", "lab", "audit"]).env("MBXCTL_WIDTH", "60").run();
    assert!(zero.stdout.contains(whole));
    let narrow = lab.mbx(&["--width", "40", "lab", "audit"]).env("MBXCTL_WIDTH", "120").run();
    // The title line names the LAB's path; the table under it fits.
    let table: String = narrow.stdout.lines().skip(1).map(|l| format!("{l}\n")).collect();
    assert!(table.starts_with("RUN DATE"), "{table}");
    assert_fits(&table, 40);

    // The other tables admins read at 80 columns.
    for args in [vec!["runs", "list"], vec!["list"], vec!["cmdlets"], vec!["lab", "audit"]] {
        let mut all = vec!["--width", "80"];
        all.extend(args.iter().copied());
        let run = lab.mbx(&all).run();
        run.code(0);
        // Title lines name the LAB's temporary path, whatever its length; the tables fit.
        let tables: String = run
            .stdout
            .lines()
            .filter(|l| !["=== LAB", "Runs in", "LAB admin audit log"].iter().any(|t| strip(l).starts_with(t)))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_fits(&tables, 80);
    }
    let script = lab.scratch().join("runbook.ps1");
    std::fs::write(
        &script,
        "Set-Mailbox -Identity 'a-very-long-identity-of-a-leaver@contoso.onmicrosoft.com' -Type Shared -GrantSendOnBehalfTo 'someone.else@contoso.onmicrosoft.com'\n",
    )
    .unwrap();
    let run = mbx(&["--width", "80", "validate", script.to_str().unwrap()]).run();
    let table: String = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("LINE:COL"))
        .take_while(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(table.lines().count() >= 3, "{}", run.stdout);
    assert_fits(&table, 80);
    assert!(run.stdout.contains('…'), "{}", run.stdout);
}

#[test]
fn the_input_problems_table_fits_80_columns() {
    let lab = Lab::init();
    let csv = lab.scratch().join("mixed.csv");
    let mut body = String::from("Identity,Comment\r\n");
    body.push_str("kim,ok\r\n");
    body.push_str(",an empty identity on a row with a very long comment that goes past eighty columns for sure\r\n");
    body.push_str("\"unterminated,quote\r\n");
    std::fs::write(&csv, body).unwrap();
    let run =
        lab.mbx(&["--width", "80", "convert", "--from", csv.to_str().unwrap(), "--to", "shared", "--strict"]).run();
    run.code(2);
    assert!(run.stdout.contains("PROBLEM"), "{}\n{}", run.stdout, run.stderr);
    assert_fits(&run.stdout, 80);
    // Refused before anything ran: kim is still a user mailbox.
    assert_eq!(lab.onprem("Kim Akers")["RecipientTypeDetails"], "UserMailbox");
}

/// A scratch config folder: profiles.json and config.toml both live here (`MBXCTL_CONFIG`).
struct ConfigDir {
    _tmp: tempfile::TempDir,
    profiles: PathBuf,
}

impl ConfigDir {
    fn new(config_toml: Option<&str>) -> ConfigDir {
        let tmp = tempfile::tempdir().unwrap();
        let profiles = tmp.path().join("profiles.json");
        if let Some(text) = config_toml {
            std::fs::write(tmp.path().join("config.toml"), text).unwrap();
        }
        ConfigDir { _tmp: tmp, profiles }
    }

    fn env(&self) -> (&'static str, String) {
        ("MBXCTL_CONFIG", self.profiles.to_string_lossy().into_owned())
    }

    fn dir(&self) -> &Path {
        self.profiles.parent().unwrap()
    }
}

fn batch_file(lab: &Lab, names: &[&str]) -> String {
    let f = lab.scratch().join(format!("batch-{}.csv", names.join("-")));
    std::fs::write(&f, format!("Identity\r\n{}\r\n", names.join("\r\n"))).unwrap();
    f.to_string_lossy().into_owned()
}

/// The `--sessions` the newest run was started with, from `runs list --json`.
fn newest_run_sessions(lab: &Lab, cfg: &ConfigDir) -> String {
    let (k, v) = cfg.env();
    let run = lab.mbx(&["--json", "runs", "list"]).env(k, &v).run();
    let doc = run.json();
    let runs = doc["runs"].as_array().expect("runs");
    let newest = runs.iter().max_by_key(|r| r["started"].as_str().unwrap_or_default().to_string()).expect("a run");
    let cmd = newest["command"].as_str().unwrap_or_default().to_string();
    cmd.split("--sessions ").nth(1).unwrap_or_default().split(' ').next().unwrap_or_default().to_string()
}

#[test]
fn config_file_defaults_apply_and_flags_and_environment_win() {
    let cfg = ConfigDir::new(Some(
        "# defaults for this admin\ndefault_profile = \"onprem\"\nsessions = 3\ncolor = \"always\"\nwidth = 60\n",
    ));
    let (k, v) = cfg.env();
    let lab = Lab::init();

    // sessions: config 3, then MBXCTL_SESSIONS, then the flag.
    lab.mbx(&["convert", "--from", &batch_file(&lab, &["kim"]), "--to", "shared"]).env(k, &v).run().code(0);
    assert_eq!(newest_run_sessions(&lab, &cfg), "3");
    lab.mbx(&["convert", "--from", &batch_file(&lab, &["lee"]), "--to", "shared"])
        .env(k, &v)
        .env("MBXCTL_SESSIONS", "5")
        .run();
    assert_eq!(newest_run_sessions(&lab, &cfg), "5");
    lab.mbx(&["convert", "--from", &batch_file(&lab, &["pilar"]), "--to", "shared", "--sessions", "2"])
        .env(k, &v)
        .env("MBXCTL_SESSIONS", "5")
        .run()
        .code(0);
    assert_eq!(newest_run_sessions(&lab, &cfg), "2");
    assert_eq!(lab.onprem("Pilar Pinilla")["RecipientTypeDetails"], "SharedMailbox");

    // colour: config "always" colours a pipe; NO_COLOR (environment) outranks it; the flag outranks both.
    let coloured = lab.mbx(&["lab", "audit"]).env(k, &v).env("NO_COLOR", "").run();
    assert!(coloured.stdout.contains(ESC), "config color = always:\n{}", coloured.stdout);
    let env_wins = lab.mbx(&["lab", "audit"]).env(k, &v).env("NO_COLOR", "1").run();
    assert!(!env_wins.stdout.contains(ESC));
    let flag_wins = lab.mbx(&["--color", "never", "lab", "audit"]).env(k, &v).env("NO_COLOR", "").run();
    assert!(!flag_wins.stdout.contains(ESC));

    // config show says what is in force and where it came from.
    let show = mbx(&["--json", "config", "show"]).env(k, &v).env("NO_COLOR", "").run();
    show.code(0);
    let doc = show.json();
    let s = &doc["settings"];
    assert_eq!(s["default_profile"]["value"], "onprem");
    assert_eq!(s["default_profile"]["source"], "config");
    assert_eq!(s["sessions"]["value"], 3);
    assert_eq!(s["color"]["value"], "always");
    assert_eq!(s["color"]["source"], "config");
    // The config's width is a terminal preference: a pipe still gets whole cells.
    assert_eq!(s["width"]["value"], serde_json::Value::Null);
    assert_eq!(doc["path"], cfg.dir().join("config.toml").to_string_lossy().as_ref());
    let show = mbx(&["--json", "--profile", "other", "config", "show"]).env(k, &v).env("MBXCTL_SESSIONS", "7").run();
    let s = &show.json()["settings"];
    assert_eq!(s["default_profile"]["value"], "other");
    assert_eq!(s["default_profile"]["source"], "flag");
    assert_eq!(s["sessions"]["value"], 7);
    assert_eq!(s["sessions"]["source"], "env");
    let show = mbx(&["--json", "config", "show"]).env(k, &v).env("MBXCTL_PROFILE", "fromenv").run();
    assert_eq!(show.json()["settings"]["default_profile"]["source"], "env");

    // The default profile is used when none is given: it is looked up (and is missing here).
    let run = mbx(&["session", "test"]).env(k, &v).run();
    run.code(2);
    assert!(run.stderr.contains("no profile named 'onprem'"), "{}", run.stderr);

    let path = mbx(&["config", "path"]).env(k, &v).run();
    assert_eq!(path.stdout.trim(), cfg.dir().join("config.toml").to_string_lossy());
}

#[test]
fn config_file_errors_name_the_line_and_the_key() {
    let cfg = ConfigDir::new(Some("width = 100\nsessions = \"four\"\n"));
    let (k, v) = cfg.env();
    let run = mbx(&["runs", "list"]).env(k, &v).run();
    run.code(2);
    assert!(run.stderr.contains("config.toml:2: sessions: "), "{}", run.stderr);
    // `config path` still answers, to find the file.
    let path = mbx(&["config", "path"]).env(k, &v).run();
    path.code(0);
    assert!(path.stdout.trim().ends_with("config.toml"));

    let cfg = ConfigDir::new(Some("\ncolour = \"never\"\n"));
    let (k, v) = cfg.env();
    let run = mbx(&["--json", "config", "show"]).env(k, &v).run();
    run.code(2);
    let doc = run.json();
    let e = doc["error"].as_str().unwrap();
    assert!(e.contains("config.toml:2: unknown key 'colour'") && e.contains("color"), "{e}");
}

#[test]
fn completions_scripts_and_the_dynamic_helper_list_profiles_and_runs() {
    let cfg = ConfigDir::new(None);
    let (k, v) = cfg.env();
    for name in ["onprem", "onprem-dr"] {
        mbx(&["profile", "add", name, "--kind", "exchange-remote", "--server", "ex01.contoso.com"])
            .env(k, &v)
            .run()
            .code(0);
    }
    let lab = converted_lab();

    let ps = mbx(&["completions", "powershell"]).run();
    ps.code(0);
    assert!(ps.stdout.contains("Register-ArgumentCompleter -Native -CommandName 'mbxctl'"), "{}", ps.stdout);
    assert!(!ps.stdout.contains("Invoke-Expression @"), "typed text is never evaluated");
    for shell in ["bash", "zsh", "fish"] {
        let s = mbx(&["completions", shell]).run();
        s.code(0);
        assert!(s.stdout.contains("MBXCTL_COMPLETE"), "{shell}: {}", s.stdout);
    }

    // The hidden helper.
    let profiles = mbx(&["__complete", "profiles"]).env(k, &v).run();
    assert_eq!(profiles.stdout, "onprem\nonprem-dr\n");
    let runs = lab.mbx(&["__complete", "runs"]).run();
    let ids: Vec<&str> = runs.stdout.lines().collect();
    let doc = lab.mbx(&["--json", "runs", "list"]).run().json();
    let id = doc["runs"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(ids, vec![id.as_str()]);

    // What a shell gets at Tab: fish passes the words as arguments, PowerShell in the environment.
    let fish = mbx(&["--", "mbxctl", "--profile", "onprem-"]).env("MBXCTL_COMPLETE", "fish").env(k, &v).run();
    assert_eq!(fish.stdout.trim(), "onprem-dr");
    let dir = lab.dir.to_string_lossy().into_owned();
    let words = ["mbxctl", "--lab-dir", dir.as_str(), "rollback", ""].join("\n");
    let powershell =
        mbx(&[] as &[&str]).env("MBXCTL_COMPLETE", "powershell").env("MBXCTL_COMPLETE_WORDS", &words).run();
    let values: Vec<&str> = powershell.stdout.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(values.contains(&"last") && values.contains(&id.as_str()), "{}", powershell.stdout);
}

#[test]
fn profile_messages_use_the_words_the_admin_types() {
    let cfg = ConfigDir::new(None);
    let (k, v) = cfg.env();
    let add = |extra: &[&str]| {
        let mut args = vec!["profile", "add"];
        args.extend(extra.iter().copied());
        mbx(&args).env(k, &v).run()
    };
    let run = add(&["exo", "--kind", "exchange-online"]);
    run.code(2);
    assert!(run.stderr.contains("--kind exchange-online needs --app-id"), "{}", run.stderr);
    let run =
        add(&["onprem", "--kind", "exchange-remote", "--server", "ex01.contoso.com", "--authentication", "Basic"]);
    run.code(2);
    assert!(run.stderr.contains("--use-ssl") && !run.stderr.contains("useSsl"), "{}", run.stderr);

    add(&["onprem", "--kind", "exchange-remote", "--server", "ex01.contoso.com"]).code(0);
    let again = add(&["onprem", "--kind", "exchange-remote", "--server", "ex02.contoso.com"]);
    again.code(2);
    assert!(again.stderr.contains("already exists") && again.stderr.contains("--force"), "{}", again.stderr);
    let list = || mbx(&["--json", "profile", "list"]).env(k, &v).run().json();
    assert_eq!(list()["profiles"][0]["server"], "ex01.contoso.com", "{}", list());
    add(&["onprem", "--kind", "exchange-remote", "--server", "ex02.contoso.com", "--force"]).code(0);
    assert_eq!(list()["profiles"][0]["server"], "ex02.contoso.com");

    let rm = mbx(&["profile", "remove", "ONPREM"]).env(k, &v).run();
    rm.code(0);
    assert_eq!(list()["profiles"].as_array().map(Vec::len), Some(0));
    let rm = mbx(&["profile", "remove", "onprem"]).env(k, &v).run();
    rm.code(2);
    assert!(rm.stderr.contains("no profile named 'onprem'"), "{}", rm.stderr);
}

#[test]
fn session_test_without_powershell_suggests_the_lab() {
    let empty = tempfile::tempdir().unwrap();
    let run = mbx(&["session", "test"]).env("PATH", &empty.path().to_string_lossy()).run();
    run.code(5);
    assert!(run.stderr.contains("PowerShell was not found"), "{}", run.stderr);
    assert!(run.stderr.contains("mbxctl --lab session test"), "{}", run.stderr);
}

#[test]
fn json_demo_says_it_has_none_and_a_bad_file_is_named_once() {
    let run = mbx(&["--json", "demo"]).run();
    run.code(2);
    let doc = run.json();
    assert!(doc["error"].as_str().unwrap().contains("prints no JSON"), "{doc}");

    let lab = Lab::init();
    let file = lab.scratch().join("mixed.csv");
    std::fs::write(&file, b"\xff\xfeabc").unwrap();
    let run = lab.mbx(&["convert", "--from", file.to_str().unwrap(), "--to", "shared"]).run();
    run.code(2);
    let name = file.to_string_lossy().into_owned();
    assert_eq!(run.stderr.matches(name.as_str()).count(), 1, "{}", run.stderr);
    assert_eq!(lab.onprem("Kim Akers")["RecipientTypeDetails"], "UserMailbox");
}
