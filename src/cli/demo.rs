//! `mbxctl demo`: a guided tour on a fresh LAB, so a newcomer sees the main job in one command:
//! the pre-flight and plan of a dry run, a conversion to shared with grants, and a conversion back.

use super::DemoArgs;
use super::connect::open_lab;
use super::convert::render_report;
use super::output::{CliError, CliResult, ExitCode, Tone, banner, paint};
use super::output::{say, sayln};
use crate::secret::Secret;
use crate::shell::Side;
use crate::workflow::convert::{ConvertOptions, ConvertStatus, Shells, TargetType, convert};

fn step(n: u32, title: &str, command: &str) {
    sayln!("\n{}\n   $ {command}", paint(Tone::Strong, &format!("━━ {n}. {title}")));
}

/// A password that meets a default domain policy, made fresh for the demo and never shown.
fn demo_password() -> Secret {
    let u = uuid::Uuid::new_v4().simple().to_string();
    Secret::new(format!("Demo-{}!{}", &u[..10], &u[10..16].to_ascii_uppercase()))
}

/// Runs the tour in `--dir`, else in the global `--lab-dir`/`MBXCTL_LAB` (`lab_dir`), else in a
/// fresh temporary directory.
pub async fn run(args: &DemoArgs, lab_dir: Option<&std::path::Path>, json: bool) -> CliResult {
    if json {
        return Err(CliError::Usage(
            "demo is a guided tour for people and prints no JSON; for runbooks, run the tour's steps with --json \
             (e.g. `mbxctl --lab --json convert kim --to shared --dry-run`)"
                .into(),
        ));
    }
    let chosen = args.dir.as_deref().or(lab_dir);
    let dir = match chosen {
        Some(d) => d.to_path_buf(),
        None => {
            std::env::temp_dir().join(format!("mbxctl-demo-{}-{}", std::process::id(), uuid::Uuid::new_v4().simple()))
        }
    };
    if chosen.is_some() && super::connect::lab_exists(&dir) {
        let flag = if args.dir.is_some() { "--dir" } else { "--lab-dir" };
        return Err(CliError::Usage(format!(
            "{flag} {}: a LAB already exists there and the tour would replace it (its state and audit log); name a new directory",
            dir.display()
        )));
    }
    crate::lab::init(&dir, crate::lab::InitOptions::default())
        .map_err(|e| CliError::Session(format!("cannot create the demo LAB at {}: {e}", dir.display())))?;
    let mut primary = open_lab(&dir, Side::OnPremises)?;
    let mut cloud = open_lab(&dir, Side::Online)?;
    say!("{}", banner(&primary.describe()));
    sayln!("A fresh LAB organisation (Contoso) was created for this tour. Kim Akers is leaving; her mailbox");
    sayln!("becomes a shared mailbox for Megan Bowen, then, to show the way back, a user mailbox again.");
    // Quoted when it has spaces (C:\Users\Jane Doe\AppData\Local\Temp): the commands are meant to be pasted.
    let shown_dir = dir.display().to_string();
    let lab_flag = if shown_dir.contains(char::is_whitespace) {
        format!("--lab-dir \"{shown_dir}\"")
    } else {
        format!("--lab-dir {shown_dir}")
    };

    let mut opts = ConvertOptions::new(TargetType::Shared);
    opts.full_access = vec!["megan".into()];
    opts.send_as = vec!["megan".into()];
    opts.auto_mapping = Some(false);
    opts.dry_run = true;
    step(
        1,
        "Dry run: every check, and the exact commands, with nothing changed",
        &format!(
            "mbxctl {lab_flag} convert kim --to shared --full-access megan --send-as megan --auto-mapping false --dry-run"
        ),
    );
    let mut shells = Shells { primary: primary.as_mut(), cloud: Some(cloud.as_mut()) };
    let r = convert(&mut shells, "kim", &opts).await;
    say!("{}", render_report(&r));

    opts.dry_run = false;
    step(
        2,
        "Convert, then verify by reading the mailbox again",
        &format!("mbxctl {lab_flag} convert kim --to shared --full-access megan --send-as megan --auto-mapping false"),
    );
    let mut shells = Shells { primary: primary.as_mut(), cloud: Some(cloud.as_mut()) };
    let converted = convert(&mut shells, "kim", &opts).await;
    say!("{}", render_report(&converted));

    let mut back = ConvertOptions::new(TargetType::Regular);
    back.password = Some(demo_password());
    back.reset_password_on_next_logon = true;
    step(
        3,
        "Convert back: a new password (from a prompt or --password-stdin, never the command line)",
        &format!("mbxctl {lab_flag} convert kim --to regular --password-stdin --reset-password-on-next-logon"),
    );
    let mut shells = Shells { primary: primary.as_mut(), cloud: Some(cloud.as_mut()) };
    let returned = convert(&mut shells, "kim", &back).await;
    say!("{}", render_report(&returned));

    sayln!("\n{}", paint(Tone::Strong, "━━ Where next"));
    for (command, what) in [
        (
            format!("mbxctl {lab_flag} convert adele --to shared --dry-run"),
            "a migrated hybrid mailbox: blocked, with the supported paths",
        ),
        (format!("mbxctl {lab_flag} audit hybrid"), "mailboxes directory sync is about to turn back"),
        (format!("mbxctl {lab_flag} lab audit"), "the admin audit log of everything this tour changed"),
        ("mbxctl --help".to_string(), "all commands; add --json for runbooks"),
    ] {
        sayln!("   {command}\n       {what}");
    }
    sayln!("\nThe demo LAB stays at {} for you to explore; delete that folder when you are done.", dir.display());
    let ok = converted.status == ConvertStatus::Converted && returned.status == ConvertStatus::Converted;
    Ok(if ok { ExitCode::Done } else { ExitCode::Failed })
}
