//! The command-line interface: argument definitions (clap), dispatch, and rendering of results
//! for people (tables) and runbooks (JSON, docs/json-output.md). The CLI knows the workflows; it
//! holds no Exchange logic of its own.

mod audit;
mod batch;
mod completions;
mod config;
mod connect;
mod convert;
mod demo;
mod inspect;
pub mod interrupt;
mod labcmd;
mod output;
mod runs;
mod session;
mod table;
mod target;
mod tools;

pub use output::{ExitCode, SCHEMA_VERSION};

use crate::workflow::convert::TargetType;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Convert Exchange mailboxes to shared and back, safely.
///
/// mbxctl checks everything Microsoft's guidance asks for, shows the exact PowerShell it will
/// run, runs it through an Exchange Management Shell session (or the simulated LAB), verifies
/// the result, and reports it as a table or as JSON for runbooks.
#[derive(Debug, Parser)]
#[command(name = "mbxctl", version, propagate_version = true, max_term_width = 110)]
#[command(after_help = "\
Start here:
  mbxctl demo                                   a guided LAB tour: dry run, convert, convert back
  mbxctl --lab convert kim --to shared --dry-run
  mbxctl --lab convert kim --to shared --full-access megan --send-as megan
  mbxctl --pwsh pwsh --profile onprem convert kim@contoso.com --to shared

Exit codes: 0 done or nothing to do, 1 failed, 2 usage error (nothing changed), 3 blocked by
pre-flight (nothing changed), 4 partly done, 5 session could not start, 6 critical findings
(audit), 130 interrupted by Ctrl-C.")]
pub struct Cli {
    /// Run against the simulated LAB organisation instead of real Exchange.
    #[arg(long, global = true, help_heading = "Global options")]
    pub lab: bool,
    /// The LAB directory (implies --lab). Created with the default organisation on first use.
    #[arg(long, global = true, env = "MBXCTL_LAB", value_name = "DIR", help_heading = "Global options")]
    pub lab_dir: Option<PathBuf>,
    /// PowerShell executable to start as the Exchange Management Shell (`pwsh`, `powershell.exe`, a path).
    #[arg(long, global = true, env = "MBXCTL_PWSH", value_name = "PATH", help_heading = "Global options")]
    pub pwsh: Option<PathBuf>,
    /// Connection profile for the on-premises session (see `mbxctl profile list`; default: the
    /// config file's default_profile, or MBXCTL_PROFILE).
    #[arg(long, global = true, value_name = "NAME", help_heading = "Global options",
        add = clap_complete::ArgValueCompleter::new(completions::profile_names))]
    pub profile: Option<String>,
    /// Connection profile for the Exchange Online session of a hybrid organisation.
    #[arg(long, global = true, value_name = "NAME", help_heading = "Global options",
        add = clap_complete::ArgValueCompleter::new(completions::profile_names))]
    pub cloud_profile: Option<String>,
    /// Print JSON for runbooks instead of tables (schema in docs/json-output.md).
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,
    /// When to colour: auto (on a terminal, unless NO_COLOR or CLICOLOR=0 is set; CLICOLOR_FORCE=1
    /// forces it), always, never. JSON is never coloured.
    #[arg(long, global = true, value_enum, value_name = "WHEN", help_heading = "Global options")]
    pub color: Option<output::ColorWhen>,
    /// Fit tables into N columns, cutting long cells with `…` (0: never cut). Default: the
    /// terminal's width; into a pipe or a file cells are printed whole. Also MBXCTL_WIDTH.
    #[arg(long, global = true, value_name = "N", help_heading = "Global options")]
    pub width: Option<usize>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// mbxctl's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert mailboxes to shared or back to regular: pre-flight, plan, apply, verify.
    #[command(after_help = "\
Examples:
  mbxctl --lab convert kim --to shared --dry-run
  mbxctl --lab convert kim --to shared --full-access megan --auto-mapping false --copy-sent-items
  echo 'N3w-Passw0rd!' | mbxctl --lab convert kim --to regular --password-stdin --reset-password-on-next-logon
  mbxctl --lab convert --disconnected 'Former Employee' --database DB01 --user johanna
  mbxctl --lab convert --from leavers.csv --to shared --sessions 4

Every conversion that changes something is a journaled run: `mbxctl runs list`, `mbxctl resume
RUN`, `mbxctl rollback last` work for one mailbox as for a batch (a dry run is not a run).
Statuses: converted, permissions-granted (already of the type; only permissions added),
nothing-to-do, planned, blocked, failed, partial, taken (--from: another run holds the mailbox).

Exit codes: 0 converted, permissions granted or nothing to do, 1 failed, 2 usage error (nothing
changed), 3 blocked by pre-flight (nothing changed), 4 partly done (some mailboxes changed, some
not: the report lists each; with --from also when rows were taken by another run), 130 Ctrl-C
(the message says what was sent; a batch stops starting items, lets those in flight finish and
prints the `resume` line).")]
    Convert(ConvertArgs),
    /// Render cmdlet invocations (JSON) as PowerShell text, validated, safely quoted.
    #[command(after_help = "\
Input is one invocation or a JSON array of them, from the argument or standard input:
  mbxctl render '{\"cmdlet\": \"Set-Mailbox\", \"parameters\": {\"Identity\": \"kim\", \"Type\": \"Shared\"}}'
  Get-Content calls.json | mbxctl render --json
Values: strings, integers, booleans (switches take true/false), arrays of strings, and
{\"Add\": [...], \"Remove\": [...]} for multi-valued edits. Secure strings cannot be rendered.")]
    Render(RenderArgs),
    /// Look at mailboxes before deciding: type, size, holds, archive, account, forwarding, delegates.
    #[command(after_help = "\
Examples:
  mbxctl --lab show kim
  mbxctl --lab show kim alex@contoso.com --json
  mbxctl --profile onprem --cloud-profile exo show shared-sales@contoso.com

Shows what an admin checks by hand in EMS before converting: the type on each side (and the
KB2710029 revert risk in hybrid), size and item count against the 50 GB limit, litigation and
in-place holds, archive, account state and last logon, forwarding, and who holds Full Access,
Send As and Send on Behalf. Changes nothing. Exit codes: 0 shown, 1 a mailbox could not be shown.")]
    Show(ShowArgs),
    /// List mailboxes, filtered the way admins ask (shared over 50 GB, on hold, with no delegates).
    #[command(after_help = "\
Examples:
  mbxctl --lab list --type shared
  mbxctl --lab list --type shared --no-delegates            which shared mailboxes can nobody open?
  mbxctl --lab list --needs-licence                         cloud shared mailboxes that need a licence
  mbxctl --lab list --over 50GB --csv > big.csv             Excel-ready
Filters combine (all must hold). --over, --needs-licence and --no-delegates read each remaining
mailbox's statistics or permissions (one call each), after the cheap filters narrowed the list.")]
    List(ListArgs),
    /// Check every Exchange cmdlet call in a PowerShell script against the catalogue.
    #[command(after_help = "\
Examples:
  mbxctl validate examples/leavers.ps1
  mbxctl validate --side online leaver.ps1           judge it as Exchange Online
  mbxctl validate --exchange-version 2016CU9 a.ps1   also check version support
  Get-Content runbook.ps1 | mbxctl validate - --json
The first line says which side the script was judged for and why (Connect-ExchangeOnline,
Add-PSSnapin Microsoft.Exchange*, ...). Errors are what Exchange or PowerShell would refuse;
warnings are likely mistakes that would still run; notes (values computed at run time) are
counted, and listed by --json. Files are read as Windows PowerShell 5.1 reads them: a BOM,
else UTF-8 when valid, else the ANSI code page (--encoding); BOM-less UTF-16 is detected.
Exit code: 0 no errors (warnings allowed), 1 at least one error, 2 bad arguments or unreadable
file. docs/validate.md explains every check.")]
    Validate(ValidateArgs),
    /// What mbxctl knows of each cmdlet and its parameters.
    Cmdlets(CmdletsArgs),
    /// Manage the simulated LAB organisation.
    #[command(subcommand)]
    Lab(LabCommand),
    /// A guided tour on a fresh LAB: a dry run, a conversion, and a conversion back.
    Demo(DemoArgs),
    /// List and inspect batch runs and their journals.
    #[command(subcommand)]
    Runs(RunsCommand),
    /// Finish an interrupted batch run: verified items are skipped, half-done ones re-checked first.
    #[command(after_help = "\
A run and its resumes are one chain: resuming any of them finishes the whole chain.
Exit codes: as convert --from (0, 1, 3, 4; 130 after Ctrl-C).")]
    Resume(ResumeArgs),
    /// Undo what a run did: convert back its mailboxes, then remove the permissions it granted.
    #[command(after_help = "\
Examples:
  mbxctl --lab rollback last --dry-run                   every command it would run, in order, per item
  echo 'N3w-Passw0rd!' | mbxctl --lab rollback last --password-stdin
An item is undone whole or refused before its first command (no password to convert it back to
regular: blocked, its permissions left in place). Rolling back twice reports nothing to do.
Exit codes: 0 undone or nothing to do, 1 failed, 3 nothing changed (all blocked), 4 mixed, 130 Ctrl-C.")]
    Rollback(RollbackArgs),
    /// Test the Exchange Management Shell session.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Manage connection profiles (how mbxctl sets up the Exchange session).
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Audits of the organisation.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Print the shell completion script (bash, zsh, fish, powershell); it completes commands,
    /// options, profile names and run ids.
    #[command(after_help = "\
Load it in your shell's profile, so it stays in step with the installed mbxctl:
  PowerShell:  mbxctl completions powershell | Out-String | Invoke-Expression     (in $PROFILE)
  bash:        source <(mbxctl completions bash)                                 (in ~/.bashrc)
  zsh:         source <(mbxctl completions zsh)                                  (in ~/.zshrc)
  fish:        mbxctl completions fish | source        (in ~/.config/fish/config.fish)")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: CompletionShell,
    },
    /// The config file of defaults (config.toml beside profiles.json): where it is, what is in force.
    #[command(
        subcommand,
        after_help = "\
config.toml holds defaults; every key is optional:
  default_profile = \"onprem\"     cloud_profile = \"exo\"     sessions = 6
  color = \"auto\"                 width = 120
A flag wins over the environment (MBXCTL_PROFILE, MBXCTL_CLOUD_PROFILE, MBXCTL_SESSIONS,
NO_COLOR/CLICOLOR/CLICOLOR_FORCE, MBXCTL_WIDTH), which wins over the file."
    )]
    Config(ConfigCommand),
    /// For completion scripts: prints profile names or run ids, one a line.
    #[command(name = "__complete", hide = true)]
    Complete {
        /// What to list.
        #[arg(value_enum)]
        what: completions::What,
    },
}

/// `config` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print each setting in force and where it comes from (flag, environment, config file, built-in).
    Show,
    /// Print the config file's path (it may not exist yet).
    Path,
}

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Mailboxes: alias, SMTP address, UPN, GUID, or name.
    #[arg(value_name = "IDENTITY")]
    pub identities: Vec<String>,
    /// The target type.
    #[arg(long, value_enum, value_name = "TYPE")]
    pub to: Option<TargetType>,
    /// Only check and print the exact commands; change nothing.
    #[arg(long, visible_alias = "what-if")]
    pub dry_run: bool,
    /// Grant Full Access to these users (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "USER")]
    pub full_access: Vec<String>,
    /// Whether Outlook adds the mailbox automatically for Full Access users (Exchange's default: true).
    #[arg(long, value_name = "BOOL")]
    pub auto_mapping: Option<bool>,
    /// Grant Send As to these users.
    #[arg(long, value_delimiter = ',', value_name = "USER")]
    pub send_as: Vec<String>,
    /// Grant Send on Behalf to these users.
    #[arg(long, value_delimiter = ',', value_name = "USER")]
    pub send_on_behalf: Vec<String>,
    /// Keep copies of messages sent as / on behalf of the shared mailbox in it.
    #[arg(long)]
    pub copy_sent_items: bool,
    /// Converting back: read the passwords from standard input: ONE line for every mailbox, or
    /// exactly one line per mailbox named, in that order; any other count is refused before
    /// anything changes. Without it, a terminal asks (twice) for each mailbox that needs one.
    #[arg(long)]
    pub password_stdin: bool,
    /// Converting back: the user must change the password at next logon.
    #[arg(long)]
    pub reset_password_on_next_logon: bool,
    /// Read the mailboxes from a file (`-` for standard input): CSV (Export-Csv or Excel), a plain
    /// list, an Export-Clixml or ConvertTo-Json export of Get-Mailbox. Runs as a journaled batch.
    #[arg(long, value_name = "FILE", conflicts_with = "identities")]
    pub from: Option<String>,
    /// With --from: refuse the whole batch if any row is bad.
    #[arg(long, requires = "from")]
    pub strict: bool,
    /// With --from: how many Exchange sessions work in parallel (1-18).
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub sessions: usize,
    /// With --from: list every row in the batch table (by default only rows with a warning or a
    /// problem are listed, then the counts).
    #[arg(long, requires = "from")]
    pub all: bool,
    /// Connect a disconnected mailbox (display name, MailboxGuid or LegacyExchangeDN) as shared.
    #[arg(long, value_name = "MAILBOX", requires_all = ["database", "user"], conflicts_with = "identities")]
    pub disconnected: Option<String>,
    /// With --disconnected: the database that holds it.
    #[arg(long, value_name = "DB")]
    pub database: Option<String>,
    /// With --disconnected: an existing account without a mailbox to connect it to.
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Mailboxes: alias, SMTP address, UPN, GUID, or name.
    #[arg(value_name = "IDENTITY")]
    pub identities: Vec<String>,
}

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this type: shared, user, room, equipment, or a RecipientTypeDetails name (repeatable).
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',', value_parser = inspect::parse_type)]
    pub r#type: Vec<crate::exchange::RecipientTypeDetails>,
    /// Only mailboxes larger than this (50GB, 1.5TB, 500MB).
    #[arg(long, value_name = "SIZE", value_parser = inspect::parse_size)]
    pub over: Option<crate::exchange::ByteSize>,
    /// Only mailboxes on litigation or in-place hold.
    #[arg(long)]
    pub on_hold: bool,
    /// Only mailboxes on which nobody holds Full Access, Send As or Send on Behalf.
    #[arg(long)]
    pub no_delegates: bool,
    /// Only Exchange Online shared mailboxes that need a licence (over 50 GB, on hold, or with an archive) and have none.
    #[arg(long)]
    pub needs_licence: bool,
    /// Only this side of a hybrid organisation.
    #[arg(long, value_enum)]
    pub side: Option<SideArg>,
    /// Print CSV (Excel-ready: UTF-8 with BOM, CRLF) instead of a table.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

/// The `--side` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    /// Exchange Server on-premises.
    OnPremises,
    /// Exchange Online.
    Online,
}

/// `--to shared|regular`: clap reads the workflow's own type, so the CLI, single conversions and
/// batches share one notion of the target.
impl ValueEnum for TargetType {
    fn value_variants<'a>() -> &'a [Self] {
        &[TargetType::Shared, TargetType::Regular]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(match self {
            TargetType::Shared => clap::builder::PossibleValue::new("shared").help("A shared mailbox"),
            TargetType::Regular => {
                clap::builder::PossibleValue::new("regular").help("A regular (user) mailbox").alias("user")
            }
        })
    }
}

/// Arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The invocation(s) as JSON; standard input when absent or `-`.
    pub input: Option<String>,
    /// Check version support for this Exchange version (e.g. 2016CU10, 15.1.2507.18, Online).
    #[arg(long, value_name = "VERSION")]
    pub exchange_version: Option<String>,
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The script to check, or `-` for standard input.
    pub file: String,
    /// Check version support for this Exchange version (e.g. 2016CU9, Online).
    #[arg(long, value_name = "VERSION")]
    pub exchange_version: Option<String>,
    /// The side the script runs against; by default read from the script (Connect-ExchangeOnline,
    /// Add-PSSnapin Microsoft.Exchange*, ...), else each command is checked against the side that
    /// has it.
    #[arg(long, value_enum, value_name = "SIDE")]
    pub side: Option<ValidateSide>,
    /// The ANSI code page of a file without a BOM that is not valid UTF-8 (as Windows PowerShell
    /// 5.1 reads it): windows-1252 by default; e.g. windows-1250, 1251, shift_jis.
    #[arg(long, value_name = "CODEPAGE")]
    pub encoding: Option<String>,
}

/// `validate --side`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateSide {
    /// Exchange Server on-premises.
    #[value(name = "onpremises", aliases = ["on-premises", "onprem", "on-prem"])]
    OnPremises,
    /// Exchange Online.
    Online,
    /// Both: each command against the side that has it.
    Hybrid,
}

/// Arguments of `cmdlets`.
#[derive(Debug, Args)]
pub struct CmdletsArgs {
    /// A cmdlet name (case-insensitive); all when absent.
    pub name: Option<String>,
    /// Show the Exchange Online variant.
    #[arg(long)]
    pub online: bool,
    /// Read NAME as a wildcard pattern (`*`, `?`, as PowerShell's -like) and list every match,
    /// possibly none: `mbxctl cmdlets --like '*-MailboxPermission'`.
    #[arg(long, requires = "name")]
    pub like: bool,
}

/// `lab` subcommands.
#[derive(Debug, Subcommand)]
pub enum LabCommand {
    /// Create the deterministic default organisation (replaces an existing lab with --force).
    Init {
        /// Extra generated user mailboxes beyond the default cast.
        #[arg(long, default_value_t = 0)]
        users: usize,
        /// Replace an existing lab.
        #[arg(long)]
        force: bool,
    },
    /// Load an organisation from a JSON file (format in docs/lab.md).
    Import {
        /// The JSON file.
        file: PathBuf,
    },
    /// Print the organisation (`--json`: the whole organisation with Exchange's property names).
    Show,
    /// Inject faults: latency, throttling, broken sessions, failing identities.
    Faults(FaultArgs),
    /// Print the admin audit log (what changed, when, with what parameters).
    Audit,
    /// Run directory sync: on-premises wins, one way, as Entra Connect does.
    Sync,
}

/// Arguments of `lab faults`.
#[derive(Debug, Args)]
pub struct FaultArgs {
    /// Added latency per cmdlet, e.g. 200ms or 1s.
    #[arg(long, value_name = "DURATION")]
    pub latency: Option<String>,
    /// Every Nth cmdlet fails with Exchange's throttling-budget error.
    #[arg(long, value_name = "N")]
    pub throttle_every: Option<u32>,
    /// The wait (seconds) the throttling error asks for (default 5).
    #[arg(long, value_name = "SECONDS")]
    pub throttle_wait: Option<u32>,
    /// A session breaks after N cmdlets.
    #[arg(long, value_name = "N")]
    pub break_after: Option<u32>,
    /// Changes to this identity fail with access denied (repeatable).
    #[arg(long, value_name = "IDENTITY")]
    pub fail: Vec<String>,
    /// Remove all faults.
    #[arg(long)]
    pub clear: bool,
}

/// `runs` subcommands.
#[derive(Debug, Subcommand)]
pub enum RunsCommand {
    /// List runs, newest first.
    List,
    /// Show one run's items and their states (`--csv` for a change-management report).
    Show {
        /// The run id (or an unambiguous prefix).
        #[arg(add = clap_complete::ArgValueCompleter::new(completions::run_ids))]
        id: String,
        /// Print CSV instead of a table.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
}

/// Arguments of `resume`.
#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// The run id, an unambiguous prefix, or `last` (the newest run that was neither a dry run nor a
    /// rollback). Resuming any run of a chain (a batch and its resumes) finishes the whole chain.
    #[arg(add = clap_complete::ArgValueCompleter::new(completions::run_ids))]
    pub id: String,
    /// How many Exchange sessions work in parallel (1-18).
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub sessions: usize,
    /// Items converted back to regular need a password: read it from the first line of standard input (one for all).
    #[arg(long)]
    pub password_stdin: bool,
    /// List every row in the table (by default only rows with a warning or a problem).
    #[arg(long)]
    pub all: bool,
}

/// Arguments of `rollback`.
#[derive(Debug, Args)]
pub struct RollbackArgs {
    /// The run id, an unambiguous prefix, or `last` (the newest run that was neither a dry run nor a
    /// rollback). Any run of a chain (a batch and its resumes) undoes the whole chain; items an earlier
    /// rollback undid are reported as nothing to do.
    #[arg(add = clap_complete::ArgValueCompleter::new(completions::run_ids))]
    pub id: String,
    /// Change nothing: list every command the rollback would run, in order, per item.
    #[arg(long, visible_alias = "what-if")]
    pub dry_run: bool,
    /// Converting back to regular needs a password: read it from the first line of standard input (one for
    /// all). Without it, those items are refused before any of their commands, permission removals included.
    #[arg(long)]
    pub password_stdin: bool,
    /// Undo a rollback run (given by id): converts its mailboxes back again. Refused without this flag.
    #[arg(long)]
    pub undo_rollback: bool,
    /// How many Exchange sessions work in parallel (1-18).
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub sessions: usize,
    /// List every row in the table (by default only rows with a warning or a problem).
    #[arg(long)]
    pub all: bool,
}

/// `session` subcommands.
#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Connect and report the PowerShell version, the Exchange server and version, and the roles mbxctl needs.
    Test,
}

/// `profile` subcommands.
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// List the configured profiles.
    List,
    /// Show one profile and the set-up it runs.
    Show {
        /// The profile name.
        #[arg(add = clap_complete::ArgValueCompleter::new(completions::profile_names))]
        name: String,
    },
    /// Add a profile (`--force` replaces one of the same name).
    #[command(after_help = "\
Examples:
  mbxctl profile add onprem --kind exchange-remote --server ex01.contoso.com
  mbxctl profile add onprem --kind exchange-remote --server ex01.contoso.com --authentication Basic --use-ssl --prompt-credential
  mbxctl profile add exo --kind exchange-online --app-id 00000000-0000-0000-0000-000000000000 \\
      --certificate-thumbprint 0123456789ABCDEF0123456789ABCDEF01234567 --organization contoso.onmicrosoft.com")]
    Add(ProfileAddArgs),
    /// Remove a profile.
    Remove {
        /// The profile name.
        #[arg(add = clap_complete::ArgValueCompleter::new(completions::profile_names))]
        name: String,
    },
}

/// Arguments of `profile add`.
#[derive(Debug, Args)]
pub struct ProfileAddArgs {
    /// The profile name.
    pub name: String,
    /// Replace the profile of the same name, if there is one.
    #[arg(long)]
    pub force: bool,
    /// The kind of set-up.
    #[arg(long, value_enum)]
    pub kind: ProfileKind,
    /// exchange-remote: the Exchange server FQDN (http://SERVER/PowerShell/).
    #[arg(long)]
    pub server: Option<String>,
    /// exchange-remote: authentication (Kerberos, Negotiate, Basic, ...).
    #[arg(long)]
    pub authentication: Option<String>,
    /// exchange-remote: a credential file made with `Get-Credential | Export-Clixml`.
    #[arg(long, value_name = "FILE")]
    pub credential_file: Option<PathBuf>,
    /// exchange-remote: connect with https (needed for Basic authentication).
    #[arg(long)]
    pub use_ssl: bool,
    /// exchange-remote: ask for a user name and password at each connection (instead of a file).
    #[arg(long, conflicts_with = "credential_file")]
    pub prompt_credential: bool,
    /// exchange-online: the app id.
    #[arg(long)]
    pub app_id: Option<String>,
    /// exchange-online: the certificate thumbprint.
    #[arg(long)]
    pub certificate_thumbprint: Option<String>,
    /// exchange-online: the tenant (contoso.onmicrosoft.com).
    #[arg(long)]
    pub organization: Option<String>,
    /// custom: a set-up command (repeatable), run in order in the fresh runspace.
    #[arg(long = "setup", value_name = "COMMAND")]
    pub setup: Vec<String>,
}

/// Profile kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileKind {
    /// Remote PowerShell to an Exchange server (New-PSSession + Import-PSSession).
    ExchangeRemote,
    /// On an Exchange server: the Exchange Management Shell set-up.
    ExchangeLocal,
    /// Exchange Online with app-only certificate authentication.
    ExchangeOnline,
    /// Your own set-up commands.
    Custom,
}

/// `audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Hybrid: mailboxes directory sync will turn back (KB2710029), unlicensed mailboxes at risk, and more.
    #[command(after_help = "Exit codes: 0 nothing critical, 6 critical findings (for nightly runbooks to alert on).
Examples:
  mbxctl --lab audit hybrid
  mbxctl --lab audit hybrid --fix --dry-run
  mbxctl --profile onprem --cloud-profile exo audit hybrid --csv > audit.csv")]
    Hybrid(AuditHybridArgs),
}

/// Arguments of `audit hybrid`.
#[derive(Debug, Args)]
pub struct AuditHybridArgs {
    /// Apply the safe fixes (journaled like a batch, so `rollback` can undo them).
    #[arg(long)]
    pub fix: bool,
    /// With --fix: only show what would be fixed.
    #[arg(long, visible_alias = "what-if", requires = "fix")]
    pub dry_run: bool,
    /// Print CSV for a change request.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

/// Arguments of `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to create the demo LAB (default: `--lab-dir`/`MBXCTL_LAB` when given, else a fresh
    /// temporary directory). It must not hold a LAB already.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Shells `completions` knows.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CompletionShell {
    /// bash
    Bash,
    /// zsh
    Zsh,
    /// fish
    Fish,
    /// PowerShell
    Powershell,
}

/// Parses arguments, runs the command, and returns the process exit code.
pub fn main() -> i32 {
    completions::complete_env();
    let parsed = output::reflow_help(<Cli as clap::CommandFactory>::command())
        .try_get_matches()
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, settings) = match parsed {
        Ok((mut cli, matches)) => {
            if let Err(e) = check_target_sources(&cli, &matches) {
                output::print_error(&cli, &e);
                return e.exit_code() as i32;
            }
            let settings =
                config::path().and_then(|p| config::load(&p)).and_then(|c| config::settle(&mut cli, &matches, &c));
            match settings {
                Ok(s) => {
                    output::set_terminal(s.terminal());
                    (cli, Ok(s))
                }
                // `config path|show` still run with a broken file, to find and explain it.
                Err(e) if matches!(cli.command, Command::Config(_)) => (cli, Err(e)),
                Err(e) => {
                    output::print_error(&cli, &e);
                    return e.exit_code() as i32;
                }
            }
        }
        Err(e) => {
            let code = if e.use_stderr() { ExitCode::Usage } else { ExitCode::Done };
            // A runbook that asked for JSON gets the JSON error document even for bad arguments.
            if code == ExitCode::Usage && std::env::args_os().any(|a| a == "--json") {
                let text = e.render().to_string();
                let first = text.lines().next().unwrap_or_default().trim_start_matches("error: ").to_string();
                let doc = serde_json::json!({"schema_version": SCHEMA_VERSION, "error": first, "detail": text, "kind": "usage", "exit_code": code as i32});
                output::out(&format!("{doc}\n"));
                return code as i32;
            }
            let _ = e.print();
            return code as i32;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::Failed as i32;
        }
    };
    let code = runtime.block_on(run(cli, settings));
    code as i32
}

/// Refuses a command line whose target is chosen twice, by different means: an explicit
/// `--profile`/`--pwsh`/`--cloud-profile` with a LAB from `MBXCTL_LAB` (a runbook that inherits
/// the variable would report "converted" without touching production), or with an explicit
/// `--lab`/`--lab-dir` (the reverse mistake: production options silently ignored). Checked once
/// here, so every command gets it.
fn check_target_sources(cli: &Cli, m: &clap::ArgMatches) -> Result<(), output::CliError> {
    use clap::parser::ValueSource;
    let from_line = |id: &str| m.value_source(id) == Some(ValueSource::CommandLine);
    let mut real = Vec::new();
    if let Some(p) = cli.profile.as_deref().filter(|_| from_line("profile")) {
        real.push(format!("--profile {p}"));
    }
    if let Some(p) =
        cli.cloud_profile.as_deref().filter(|p| from_line("cloud_profile") && !p.eq_ignore_ascii_case("none"))
    {
        real.push(format!("--cloud-profile {p}"));
    }
    if let Some(p) = cli.pwsh.as_ref().filter(|_| from_line("pwsh")) {
        real.push(format!("--pwsh {}", p.display()));
    }
    if real.is_empty() {
        return Ok(());
    }
    let real = real.join(" and ");
    match (m.value_source("lab_dir"), &cli.lab_dir, cli.lab) {
        (Some(ValueSource::EnvVariable), Some(dir), false) => Err(output::CliError::Usage(format!(
            "{real} names a real Exchange session, but MBXCTL_LAB={} (from the environment) selects the LAB; unset MBXCTL_LAB to run against Exchange, or drop {real} to run against the LAB",
            dir.display()
        ))),
        (_, Some(dir), _) => Err(output::CliError::Usage(format!(
            "{real} names a real Exchange session, but --lab-dir {} selects the LAB; give one or the other",
            dir.display()
        ))),
        (_, None, true) => Err(output::CliError::Usage(format!(
            "{real} names a real Exchange session, but --lab selects the LAB; give one or the other"
        ))),
        _ => Ok(()),
    }
}

async fn run(cli: Cli, settings: Result<config::Effective, output::CliError>) -> ExitCode {
    // Commands that touch an organisation name it in every JSON document and first in human output.
    if matches!(
        cli.command,
        Command::Convert(_)
            | Command::Show(_)
            | Command::List(_)
            | Command::Lab(_)
            | Command::Demo(_)
            | Command::Runs(_)
            | Command::Resume(_)
            | Command::Rollback(_)
            | Command::Session(_)
            | Command::Audit(_)
    ) {
        target::set(&cli);
    }
    let result = match &cli.command {
        Command::Convert(args) => convert::run(&cli, args).await,
        Command::Show(args) => inspect::show(&cli, args).await,
        Command::List(args) => inspect::run_list(&cli, args).await,
        Command::Render(args) => tools::render(&cli, args),
        Command::Validate(args) => tools::validate(&cli, args),
        Command::Cmdlets(args) => tools::cmdlets(&cli, args),
        Command::Lab(cmd) => labcmd::run(&cli, cmd).await,
        Command::Demo(args) => demo::run(args, cli.lab_dir.as_deref(), cli.json).await,
        Command::Runs(cmd) => runs::runs(&cli, cmd),
        Command::Resume(args) => batch::resume(&cli, args).await,
        Command::Rollback(args) => batch::rollback(&cli, args).await,
        Command::Session(SessionCommand::Test) => session::test(&cli).await,
        Command::Profile(cmd) => session::profile(&cli, cmd),
        Command::Audit(AuditCommand::Hybrid(args)) => audit::hybrid(&cli, args).await,
        Command::Completions { shell } => completions::script(*shell),
        Command::Complete { what } => completions::helper(&cli, *what),
        Command::Config(cmd) => config::run(&cli, cmd, settings.as_ref().ok(), settings.as_ref().err()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            output::print_error(&cli, &e);
            e.exit_code()
        }
    }
}
