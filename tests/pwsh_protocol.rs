//! The PSRP client against a real PowerShell (`pwsh -s`): what arrives inside PowerShell, not only what mbxctl
//! believes it sent.
//!
//! PowerShell is found as `MBXCTL_TEST_PWSH`, else `<repo>/../shared/tools/pwsh`, else `pwsh` on PATH. Without
//! one, each test prints a loud notice and passes, so machines without PowerShell can still run the suite.
//! The commands run are a tiny test module (tests/data/pwsh-protocol/ProtocolProbe.psm1) imported by a
//! `custom` profile's typed `Import-Module` step: mbxctl sends no script text.

use std::path::PathBuf;
use std::time::Duration;

use mbxctl::cmdlet::{Invocation, Value};
use mbxctl::psobject::PsValue;
use mbxctl::secret::Secret;
use mbxctl::shell::Shell;
use mbxctl::transport::profile::Profile;
use mbxctl::transport::{ConnectOptions, PsrpShell, Timeouts};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real PowerShell to test against, or `None` (after a loud notice) when there is none.
fn pwsh() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MBXCTL_TEST_PWSH").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let shared = root().join("../shared/tools/pwsh");
    if shared.is_file() {
        return Some(shared);
    }
    let exe = if cfg!(windows) { "pwsh.exe" } else { "pwsh" };
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(exe)).find(|c| c.is_file()))
        .unwrap_or_default();
    if on_path.is_none() {
        eprintln!(
            "\n*** SKIPPED: no PowerShell found (set MBXCTL_TEST_PWSH, or put pwsh on PATH); \
             the real-PowerShell protocol tests did not run ***\n"
        );
    }
    on_path
}

fn probe_profile() -> Profile {
    let module = root().join("tests/data/pwsh-protocol/ProtocolProbe.psm1");
    let json = serde_json::json!({
        "name": "probe",
        "kind": "custom",
        "setup": [{"cmdlet": "Import-Module", "params": {"Name": module.to_string_lossy(), "ErrorAction": "Stop"}}],
    });
    serde_json::from_value(json).expect("probe profile")
}

async fn connect(pwsh: PathBuf) -> PsrpShell {
    let mut options = ConnectOptions::new(pwsh);
    options.profile = Some(probe_profile());
    options.timeouts =
        Timeouts { open: Duration::from_secs(90), command: Duration::from_secs(90), ..Timeouts::default() };
    tokio::time::timeout(Duration::from_secs(120), PsrpShell::connect(options))
        .await
        .expect("connected within 120 s")
        .expect("connect to real pwsh")
}

async fn run(shell: &mut PsrpShell, inv: &Invocation) -> mbxctl::shell::Outcome {
    let outcome = tokio::time::timeout(Duration::from_secs(90), shell.run(inv))
        .await
        .expect("finished within 90 s")
        .unwrap_or_else(|e| panic!("{} failed: {e}", inv.cmdlet));
    assert!(outcome.succeeded(), "{} failed: {outcome:?}", inv.cmdlet);
    outcome
}

fn field<'a>(v: &'a PsValue, name: &str) -> Option<&'a PsValue> {
    v.as_object().and_then(|o| o.get(name))
}

fn text<'a>(v: &'a PsValue, name: &str) -> &'a str {
    field(v, name).and_then(PsValue::as_str).unwrap_or_else(|| panic!("no string {name} in {v:?}"))
}

#[tokio::test]
async fn a_secure_string_parameter_arrives_as_its_plain_text_inside_powershell() {
    let Some(pwsh) = pwsh() else { return };
    let mut shell = connect(pwsh).await;
    assert!(shell.server_info().powershell_version.is_some());
    // Non-ASCII and symbols: the UTF-16LE + AES path must carry every character.
    let password = "Tr0ub4dor&3 ü€ 'x'";
    let inv =
        Invocation::new("Get-ProbeSecret").param("Value", Value::Secure(Secret::new(password))).param("Label", "a");
    let outcome = run(&mut shell, &inv).await;
    let [echo] = outcome.output.as_slice() else { panic!("{outcome:?}") };
    assert_eq!(text(echo, "Type"), "System.Security.SecureString");
    assert_eq!(text(echo, "Plain"), password);
    assert_eq!(text(echo, "Label"), "a");

    // A second SecureString reuses the session key (no second exchange is needed, and none breaks it).
    let inv =
        Invocation::new("Get-ProbeSecret").param("Value", Value::Secure(Secret::new("second"))).param("Label", "b");
    let outcome = run(&mut shell, &inv).await;
    assert_eq!(text(&outcome.output[0], "Plain"), "second");

    // The profile path of `--prompt-credential`: a typed Set-Variable with a SecureString value.
    let set = Invocation::new("Set-Variable")
        .param("Name", "MbxCtlProbeCredential")
        .param("Scope", "Global")
        .param("Value", Value::Secure(Secret::new("from-set-variable")));
    run(&mut shell, &set).await;
    let outcome =
        run(&mut shell, &Invocation::new("Get-ProbeVariableSecret").param("Name", "MbxCtlProbeCredential")).await;
    assert_eq!(text(&outcome.output[0], "Type"), "System.Security.SecureString");
    assert_eq!(text(&outcome.output[0], "Plain"), "from-set-variable");

    // And back: a SecureString made in PowerShell arrives encrypted and decrypts to its text.
    let outcome = run(&mut shell, &Invocation::new("New-ProbeSecret").param("Plain", "made in pwsh")).await;
    let [PsValue::SecureString(s)] = outcome.output.as_slice() else { panic!("{:?}", outcome.output) };
    assert_eq!(s.expose(), "made in pwsh");
    shell.close().await.expect("close");
}

#[tokio::test]
async fn typed_arguments_arrive_with_their_types() {
    let Some(pwsh) = pwsh() else { return };
    let mut shell = connect(pwsh).await;
    let inv = Invocation::new("Get-ProbeArgs")
        .param("Text", "it's $(not) code; `n")
        .param("Number", 42i64)
        .switch("Flag")
        .param("List", vec!["a".to_string(), "b c".to_string()]);
    let outcome = run(&mut shell, &inv).await;
    let echo = &outcome.output[0];
    assert_eq!(text(echo, "Text"), "it's $(not) code; `n");
    assert_eq!(text(echo, "TextType"), "System.String");
    assert_eq!(field(echo, "Number").and_then(PsValue::as_integer), Some(42));
    assert_eq!(field(echo, "Flag").and_then(PsValue::as_bool), Some(true));
    assert_eq!(text(echo, "List"), "a|b c");
    shell.close().await.expect("close");
}
