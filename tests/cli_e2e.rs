//! The command line end to end: `render`, `validate`, `cmdlets`, `completions`, `--help` of every
//! subcommand, usage errors, `lab faults` / `lab sync` / `lab import`, `session test` on the LAB,
//! and every exit code the README documents.

mod common;

use common::{Lab, mbx, org};
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// render

#[test]
fn render_an_argument_quotes_safely() {
    let run =
        mbx(&["render", r#"{"cmdlet": "Set-Mailbox", "parameters": {"Identity": "O'Brien", "Type": "Shared"}}"#]).run();
    run.code(0);
    assert_eq!(run.stdout, "Set-Mailbox -Identity 'O''Brien' -Type 'Shared'\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn render_from_stdin_single_and_array_with_json() {
    let one = mbx(&["--json", "render"])
        .stdin(r#"{"cmdlet": "Add-MailboxPermission", "parameters": {"Identity": "kim", "User": "ben", "AccessRights": ["FullAccess"], "AutoMapping": false}}"#)
        .run();
    one.code(0);
    assert_eq!(
        one.json(),
        json!({"text": "Add-MailboxPermission -Identity 'kim' -User 'ben' -AccessRights @('FullAccess') -AutoMapping $false", "diagnostics": []})
    );

    let many = mbx(&["--json", "render", "-"])
        .stdin(
            r#"[{"cmdlet": "Set-Mailbox", "parameters": {"Identity": "kim", "GrantSendOnBehalfTo": {"Add": ["ann", "bob"]}}},
                {"cmdlet": "Get-Mailbox", "parameters": {"Identity": "x", "Bogus": 1}}]"#,
        )
        .run();
    many.code(1);
    let doc = many.json();
    let items = doc.as_array().expect("an array for an array");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["text"], "Set-Mailbox -Identity 'kim' -GrantSendOnBehalfTo @{Add='ann','bob'}");
    assert_eq!(items[1]["text"], serde_json::Value::Null);
    assert_eq!(items[1]["diagnostics"][0]["code"], "unknown-parameter");
    assert_eq!(items[1]["diagnostics"][0]["parameter"], "Bogus");
}

#[test]
fn render_invalid_enum_lists_the_valid_values() {
    let run =
        mbx(&["render", r#"{"cmdlet": "Set-Mailbox", "parameters": {"Identity": "kim", "Type": "Sharde"}}"#]).run();
    run.code(1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("'Sharde' is not a valid value"), "{}", run.stderr);
    assert!(run.stderr.contains("valid values: Regular, Room, Equipment, Shared"), "{}", run.stderr);

    let (code, doc) = {
        let r = mbx(&[
            "--json",
            "render",
            r#"{"cmdlet": "Set-Mailbox", "parameters": {"Identity": "kim", "Type": "Sharde"}}"#,
        ])
        .run();
        (r.code, r.json())
    };
    assert_eq!(code, 1);
    assert_eq!(doc["text"], serde_json::Value::Null);
    assert_eq!(doc["diagnostics"][0]["severity"], "error");
    assert_eq!(doc["diagnostics"][0]["code"], "invalid-enum-value");
    assert_eq!(doc["diagnostics"][0]["help"], "valid values: Regular, Room, Equipment, Shared");
}

#[test]
fn render_bad_json_names_line_and_column() {
    let run =
        mbx(&["render"]).stdin("{\"cmdlet\": \"Set-Mailbox\",\n \"parameters\": {\"Identity\": \"kim\",, }}").run();
    run.code(2);
    assert!(run.stderr.starts_with("error: input is not JSON (line 2, column 35)"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("line 2").count() + run.stderr.matches("line 2 column").count(),
        1,
        "position said once: {}",
        run.stderr
    );

    let j = mbx(&["--json", "render", "{"]).run();
    j.code(2);
    let doc = j.json();
    assert_eq!(doc["kind"], "usage");
    assert_eq!(doc["exit_code"], 2);
    assert!(doc["error"].as_str().unwrap().contains("line 1, column 1"), "{doc}");
}

#[test]
fn render_refuses_plain_text_secrets_and_unknown_keys() {
    let run =
        mbx(&["render", r#"{"cmdlet": "Set-Mailbox", "parameters": {"Identity": "kim", "Password": "Hunter2!"}}"#])
            .run();
    run.code(1);
    assert!(run.stderr.contains("plain-text-secret"), "{}", run.stderr);
    assert!(!run.stdout.contains("Hunter2!"));
    assert!(!run.stderr.contains("Hunter2!"), "the secret is echoed: {}", run.stderr);

    let run = mbx(&["render", r#"{"cmdlet": "Set-Mailbox", "params": {"Identity": "kim"}}"#]).run();
    run.code(2);
    assert!(run.stderr.contains(r#"unknown key "params""#), "{}", run.stderr);

    let run = mbx(&["render", r#"[{"cmdlet": "Get-Mailbox"}, {"parameters": {}}]"#]).run();
    run.code(2);
    assert!(run.stderr.contains("invocation [1]"), "names the array item: {}", run.stderr);
    assert!(run.stderr.contains(r#"missing "cmdlet""#), "{}", run.stderr);

    let run = mbx(&["render", r#"{"cmdlet": "Set-Mailbox", "parameters": {"Identity": null}}"#]).run();
    run.code(2);
    assert!(run.stderr.contains("parameter Identity: null is not a value"), "{}", run.stderr);
}

#[test]
fn render_with_an_exchange_version_gates_remote_shared() {
    let inv = r#"{"cmdlet": "Set-RemoteMailbox", "parameters": {"Identity": "kim", "Type": "Shared"}}"#;
    mbx(&["render", "--exchange-version", "2016CU10", inv]).run().code(0);
    let old = mbx(&["render", "--exchange-version", "2016CU9", inv]).run();
    old.code(1);
    assert!(old.stderr.contains("not-available-on-version"), "{}", old.stderr);
    let bad = mbx(&["render", "--exchange-version", "2016CU99x", inv]).run();
    bad.code(2);
    assert!(bad.stderr.contains("--exchange-version '2016CU99x'"), "{}", bad.stderr);
}

// ---------------------------------------------------------------------------------------------
// validate

const SCRIPT: &str = "Get-Mailbox -Identity kim\n$u = 'x'\nSet-RemoteMailbox -Identity $u -Type Shared\nSet-Mailbox kim -Typ Shared\nSet-Mailbox -Identity kim -Type Sharde\n";

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    b
}

#[test]
fn validate_reports_findings_with_line_and_column_in_every_encoding() {
    let crlf = SCRIPT.replace('\n', "\r\n");
    let inputs: [(&str, Vec<u8>); 4] = [
        ("utf-8", SCRIPT.as_bytes().to_vec()),
        ("crlf", crlf.as_bytes().to_vec()),
        ("utf-8 bom", [&[0xEF, 0xBB, 0xBF][..], crlf.as_bytes()].concat()),
        ("utf-16le bom", utf16le_bom(&crlf)),
    ];
    for (what, bytes) in inputs {
        let lab = Lab::init(); // only for its scratch directory
        let file = lab.scratch().join("runbook.ps1");
        std::fs::write(&file, &bytes).unwrap();
        let path = file.to_str().unwrap();
        let run = mbx(&["--json", "validate", path]).run();
        run.code(1);
        let doc = run.json();
        assert_eq!(doc["command"], "validate");
        assert_eq!(doc["errors"], 1, "{what}: {doc:#}");
        assert_eq!(doc["exit_code"], 1);
        let cmds = doc["commands"].as_array().unwrap();
        let at: Vec<String> =
            cmds.iter().map(|c| format!("{}:{} {}", c["line"], c["column"], c["cmdlet"].as_str().unwrap())).collect();
        assert_eq!(at, ["1:1 Get-Mailbox", "3:1 Set-RemoteMailbox", "4:1 Set-Mailbox", "5:1 Set-Mailbox"], "{what}");
        assert_eq!(cmds[1]["parameters"]["Identity"], json!({"dynamic": "$u"}));
        assert_eq!(cmds[2]["parameters"], json!({"Identity": "kim", "Type": "Shared"}), "{what}: -Typ is -Type");
        let f = &cmds[3]["findings"][0];
        assert_eq!(f["code"], "invalid-enum-value");
        assert_eq!(f["position"], json!({"line": 5, "column": 27}), "{what}");

        // The table names file:line:column.
        let table = mbx(&["validate", path]).run();
        table.code(1);
        assert!(table.stdout.contains(&format!("{path}:5:27: error[invalid-enum-value]")), "{what}: {}", table.stdout);
        assert!(table.stdout.contains("4 command(s) checked, 1 error(s), 0 warning(s)"));
    }
}

#[test]
fn validate_gates_set_remote_mailbox_type_shared_on_2016_cu9() {
    let script = "Set-RemoteMailbox -Identity kim -Type Shared\r\n";
    let ok = mbx(&["--json", "validate", "-", "--exchange-version", "2016CU10"]).stdin(script).run();
    ok.code(0);
    assert_eq!(ok.json()["errors"], 0);
    let old = mbx(&["--json", "validate", "-", "--exchange-version", "2016CU9"]).stdin(utf16le_bom(script)).run();
    old.code(1);
    let doc = old.json();
    let f = &doc["commands"][0]["findings"][0];
    assert_eq!(f["code"], "not-available-on-version");
    assert_eq!(f["position"], json!({"line": 1, "column": 33}), "at -Type");
    assert!(f["help"].as_str().unwrap().contains("2016 CU10"), "{f}");
}

#[test]
fn validate_clean_script_exits_0_and_missing_file_exits_2() {
    let run = mbx(&["validate", "-"]).stdin("Set-Mailbox -Identity 'kim@contoso.com' -Type Shared\n").run();
    run.code(0);
    assert!(run.stdout.contains("1 command(s) checked, 0 error(s), 0 warning(s)"));
    let missing = mbx(&["validate", "no/such/runbook.ps1"]).run();
    missing.code(2);
    assert!(missing.stderr.contains("cannot read no/such/runbook.ps1"), "{}", missing.stderr);
    let j = mbx(&["--json", "validate", "no/such/runbook.ps1"]).run();
    j.code(2);
    assert_eq!(j.json()["kind"], "usage");
}

// ---------------------------------------------------------------------------------------------
// cmdlets, completions, help, usage errors

#[test]
fn cmdlets_lists_and_describes() {
    let all = mbx(&["cmdlets"]).run();
    all.code(0);
    assert!(all.stdout.starts_with("CMDLET"), "{}", all.stdout);
    assert!(all.stdout.lines().any(|l| l.starts_with("Set-RemoteMailbox ")));
    let j = mbx(&["--json", "cmdlets"]).run();
    j.code(0);
    let list = j.json();
    let names: Vec<&str> = list.as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
    for n in
        ["Set-Mailbox", "Set-RemoteMailbox", "Add-MailboxPermission", "Connect-Mailbox", "Get-ManagementRoleAssignment"]
    {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }

    let one = mbx(&["cmdlets", "set-remotemailbox"]).run();
    one.code(0);
    assert!(one.stdout.starts_with("Set-RemoteMailbox (OnPremises)"), "{}", one.stdout);
    assert!(one.stdout.lines().any(|l| l.starts_with("Type ") && l.contains("Shared")), "{}", one.stdout);
    let j = mbx(&["--json", "cmdlets", "Set-RemoteMailbox"]).run();
    j.code(0);
    let doc = j.json();
    assert_eq!(doc["name"], "Set-RemoteMailbox");
    assert_eq!(doc["side"], "onpremises");
    assert!(doc["parameters"].as_array().unwrap().iter().any(|p| p["name"] == "Type"));

    let typo = mbx(&["cmdlets", "Set-Mailbx"]).run();
    typo.code(2);
    assert!(typo.stderr.contains("did you mean Set-Mailbox?"), "{}", typo.stderr);
}

#[test]
fn completions_for_every_shell_mention_convert() {
    // The scripts ask mbxctl at each Tab (dynamic completion); what they get back is checked here.
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = mbx(&["completions", shell]).run();
        run.code(0);
        assert!(run.stdout.contains("MBXCTL_COMPLETE"), "{shell}: {}", run.stdout);
    }
    let words = mbx(&["--", "mbxctl", "con"]).env("MBXCTL_COMPLETE", "fish").run();
    assert!(words.stdout.lines().any(|l| l.starts_with("convert")), "{}", words.stdout);
    let flags = mbx(&[] as &[&str])
        .env("MBXCTL_COMPLETE", "powershell")
        .env("MBXCTL_COMPLETE_WORDS", "mbxctl\nconvert\n--dry")
        .run();
    assert!(flags.stdout.lines().any(|l| l.starts_with("--dry-run")), "{}", flags.stdout);
    let bad = mbx(&["completions", "tcsh"]).run();
    bad.code(2);
    assert!(bad.stderr.contains("possible values: bash, zsh, fish, powershell"), "{}", bad.stderr);
}

/// The subcommand names listed under "Commands:" in a help text.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|c| c != "help")
        .collect()
}

#[test]
fn help_of_every_subcommand_works() {
    let top = mbx(&["--help"]).run();
    top.code(0);
    assert!(top.stdout.contains("Exit codes:"));
    let mut queue: Vec<Vec<String>> = subcommands(&top.stdout).into_iter().map(|c| vec![c]).collect();
    assert!(queue.len() >= 12, "{queue:?}");
    let mut seen = 0;
    while let Some(path) = queue.pop() {
        let mut args = path.clone();
        args.push("--help".into());
        let run = mbx(&args).run();
        run.code(0);
        let usage = format!("Usage: mbxctl {}", path.join(" "));
        assert!(run.stdout.contains(&usage), "{args:?}:\n{}", run.stdout);
        assert_eq!(run.stderr, "", "{args:?}");
        for sub in subcommands(&run.stdout) {
            let mut p = path.clone();
            p.push(sub);
            queue.push(p);
        }
        seen += 1;
    }
    assert!(seen >= 20, "only {seen} help pages");
    let convert = mbx(&["convert", "--help"]).run();
    assert!(convert.stdout.contains("--what-if"), "the alias is shown");
    assert!(convert.stdout.contains("Exit codes:"));
}

#[test]
fn wrong_arguments_are_usage_errors_with_exit_2() {
    for args in [
        vec!["--bogus"],
        vec!["convert", "kim", "--to", "sharde"],
        vec!["convert", "kim", "--to", "shared", "--auto-mapping", "maybe"],
        vec!["convert", "--disconnected", "X", "--database", "DB01"],
        vec!["lab", "faults", "--throttle-every", "many"],
        vec!["nonsense"],
    ] {
        let run = mbx(&args).run();
        run.code(2);
        assert!(run.stderr.starts_with("error:"), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
    let run = mbx(&["convert", "kim", "--to", "sharde"]).run();
    assert!(run.stderr.contains("possible values: shared, regular"), "{}", run.stderr);
}

#[test]
fn convert_argument_mistakes_are_named() {
    let lab = Lab::init();
    let cases: [(&[&str], &str); 7] = [
        (&["convert", "--to", "shared"], "convert needs at least one mailbox"),
        (&["convert", "kim"], "missing --to shared|regular"),
        (
            &["convert", "kim", "--to", "shared", "--password-stdin"],
            "--password-stdin and --reset-password-on-next-logon apply to --to regular only",
        ),
        (&["convert", "kim", "--to", "shared", "--full-access", ""], "--full-access: empty user name"),
        (&["convert", "sales", "--to", "regular", "--full-access", "kim"], "--full-access apply to --to shared only"),
        (
            &["convert", "kim", "--to", "shared", "--auto-mapping", "false"],
            "--auto-mapping applies to the --full-access grants",
        ),
        (
            &[
                "convert",
                "--disconnected",
                "Former Employee",
                "--database",
                "DB01",
                "--user",
                "johanna",
                "--send-as",
                "kim",
            ],
            "--send-as cannot be combined with --disconnected",
        ),
    ];
    for (args, message) in cases {
        let run = lab.mbx(args).run();
        run.code(2);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
    assert!(lab.audit().is_empty());
}

// ---------------------------------------------------------------------------------------------
// lab

#[test]
fn lab_faults_round_trip() {
    let lab = Lab::init();
    let none = lab.mbx(&["lab", "faults"]).run();
    none.code(0);
    assert_eq!(none.stdout, "LAB faults: none\n");

    let set = lab
        .mbx(&[
            "lab",
            "faults",
            "--latency",
            "200ms",
            "--throttle-every",
            "7",
            "--break-after",
            "50",
            "--fail",
            "kim",
            "--fail",
            "lee",
        ])
        .run();
    set.code(0);
    assert_eq!(
        set.stdout,
        "LAB faults in force:\n  latency per cmdlet: 200 ms\n  every 7th cmdlet is throttled (asks to wait 5 s)\n  a session breaks after 50 cmdlets\n  changes to 'kim' fail (access denied)\n  changes to 'lee' fail (access denied)\n"
    );
    let j = lab.mbx(&["--json", "lab", "faults"]).run();
    j.code(0);
    assert_eq!(
        j.json()["faults"],
        json!({"LatencyMs": 200, "ThrottleEvery": 7, "BreakAfter": 50, "Fail": ["kim", "lee"]})
    );
    assert_eq!(
        lab.show()["Faults"],
        json!({"LatencyMs": 200, "ThrottleEvery": 7, "BreakAfter": 50, "Fail": ["kim", "lee"]})
    );

    // Adding is cumulative and case-insensitive for identities.
    lab.mbx(&["lab", "faults", "--fail", "KIM", "--latency", "1.5s"]).run().code(0);
    let j = lab.mbx(&["--json", "lab", "faults"]).run().json();
    assert_eq!(j["faults"]["Fail"], json!(["kim", "lee"]));
    assert_eq!(j["faults"]["LatencyMs"], 1500);

    let both = lab.mbx(&["lab", "faults", "--clear", "--latency", "1s"]).run();
    both.code(2);
    assert!(both.stderr.contains("--clear removes every fault; give it alone"));
    let bad = lab.mbx(&["lab", "faults", "--latency", "fast"]).run();
    bad.code(2);
    assert!(bad.stderr.contains("--latency 'fast' is not a duration"), "{}", bad.stderr);
    let zero = lab.mbx(&["lab", "faults", "--throttle-every", "0"]).run();
    zero.code(2);
    assert!(zero.stderr.contains("--throttle-every must be at least 1"));

    lab.mbx(&["lab", "faults", "--clear"]).run().code(0);
    assert_eq!(lab.mbx(&["--json", "lab", "faults"]).run().json()["faults"], json!({}));
}

#[test]
fn lab_sync_reverts_what_kb2710029_says_it_reverts() {
    let lab = Lab::init();
    let run = lab.mbx(&["lab", "sync"]).run();
    run.code(0);
    assert!(
        run.stdout.starts_with("LAB directory sync (on-premises wins, one way): 1 change(s), 7 unchanged\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Isaiah Langer: SharedMailbox → UserMailbox (unlicensed)"), "{}", run.stdout);
    assert_eq!(lab.online("Isaiah Langer")["RecipientTypeDetails"], "UserMailbox");

    let again = lab.mbx(&["--json", "lab", "sync"]).run();
    again.code(0);
    let doc = again.json();
    assert_eq!(doc["sync"]["Changes"], json!([]));
    assert_eq!(doc["sync"]["Unchanged"], 8);
}

#[test]
fn lab_init_import_and_show() {
    let lab = Lab::init();
    let again = lab.mbx(&["lab", "init"]).run();
    again.code(2);
    assert!(again.stderr.contains("add --force to replace it"), "{}", again.stderr);
    lab.mbx(&["lab", "init", "--force", "--users", "25"]).run().code(0);
    let show = lab.show();
    assert_eq!(show["Lab"], true);
    assert_eq!(show["schema_version"], 1);
    let n = show["OnPremises"]["Recipients"].as_array().unwrap().len();
    let human = lab.mbx(&["lab", "show"]).run();
    human.code(0);
    assert!(human.stdout.contains("simulated, not a real Exchange organisation"), "{}", human.stdout);
    assert!(n >= 25 + 20, "{n} recipients");

    // An import with a mistake names the field, line and column.
    let bad = lab.scratch().join("bad.json");
    std::fs::write(
        &bad,
        "{\"Organization\": {\"Name\": \"F\", \"Domain\": \"f.com\"},\n \"OnPremises\": {\"Servers\": [{\"Name\": \"EX\", \"AdminDisplayVersion\": \"Version 15.2 (Build 1544.4)\"}],\n  \"Recipients\": [{\"Name\": \"A\", \"RecipientTypeDetails\": \"UserMailbox\", \"LitigationHoldEnabled\": \"yes\"}]}}",
    )
    .unwrap();
    let run = lab.mbx(&["lab", "import", bad.to_str().unwrap()]).run();
    run.code(2);
    assert!(run.stderr.contains("OnPremises.Recipients[0].LitigationHoldEnabled"), "{}", run.stderr);
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
    // The failed import left the LAB as it was.
    assert_eq!(lab.show()["OnPremises"]["Recipients"].as_array().unwrap().len(), n);

    let missing = lab.mbx(&["lab", "import", "no-such-org.json"]).run();
    missing.code(2);
    assert!(missing.stderr.contains("cannot read no-such-org.json"), "{}", missing.stderr);
}

#[test]
fn lab_subcommands_create_the_default_lab_on_first_use() {
    // `--lab-dir` is documented as "created with the default organisation on first use".
    let lab = Lab::init();
    let fresh = lab.scratch().join("fresh");
    let dir = fresh.to_str().unwrap();
    for sub in [vec!["lab", "show"], vec!["lab", "audit"], vec!["lab", "faults"], vec!["lab", "sync"]] {
        let _ = std::fs::remove_dir_all(&fresh);
        let mut args = vec!["--lab-dir", dir];
        args.extend(sub.iter().copied());
        let run = mbx(&args).run();
        run.code(0);
        assert!(run.stderr.contains("LAB: created the default organisation"), "{sub:?}: {}", run.stderr);
    }
}

#[test]
fn lab_audit_table_and_json_agree() {
    let lab = Lab::init();
    lab.mbx(&["convert", "kim", "--to", "shared"]).run().code(0);
    let table = lab.mbx(&["lab", "audit"]).run();
    table.code(0);
    assert!(table.stdout.contains(": 1 entries"), "{}", table.stdout);
    assert!(
        table
            .stdout
            .contains("Set-Mailbox  contoso.com/Users/Kim Akers  ok      -Identity kim@contoso.com -Type Shared"),
        "{}",
        table.stdout
    );
    assert_eq!(lab.audit().len(), 1);
}

#[test]
fn session_test_on_the_lab() {
    let lab = Lab::init();
    let run = lab.mbx(&["session", "test"]).run();
    run.code(0);
    assert!(run.stdout.starts_with("=== LAB ==="), "{}", run.stdout);
    assert!(run.stdout.contains("Exchange 2016 CU23 (15.1.2507.18)"), "{}", run.stdout);
    let j = lab.mbx(&["--json", "session", "test"]).run();
    j.code(0);
    let doc = j.json();
    assert_eq!(doc["target"]["kind"], "lab");
    assert_eq!(doc["exchange_server"], "EX01");
    assert_eq!(doc["problems"], json!([]));
    let roles: Vec<(String, bool)> = doc["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["role"].as_str().unwrap().to_string(), r["held"].as_bool().unwrap()))
        .collect();
    assert_eq!(roles, [("Mail Recipients".to_string(), true), ("Reset Password".to_string(), true)]);
}

#[test]
fn session_test_sees_a_disabled_reset_password_role() {
    let mut o = org(json!([]), json!([]));
    o["OnPremises"]["RoleAssignments"] = json!([
        {"Role": "Mail Recipients", "RoleAssigneeName": "Administrator"},
        {"Role": "Reset Password", "RoleAssigneeName": "Administrator", "Enabled": false}
    ]);
    let lab = Lab::import(&o);
    let doc = lab.mbx(&["--json", "session", "test"]).run().json();
    let reset = doc["roles"].as_array().unwrap().iter().find(|r| r["role"] == "Reset Password").cloned().unwrap();
    assert_eq!(reset["held"], false);
}

#[test]
fn demo_runs_the_tour_on_a_fresh_lab() {
    let lab = Lab::init();
    let dir = lab.scratch().join("demo");
    let run = mbx(&["demo", "--dir", dir.to_str().unwrap()]).run();
    run.code(0);
    assert!(run.stdout.starts_with("=== LAB ==="), "{}", run.stdout);
    assert_eq!(run.stdout.matches("CONVERTED").count(), 2, "{}", run.stdout);
    assert!(run.stdout.contains("DRY RUN (nothing changed)"));
    assert!(!run.stdout.contains("Demo-"), "the demo password is shown");
    let log = mbx(&["--lab-dir", dir.to_str().unwrap(), "--json", "lab", "audit"]).run().json();
    let cmdlets: Vec<&str> =
        log["entries"].as_array().unwrap().iter().filter_map(|e| e["CmdletName"].as_str()).collect();
    assert_eq!(cmdlets, ["Set-Mailbox", "Add-MailboxPermission", "Add-ADPermission", "Set-Mailbox"]);

    // Never over an existing LAB: the tour would wipe its state.
    let again = mbx(&["demo", "--dir", dir.to_str().unwrap()]).run();
    again.code(2);
    assert!(again.stderr.contains("a LAB already exists there"), "{}", again.stderr);
    let log2 = mbx(&["--lab-dir", dir.to_str().unwrap(), "--json", "lab", "audit"]).run().json();
    assert_eq!(log2["entries"].as_array().map(Vec::len), Some(4));
}

#[test]
fn closing_the_pipe_early_is_not_a_crash() {
    // `mbxctl ... | Select-Object -First 1` or `| head -1`: the reader goes away mid-output.
    let lab = Lab::init();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mbxctl"))
        .args(["--lab-dir", lab.dir.to_str().unwrap(), "--json", "lab", "show"])
        .env_remove("RUST_BACKTRACE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// exit codes

#[test]
fn every_documented_exit_code_is_observed() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let documented: Vec<i32> = readme
        .lines()
        .skip_while(|l| !l.starts_with("### Exit codes"))
        .filter_map(|l| l.strip_prefix("| ")?.split(" |").next()?.trim().parse().ok())
        .collect();
    // 130 (Ctrl-C) is observed by tests/safety_convert.rs, which sends SIGINT mid-convert.
    assert_eq!(documented, [0, 1, 2, 3, 4, 5, 6, 130]);

    let lab = Lab::init();
    // 5: the session could not be opened (no PowerShell here).
    let session = mbx(&["--pwsh", "/no/such/pwsh", "session", "test"]).run();
    assert!(session.stderr.contains("PowerShell was not found"), "{}", session.stderr);
    let observed = vec![
        // 0 done
        lab.mbx(&["convert", "kim", "--to", "shared", "--dry-run"]).run().code,
        // 1 failed: render found an error
        mbx(&["render", r#"{"cmdlet": "Set-Mailbox", "parameters": {"Identity": "kim", "Type": "Sharde"}}"#])
            .run()
            .code,
        // 2 usage
        mbx(&["convert", "--bogus"]).run().code,
        // 3 blocked by pre-flight
        lab.mbx(&["convert", "adele", "--to", "shared"]).run().code,
        // 4 partly done
        lab.mbx(&["convert", "kim", "no.such.person", "--to", "shared"]).run().code,
        session.code,
        // 6 critical findings
        lab.mbx(&["audit", "hybrid"]).run().code,
    ];
    assert_eq!(observed, documented[..7]);

    let blocker = lab.scratch().join("a-file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let nolab =
        mbx(&["--json", "--lab-dir", blocker.join("lab").to_str().unwrap(), "convert", "kim", "--to", "shared"]).run();
    nolab.code(5);
    assert_eq!(nolab.json()["kind"], "session");
}
