//! mbxctl's transport (`PsrpShell`) against a real PowerShell (tests/data/pwsh/support.rs says which one).
//!
//! Every command goes to functions of tests/data/pwsh/MbxTest, imported by a `custom` profile set-up step;
//! `Show-MbxArgument` echoes each bound parameter with its .NET type, so these tests assert what arrived
//! inside PowerShell, not only that mbxctl is content.

#[path = "data/pwsh/support.rs"]
mod support;

use std::time::{Duration, Instant};

use mbxctl::cmdlet::{Invocation, Value};
use mbxctl::psobject::PsValue;
use mbxctl::secret::Secret;
use mbxctl::shell::{PipelineEnd, Shell, ShellError, ShellKind};
use mbxctl::transport::{PsrpShell, Timeouts};
use support::{options, within};

macro_rules! pwsh_or_skip {
    () => {
        match support::pwsh() {
            Some(p) => p,
            None => return,
        }
    };
}

async fn connect(pwsh: &std::path::Path) -> PsrpShell {
    within(120, PsrpShell::connect(options(pwsh))).await.expect("connect to the real PowerShell")
}

/// `Show-MbxArgument`'s echo of one parameter: (.NET type, value as text).
fn echoed(outcome: &mbxctl::shell::Outcome, name: &str) -> (String, String) {
    let obj = outcome.output.first().and_then(PsValue::as_object).expect("one echo object");
    let param = obj.get(name).and_then(PsValue::as_object).unwrap_or_else(|| panic!("{name} did not arrive: {obj:?}"));
    let text = |k: &str| param.get(k).and_then(PsValue::display).unwrap_or_default();
    (text("Type"), text("Value"))
}

#[tokio::test]
async fn opens_reports_the_real_version_and_closes_leaving_no_process() {
    let pwsh = pwsh_or_skip!();
    let mut shell = connect(&pwsh).await;
    let version = shell.server_info().powershell_version.clone().expect("PSVersionTable from the server");
    assert!(version.starts_with('5') || version.starts_with('7'), "{version}");
    assert_eq!(shell.server_info().protocol_version.as_deref(), Some("2.3"));
    let info = shell.describe();
    assert_eq!(info.kind, ShellKind::Psrp);
    assert!(
        info.target.contains(&format!("PowerShell {version}")) && info.target.contains("mbxtest"),
        "{}",
        info.target
    );
    // The command ran in the child mbxctl started, and that child speaks the version it announced.
    let out = within(60, shell.run(&Invocation::new("Get-MbxProcess"))).await.unwrap();
    let pid = shell.process_id().expect("running");
    let obj = out.output[0].as_object().unwrap();
    assert_eq!(obj.get("Id").and_then(PsValue::as_integer), Some(i128::from(pid)));
    assert_eq!(obj.get("Version").and_then(PsValue::display).as_deref(), Some(version.as_str()));
    within(30, shell.close()).await.expect("CloseAck from PowerShell");
    assert!(!support::process_alive(pid), "pwsh {pid} still runs after close");
    assert!(!support::process_zombie(pid), "pwsh {pid} was not reaped");
    assert!(matches!(shell.run(&Invocation::new("Get-MbxProcess")).await, Err(ShellError::Broken(_))));
}

#[tokio::test]
async fn typed_parameters_arrive_in_powershell_with_their_types() {
    let pwsh = pwsh_or_skip!();
    let mut shell = connect(&pwsh).await;
    let hostile = "O'Brien; Remove-Item * -Recurse $(whoami) `n \"x\" ü€";
    let inv = Invocation::new("Show-MbxArgument")
        .param("Text", hostile)
        .param("Number", 42i64)
        .param("Big", 3_000_000_000i64)
        .switch("Flag")
        .param("Truth", false)
        .param("List", vec!["a b".to_string(), "c'd".to_string()])
        .param(
            "Table",
            Value::AddRemove { add: vec!["smtp:a@contoso.com".into()], remove: vec!["b@contoso.com".into()] },
        );
    let out = within(60, shell.run(&inv)).await.unwrap();
    assert!(out.succeeded(), "{out:?}");
    assert_eq!(echoed(&out, "Text"), ("System.String".into(), hostile.into()));
    assert_eq!(echoed(&out, "Number"), ("System.Int32".into(), "42".into()));
    assert_eq!(echoed(&out, "Big"), ("System.Int64".into(), "3000000000".into()));
    assert_eq!(echoed(&out, "Flag"), ("System.Management.Automation.SwitchParameter".into(), "True".into()));
    assert_eq!(echoed(&out, "Truth"), ("System.Boolean".into(), "False".into()));
    assert_eq!(echoed(&out, "List"), ("System.String[]".into(), "a b|c'd".into()));
    assert_eq!(
        echoed(&out, "Table"),
        ("System.Collections.Hashtable".into(), "Add=smtp:a@contoso.com;Remove=b@contoso.com".into())
    );
    within(30, shell.close()).await.unwrap();
}

#[tokio::test]
async fn a_secure_string_arrives_as_the_right_plain_text_after_the_key_exchange() {
    let pwsh = pwsh_or_skip!();
    let mut shell = connect(&pwsh).await;
    let password = "P@ss w0rd! 'q' \"d\" $x ü€𝄞";
    // Twice: the first sends PUBLIC_KEY and waits for ENCRYPTED_SESSION_KEY, the second reuses the key.
    for _ in 0..2 {
        let inv = Invocation::new("Show-MbxArgument").param("Secret", Value::Secure(Secret::new(password.to_string())));
        let out = within(60, shell.run(&inv)).await.expect("the session survives the session key exchange");
        assert!(out.succeeded(), "{out:?}");
        assert_eq!(echoed(&out, "Secret"), ("System.Security.SecureString".into(), password.into()));
    }
    within(30, shell.close()).await.unwrap();
}

#[tokio::test]
async fn every_stream_arrives_in_order_and_a_non_terminating_error_does_not_end_the_pipeline() {
    let pwsh = pwsh_or_skip!();
    let mut shell = connect(&pwsh).await;
    let out = within(60, shell.run(&Invocation::new("Write-MbxStream"))).await.unwrap();
    assert_eq!(out.state, PipelineEnd::Completed, "{out:?}");
    assert_eq!(out.output, vec![PsValue::String("first".into()), PsValue::I32(2)]);
    assert_eq!(out.warnings, ["warning text"]);
    assert_eq!(out.verbose, ["verbose text"]);
    assert_eq!(out.debug, ["debug text"]);
    assert_eq!(out.information.iter().filter_map(PsValue::display).collect::<Vec<_>>(), ["information text"]);
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    let e = &out.errors[0];
    assert_eq!(e.message, "non-terminating error text");
    assert_eq!(e.fully_qualified_error_id, "MbxTest.NonTerminating,Write-MbxStream");
    assert_eq!(mbxctl::shell::error_category_name(e.category), "ObjectNotFound");
    assert_eq!(e.target_object.as_deref(), Some("kim"));
    assert!(!e.terminating);
    within(30, shell.close()).await.unwrap();
}

#[tokio::test]
async fn terminating_errors_fail_the_pipeline_and_the_session_lives_on() {
    let pwsh = pwsh_or_skip!();
    let mut shell = connect(&pwsh).await;
    let out = within(60, shell.run(&Invocation::new("Invoke-MbxThrow").param("Message", "it broke"))).await.unwrap();
    assert_eq!(out.state, PipelineEnd::Failed);
    let e = out.errors.last().expect("the terminating error");
    assert!(e.terminating, "{e:?}");
    assert_eq!(e.message, "it broke");
    assert_eq!(e.fully_qualified_error_id, "MbxTest.Terminating,Invoke-MbxThrow");
    assert_eq!(e.exception_type.as_deref(), Some("System.InvalidOperationException"));

    let out = within(60, shell.run(&Invocation::new("Get-NoSuchMbxThing"))).await.unwrap();
    assert_eq!(out.state, PipelineEnd::Failed);
    let e = out.errors.last().unwrap();
    assert_eq!(e.exception_type.as_deref(), Some("System.Management.Automation.CommandNotFoundException"));
    assert!(e.message.contains("Get-NoSuchMbxThing"), "{}", e.message);

    let out = within(60, shell.run(&Invocation::new("Show-MbxArgument").param("Text", "still here"))).await.unwrap();
    assert_eq!(echoed(&out, "Text").1, "still here");
    within(30, shell.close()).await.unwrap();
}

#[tokio::test]
async fn a_host_prompt_is_refused_at_once_and_the_session_lives_on() {
    let pwsh = pwsh_or_skip!();
    let mut shell = connect(&pwsh).await;
    let started = Instant::now();
    let out = within(60, shell.run(&Invocation::new("Read-MbxHost"))).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(20), "a refused prompt must not wait for a timeout");
    assert!(!out.succeeded(), "{out:?}");
    assert!(
        !out.output.iter().any(|v| v.display().is_some_and(|t| t.starts_with("answered"))),
        "PowerShell got an answer: {out:?}"
    );
    // mbxctl opens the pool without a host (HostInfo IsHostNull), so PowerShell itself refuses the prompt
    // instead of calling back; a server that does call back gets mbxctl's refusal (tests/psrp_peer.rs).
    let e = out.errors.last().expect("the refusal");
    assert!(e.terminating, "{e:?}");
    assert_eq!(e.exception_type.as_deref(), Some("System.Management.Automation.Host.HostException"));
    assert_eq!(e.fully_qualified_error_id, "HostFunctionNotImplemented,Microsoft.PowerShell.Commands.ReadHostCommand");
    let out = within(60, shell.run(&Invocation::new("Show-MbxArgument").param("Number", 7i64))).await.unwrap();
    assert_eq!(echoed(&out, "Number").1, "7");
    within(30, shell.close()).await.unwrap();
}

#[tokio::test]
async fn a_command_over_its_time_is_stopped_and_the_session_lives_on() {
    let pwsh = pwsh_or_skip!();
    let mut o = options(&pwsh);
    o.timeouts = Timeouts { command: Duration::from_secs(3), ..o.timeouts };
    let mut shell = within(120, PsrpShell::connect(o)).await.unwrap();
    let started = Instant::now();
    let result = within(60, shell.run(&Invocation::new("Start-MbxSleep").param("Seconds", 120i64))).await;
    match result {
        Err(ShellError::Timeout { what, seconds }) => assert_eq!((what.as_str(), seconds), ("Start-MbxSleep", 3)),
        other => panic!("expected a timeout, got {other:?}"),
    }
    // PowerShell honoured the stop: far sooner than the sleep, and the runspace is free again.
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    let out =
        within(60, shell.run(&Invocation::new("Show-MbxArgument").param("Text", "after the stop"))).await.unwrap();
    assert_eq!(echoed(&out, "Text").1, "after the stop");
    within(30, shell.close()).await.unwrap();
}

#[tokio::test]
async fn the_child_killed_mid_command_breaks_the_session_and_is_reaped() {
    let pwsh = pwsh_or_skip!();
    let mut shell = connect(&pwsh).await;
    let pid = shell.process_id().unwrap();
    let killer = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        support::kill_hard(pid);
    });
    let result = within(60, shell.run(&Invocation::new("Start-MbxSleep").param("Seconds", 120i64))).await;
    killer.await.unwrap();
    match &result {
        Err(ShellError::Broken(reason)) => assert!(reason.contains("exited"), "{reason}"),
        other => panic!("expected a broken session, got {other:?}"),
    }
    assert!(!support::process_zombie(pid), "pwsh {pid} was not reaped");
    assert!(!support::process_alive(pid));
    // Broken for good: later commands fail at once with the same reason, close does not hang.
    let again = within(10, shell.run(&Invocation::new("Get-MbxProcess"))).await;
    assert!(matches!(again, Err(ShellError::Broken(_))), "{again:?}");
    within(10, shell.close()).await.unwrap();
}

#[tokio::test]
async fn several_sessions_at_once_are_separate_processes() {
    let pwsh = pwsh_or_skip!();
    let opened = within(180, async {
        tokio::join!(
            PsrpShell::connect(options(&pwsh)),
            PsrpShell::connect(options(&pwsh)),
            PsrpShell::connect(options(&pwsh))
        )
    })
    .await;
    let mut shells = vec![opened.0.unwrap(), opened.1.unwrap(), opened.2.unwrap()];
    let mut pids = Vec::new();
    for (i, shell) in shells.iter_mut().enumerate() {
        let text = format!("session {i}");
        let out =
            within(60, shell.run(&Invocation::new("Show-MbxArgument").param("Text", text.as_str()))).await.unwrap();
        assert_eq!(echoed(&out, "Text").1, text);
        let out = within(60, shell.run(&Invocation::new("Get-MbxProcess"))).await.unwrap();
        pids.push(out.output[0].as_object().unwrap().get("Id").and_then(PsValue::as_integer).unwrap());
    }
    pids.sort();
    pids.dedup();
    assert_eq!(pids.len(), 3, "each session has its own PowerShell");
    for shell in &mut shells {
        within(30, shell.close()).await.unwrap();
    }
}

#[tokio::test]
async fn a_failing_set_up_step_is_named_and_says_its_prefix_once() {
    let pwsh = pwsh_or_skip!();
    let mut o = options(&pwsh);
    o.profile = Some(support::profile("broken", &[("NoSuchMbxModule", None)]));
    let err = within(120, PsrpShell::connect(o)).await.expect_err("the set-up must fail");
    let text = err.to_string();
    assert!(matches!(err, ShellError::Start(_)), "{err:?}");
    assert!(text.contains("profile 'broken' set-up step 1 (Import-Module) failed"), "{text}");
    assert!(text.contains("NoSuchMbxModule"), "{text}");
    assert_eq!(text.matches("could not start the shell").count(), 1, "{text}");
}
