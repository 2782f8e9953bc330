//! Tests of single-invocation validation.

use super::*;
use crate::secret::Secret;

fn onprem(version: &str) -> Target {
    Target { side: Side::OnPremises, version: Some(version.parse().unwrap()) }
}

fn online() -> Target {
    Target { side: Side::Online, version: None }
}

fn codes_of(v: &Validated) -> Vec<&'static str> {
    v.diagnostics.iter().map(|d| d.code).collect()
}

fn only(v: &Validated, code: &str) -> Diagnostic {
    assert_eq!(codes_of(v), vec![code], "{:#?}", v.diagnostics);
    v.diagnostics[0].clone()
}

#[test]
fn canonicalizes_a_typical_invocation() {
    let inv = Invocation::new("set-mailbox").param("identity", "kim").param("TY", "shared");
    let v = validate(&inv, &Target::default());
    assert!(v.is_ok(), "{:#?}", v.diagnostics);
    assert!(v.diagnostics.is_empty());
    assert_eq!(v.invocation, Invocation::new("Set-Mailbox").param("Identity", "kim").param("Type", "Shared"));
    assert_eq!(v.parameter_set.as_deref(), Some("Identity"));
}

#[test]
fn unknown_cmdlet_suggests_closest() {
    let v = validate(&Invocation::new("Set-Mailbx").param("Identity", "x"), &Target::default());
    let d = only(&v, codes::UNKNOWN_CMDLET);
    assert_eq!(d.help.as_deref(), Some("did you mean Set-Mailbox?"));
    assert!(!v.is_ok());
    assert_eq!(v.invocation.cmdlet, "Set-Mailbx");
}

#[test]
fn cmdlet_on_the_wrong_side() {
    let v = validate(&Invocation::new("Set-RemoteMailbox").param("Identity", "x"), &online());
    let d = only(&v, codes::CMDLET_NOT_ON_SIDE);
    assert_eq!(d.message, "Set-RemoteMailbox is not available in Exchange Online");
    let v = validate(&Invocation::new("Get-EXOMailbox"), &Target::default());
    only(&v, codes::CMDLET_NOT_ON_SIDE);
}

#[test]
fn security_compliance_cmdlet_on_premises_names_its_own_endpoint() {
    // Not "runs in Exchange Online": Security & Compliance PowerShell is a session of its own.
    let v = validate(&Invocation::new("Get-RetentionCompliancePolicy").param("Identity", "x"), &Target::default());
    let d = only(&v, codes::CMDLET_NOT_ON_SIDE);
    assert_eq!(
        d.help.as_deref(),
        Some(
            "Get-RetentionCompliancePolicy runs in Security & Compliance PowerShell (Connect-IPPSSession); run it there"
        )
    );
    let v = validate(&Invocation::new("Get-EXOMailbox"), &Target::default());
    let d = only(&v, codes::CMDLET_NOT_ON_SIDE);
    assert_eq!(d.help.as_deref(), Some("Get-EXOMailbox runs in Exchange Online; run it against that side"));
}

#[test]
fn unknown_parameter_suggests_closest() {
    let v =
        validate(&Invocation::new("Set-Mailbox").param("Identity", "x").param("Tpye", "Shared"), &Target::default());
    let d = only(&v, codes::UNKNOWN_PARAMETER);
    assert_eq!(d.parameter.as_deref(), Some("Tpye"));
    assert_eq!(d.help.as_deref(), Some("did you mean -Type?"));
    assert_eq!(v.invocation.params[1].name.as_deref(), Some("Tpye"));
}

#[test]
fn parameter_only_on_the_other_side() {
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("ResetPasswordOnNextLogon", true);
    let d = only(&validate(&inv, &online()), codes::PARAMETER_NOT_ON_SIDE);
    assert_eq!(d.message, "Set-Mailbox -ResetPasswordOnNextLogon exists only in on-premises Exchange");
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("AutoArchivingEnabled", true);
    only(&validate(&inv, &Target::default()), codes::PARAMETER_NOT_ON_SIDE);
}

#[test]
fn prefixes_aliases_and_ambiguity() {
    let inv = Invocation::new("Add-MailboxPermission")
        .param("Id", "shared")
        .param("Us", "kim")
        .param("AccessR", vec!["fullaccess".to_string()])
        .param("inh", "all")
        .param("cf", false);
    let v = validate(&inv, &Target::default());
    assert!(v.is_ok(), "{:#?}", v.diagnostics);
    let names: Vec<_> = v.invocation.params.iter().map(|p| p.name.clone().unwrap()).collect();
    assert_eq!(names, ["Identity", "User", "AccessRights", "InheritanceType", "Confirm"]);
    assert_eq!(v.invocation.params[2].value, Value::List(vec!["FullAccess".into()]));
    assert_eq!(v.invocation.params[3].value, Value::String("All".into()));
    assert_eq!(v.invocation.params[4].value, Value::Switch(false));

    let v = validate(&Invocation::new("Set-Mailbox").param("Identity", "x").param("D", "y"), &Target::default());
    let d = only(&v, codes::AMBIGUOUS_PARAMETER);
    assert!(d.message.contains("-DomainController") && d.message.contains("-Debug"), "{}", d.message);
    assert!(d.message.contains("-DisplayName"), "{}", d.message);
}

#[test]
fn wrong_value_types() {
    let t = Target::default();
    let d = only(
        &validate(
            &Invocation::new("Set-Mailbox").param("Identity", "x").param("HiddenFromAddressListsEnabled", "yes"),
            &t,
        ),
        codes::INVALID_VALUE_TYPE,
    );
    assert_eq!(d.parameter.as_deref(), Some("HiddenFromAddressListsEnabled"));
    assert!(d.help.unwrap().contains("$true, $false, 1 or 0"));
    // A bare switch for a parameter that needs a value.
    let d = only(
        &validate(&Invocation::new("Set-Mailbox").param("Identity", "x").switch("Type"), &t),
        codes::MISSING_ARGUMENT,
    );
    assert_eq!(d.message, "Set-Mailbox -Type needs a value");
    // Lists only where multi-valued.
    let inv = Invocation::new("Set-Mailbox").param("Identity", vec!["a".to_string(), "b".to_string()]);
    only(&validate(&inv, &t), codes::NOT_MULTI_VALUED);
    let inv = Invocation::new("Get-Recipient")
        .param("Properties", Value::AddRemove { add: vec!["a".into()], remove: vec![] });
    only(&validate(&inv, &t), codes::ADD_REMOVE_NOT_SUPPORTED);
    let inv = Invocation::new("Set-RemoteMailbox").param("Identity", "x").param("ExchangeGuid", "not-a-guid");
    only(&validate(&inv, &t), codes::INVALID_VALUE);
    let inv = Invocation::new("Get-Mailbox").param("ResultSize", 0 - 5);
    only(&validate(&inv, &t), codes::VALUE_OUT_OF_RANGE);
    let inv = Invocation::new("Get-Mailbox").param("OutBuffer", "lots");
    only(&validate(&inv, &t), codes::INVALID_VALUE_TYPE);
}

#[test]
fn coercions() {
    let t = Target::default();
    let inv = Invocation::new("Set-Mailbox")
        .param("Identity", 42)
        .param("Force", true)
        .param("HiddenFromAddressListsEnabled", 1)
        .param("ProhibitSendQuota", "unlimited")
        .param("IssueWarningQuota", "49GB")
        .param("GrantSendOnBehalfTo", Value::AddRemove { add: vec!["kim".into()], remove: vec![] });
    let v = validate(&inv, &t);
    assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
    let vals: Vec<_> = v.invocation.params.iter().map(|p| p.value.clone()).collect();
    assert_eq!(
        vals,
        [
            Value::String("42".into()),
            Value::Switch(true),
            Value::Bool(true),
            Value::String("Unlimited".into()),
            Value::String("49GB".into()),
            Value::AddRemove { add: vec!["kim".into()], remove: vec![] },
        ]
    );
    let inv = Invocation::new("Get-Mailbox").param("ResultSize", "UNLIMITED");
    assert_eq!(validate(&inv, &t).invocation.params[0].value, Value::String("Unlimited".into()));
    let inv = Invocation::new("Get-Mailbox").param("ResultSize", "500");
    assert_eq!(validate(&inv, &t).invocation.params[0].value, Value::Int(500));
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("ProhibitSendQuota", "lots");
    let d = only(&validate(&inv, &t), codes::INVALID_SIZE);
    assert_eq!(d.message, "Set-Mailbox -ProhibitSendQuota: 'lots' is not a size");
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("RulesQuota", "Unlimited");
    only(&validate(&inv, &t), codes::INVALID_SIZE);
}

#[test]
fn secrets_must_be_secure_values() {
    let t = Target::default();
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Regular").param("Password", "P@ss");
    let d = only(&validate(&inv, &t), codes::PLAIN_TEXT_SECRET);
    assert!(d.help.unwrap().contains("secure values"));
    let inv = Invocation::new("Set-Mailbox")
        .param("Identity", "x")
        .param("Type", "Regular")
        .param("Password", Secret::new("P@ss".to_string()));
    assert!(validate(&inv, &t).diagnostics.is_empty());
    let inv = Invocation::new("Set-Mailbox").param("Identity", Secret::new("x".to_string()));
    only(&validate(&inv, &t), codes::INVALID_VALUE_TYPE);
}

#[test]
fn dynamic_values_are_noted_not_checked() {
    let inv = Invocation::new("Set-Mailbox").param("Identity", Value::Dynamic("$mbx".into())).param("Type", "Shared");
    let v = validate(&inv, &Target::default());
    assert!(v.is_ok());
    let d = only(&v, codes::DYNAMIC_VALUE);
    assert_eq!(d.severity, Severity::Note);
}

#[test]
fn enum_values_are_case_insensitive_and_listed_when_wrong() {
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Sharde");
    let d = only(&validate(&inv, &Target::default()), codes::INVALID_ENUM_VALUE);
    assert_eq!(d.help.as_deref(), Some("valid values: Regular, Room, Equipment, Shared"));
    let inv = Invocation::new("Get-Mailbox")
        .param("RecipientTypeDetails", vec!["sharedmailbox".to_string(), "usermailbox".to_string()]);
    let v = validate(&inv, &Target::default());
    assert_eq!(v.invocation.params[0].value, Value::List(vec!["SharedMailbox".into(), "UserMailbox".into()]));
}

#[test]
fn workspace_is_online_only() {
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "workspace");
    let v = validate(&inv, &online());
    assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
    assert_eq!(v.invocation.params[1].value, Value::String("Workspace".into()));
    let d = only(&validate(&inv, &Target::default()), codes::VALUE_NOT_ON_SIDE);
    assert_eq!(d.message, "Set-Mailbox -Type: 'Workspace' is valid only in Exchange Online");
    assert_eq!(only(&validate(&inv, &onprem("2019")), codes::VALUE_NOT_ON_SIDE).parameter.as_deref(), Some("Type"));
}

#[test]
fn remote_shared_is_gated_by_cu() {
    let inv = Invocation::new("Set-RemoteMailbox").param("Identity", "x").param("Type", "Shared");
    let d = only(&validate(&inv, &onprem("2016 CU9")), codes::NOT_ON_VERSION);
    assert_eq!(d.message, "Set-RemoteMailbox -Type Shared is not available in Exchange 2016 CU9");
    assert_eq!(
        d.help.as_deref(),
        Some("it needs Exchange 2013 CU21 or later, Exchange 2016 CU10 or later, later Exchange Server versions")
    );
    for ok in ["2016 CU10", "15.1.1531.3", "2019", "SE", "2013 CU21"] {
        let v = validate(&inv, &onprem(ok));
        assert!(v.diagnostics.is_empty(), "{ok}: {:#?}", v.diagnostics);
    }
    only(&validate(&inv, &onprem("15.1.1466.3")), codes::NOT_ON_VERSION);
    let d = only(&validate(&inv, &onprem("2016")), codes::VERSION_UNKNOWN_CU);
    assert_eq!(d.severity, Severity::Warning);
    // Without a version nothing is gated.
    assert!(validate(&inv, &Target::default()).diagnostics.is_empty());
    // Valid values listed for 2016 CU9 leave Shared out.
    let bad = Invocation::new("Set-RemoteMailbox").param("Identity", "x").param("Type", "nope");
    let d = only(&validate(&bad, &onprem("2016 CU9")), codes::INVALID_ENUM_VALUE);
    assert_eq!(d.help.as_deref(), Some("valid values: Regular, Room, Equipment"));
}

#[test]
fn parameters_and_cmdlet_switches_gated_by_version() {
    let inv = Invocation::new("Get-Mailbox").switch("AuditLog");
    let d = only(&validate(&inv, &onprem("2013 CU23")), codes::NOT_ON_VERSION);
    assert_eq!(d.parameter.as_deref(), Some("AuditLog"));
    assert!(validate(&inv, &onprem("2016 CU1")).diagnostics.is_empty());
    let inv = Invocation::new("Enable-RemoteMailbox").param("Identity", "x").switch("Shared");
    only(&validate(&inv, &onprem("2013 CU20")), codes::NOT_ON_VERSION);
    // Online ignores version gating.
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Desk");
    let t = Target { side: Side::Online, version: Some("2016 CU1".parse().unwrap()) };
    assert!(validate(&inv, &t).diagnostics.is_empty());
}

#[test]
fn missing_mandatory_and_pipeline_stage() {
    let inv = Invocation::new("Set-Mailbox").param("Type", "Shared");
    let d = only(&validate(&inv, &Target::default()), codes::MISSING_MANDATORY);
    assert_eq!(d.message, "Set-Mailbox needs -Identity (parameter set Identity)");
    assert_eq!(d.help.as_deref(), Some("give -Identity <identity (MailboxIdParameter)>, or pipe it in"));
    assert!(validate_pipeline_stage(&inv, &Target::default()).is_ok());
    let inv = Invocation::new("Add-MailboxPermission").param("Identity", "x");
    let v = validate(&inv, &Target::default());
    assert_eq!(codes_of(&v), [codes::MISSING_MANDATORY, codes::MISSING_MANDATORY]);
    assert_eq!(v.diagnostics[0].message, "Add-MailboxPermission needs -AccessRights (parameter set AccessRights)");
    assert_eq!(v.diagnostics[1].parameter.as_deref(), Some("User"));
    assert_eq!(v.parameter_set.as_deref(), Some("AccessRights"));
}

#[test]
fn duplicate_parameter() {
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Shared").param("type", "Room");
    let d = only(&validate(&inv, &Target::default()), codes::DUPLICATE_PARAMETER);
    assert_eq!(d.message, "Set-Mailbox -Type is given more than once");
}

#[test]
fn conflicting_parameter_sets() {
    let inv = Invocation::new("Enable-RemoteMailbox").param("Identity", "x").switch("Room").switch("Shared");
    let v = validate(&inv, &Target::default());
    let d = only(&v, codes::CONFLICTING_SETS);
    assert_eq!(
        d.message,
        "Enable-RemoteMailbox -Shared (parameter set Shared) cannot be combined with -Room (parameter set Room)"
    );
    assert_eq!(v.parameter_set, None);
    let inv = Invocation::new("Add-MailboxPermission").param("Identity", "x").param("Owner", "kim").param("User", "y");
    only(&validate(&inv, &Target::default()), codes::CONFLICTING_SETS);
}

#[test]
fn parameter_set_resolution() {
    let t = Target::default();
    let v = validate(&Invocation::new("Enable-RemoteMailbox").param("Identity", "x").switch("Shared"), &t);
    assert_eq!((v.is_ok(), v.parameter_set.as_deref()), (true, Some("Shared")));
    let v = validate(
        &Invocation::new("Enable-RemoteMailbox")
            .param("Identity", "x")
            .param("RemoteRoutingAddress", "x@t.mail.onmicrosoft.com"),
        &t,
    );
    assert_eq!(v.parameter_set.as_deref(), Some("Default"));
    let v = validate(&Invocation::new("Get-Mailbox"), &t);
    assert_eq!((v.is_ok(), v.parameter_set.as_deref()), (true, Some("Identity")));
    let v = validate(&Invocation::new("Get-Mailbox").param("Database", "DB01"), &t);
    assert_eq!(v.parameter_set.as_deref(), Some("DatabaseSet"));
    let v = validate(
        &Invocation::new("Get-MailboxStatistics").param("Database", "DB01").param("Filter", "DisconnectDate -ne $null"),
        &t,
    );
    assert_eq!((v.is_ok(), v.parameter_set.as_deref()), (true, Some("Database")));
}

#[test]
fn positional_arguments_bind_by_position() {
    let t = Target::default();
    let inv = Invocation {
        cmdlet: "Connect-Mailbox".into(),
        params: vec![
            Parameter { name: None, value: "Kim Akers".into() },
            Parameter { name: None, value: "DB01".into() },
            Parameter { name: Some("Shared".into()), value: Value::Switch(true) },
            Parameter { name: Some("User".into()), value: "kim".into() },
        ],
    };
    let v = validate(&inv, &t);
    assert!(v.is_ok(), "{:#?}", v.diagnostics);
    assert_eq!(v.invocation.params[0].name.as_deref(), Some("Identity"));
    assert_eq!(v.invocation.params[1].name.as_deref(), Some("Database"));
    assert_eq!(v.parameter_set.as_deref(), Some("Shared"));
    // Get-MailboxStatistics: Identity and StoreMailboxIdentity share position 1; the default set wins.
    let inv = Invocation {
        cmdlet: "Get-MailboxStatistics".into(),
        params: vec![Parameter { name: None, value: "kim".into() }],
    };
    let v = validate(&inv, &t);
    assert_eq!(v.invocation.params[0].name.as_deref(), Some("Identity"));
    assert_eq!(v.parameter_set.as_deref(), Some("Identity"));
    // Too many.
    let inv = Invocation {
        cmdlet: "Set-Mailbox".into(),
        params: vec![Parameter { name: None, value: "kim".into() }, Parameter { name: None, value: "Shared".into() }],
    };
    let v = validate(&inv, &t);
    only(&v, codes::TOO_MANY_POSITIONAL);
    assert_eq!(v.invocation.params[1].name, None);
}

#[test]
fn diagnostics_serialize_with_stable_codes() {
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Sharde");
    let v = validate(&inv, &Target::default());
    let j = serde_json::to_value(&v.diagnostics).unwrap();
    assert_eq!(j[0]["code"], "invalid-enum-value");
    assert_eq!(j[0]["severity"], "error");
    assert_eq!(j[0]["parameter"], "Type");
}

/// The codes of the errors and warnings of each command of a script, judged as `validate` judges
/// a script with no side stated.
fn script_codes(text: &str) -> Vec<Vec<&'static str>> {
    let s = crate::cmdlet::parse::parse_script(text);
    s.commands
        .iter()
        .map(|c| {
            let v = script::check_command(c, script::Scope::Hybrid, None).expect("an Exchange cmdlet");
            v.diagnostics.iter().filter(|d| d.severity != Severity::Note).map(|d| d.code).collect()
        })
        .collect()
}

#[test]
fn catalogue_corrections_reach_the_binder() {
    // Flag enums take a list or one comma-separated text; a multi-valued collection a list.
    // -RejectDirectSend binds alone; a Boolean given to a String parameter is PowerShell's "True".
    let none: Vec<Vec<&str>> = vec![vec![]; 6];
    assert_eq!(
        script_codes(
            "Enable-ExchangeCertificate -Thumbprint 5113ae02 -Services POP,IMAP,SMTP,IIS\n\
             Enable-ExchangeCertificate -Thumbprint 5113ae02 -Services \"IMAP, POP\"\n\
             Set-EmailAddressPolicy -Identity x -EnabledEmailAddressTemplates \"SMTP:@contoso.com\",\"smtp:@contoso.net\"\n\
             Set-OrganizationConfig -RejectDirectSend $true\n\
             Set-ExchangeSettings Audit -UpdateSetting -ConfigName AuditLogPumperEnabled -ConfigValue $true -Reason r\n\
             Set-ComplianceSearch -Identity x -HoldNames All -ExchangeLocation $null"
        ),
        none
    );
    // What stays an error: a Boolean for an enum PowerShell cannot convert it to, a list for a
    // parameter that takes one value.
    assert_eq!(
        script_codes(
            "New-MobileDeviceMailboxPolicy -Name m -AllowBluetooth $true\n\
             Get-SecurityPrincipal -OrganizationalUnit OU=People,DC=Contoso,DC=com"
        ),
        [[codes::INVALID_VALUE_TYPE], [codes::NOT_MULTI_VALUED]]
    );
}

#[test]
fn security_and_compliance_cmdlets_are_judged_in_the_cloud() {
    // Security & Compliance only: judged, not an unknown cmdlet; its parameters checked.
    assert_eq!(script_codes("Get-UnifiedAuditLogRetentionPolicy -RecordType ExchangeItem"), [Vec::<&str>::new()]);
    assert_eq!(
        script_codes("Remove-UnifiedAuditLogRetentionPolicy -Identty x"),
        [[codes::UNKNOWN_PARAMETER, codes::MISSING_MANDATORY]]
    );
}

#[test]
fn connecting_to_security_and_compliance_states_the_cloud_side() {
    // A script that loads the on-premises snap-in and connects to Security & Compliance is
    // hybrid: its Security & Compliance commands are judged in the cloud, not refused on-premises.
    let text = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\nConnect-IPPSSession\nGet-ComplianceCase -CaseType DSR";
    assert!(script::may_state_side(text));
    let s = crate::cmdlet::parse::parse_script(text);
    let scope = script::infer_side(&s).scope();
    assert_eq!(scope, Some(script::Scope::Hybrid));
    let v = script::check_command(&s.commands[2], script::Scope::Hybrid, None).unwrap();
    assert!(v.is_ok(), "{:#?}", v.diagnostics);
}

#[test]
fn recipient_type_details_values_of_the_enum_are_not_errors() {
    // Every value Get-Recipient's page lists (GroupMailbox was missing from the hand-kept list).
    let inv = Invocation::new("Get-Recipient")
        .param("RecipientTypeDetails", vec!["GroupMailbox".to_string(), "GuestMailUser".to_string()]);
    let v = validate(&inv, &online());
    assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
    // A member of the .NET enum Get-Mailbox's page does not list: a warning.
    let inv = Invocation::new("Get-Mailbox").param("RecipientTypeDetails", "ArbitrationMailbox");
    let d = only(&validate(&inv, &online()), codes::UNLISTED_ENUM_VALUE);
    assert_eq!(d.severity, Severity::Warning);
    // Not a member at all: an error, as before.
    let inv = Invocation::new("Get-Mailbox").param("RecipientTypeDetails", "SharedMailboxes");
    only(&validate(&inv, &online()), codes::INVALID_ENUM_VALUE);
}

#[test]
fn enum_text_converts_as_powershell_converts_it() {
    use super::{EnumMatch, enum_match};
    let oof = ["Disabled", "Enabled", "Scheduled"];
    assert_eq!(enum_match(&oof, "enabled"), EnumMatch::One("Enabled"));
    assert_eq!(enum_match(&oof, " Enabled "), EnumMatch::One("Enabled"), "Enum.Parse trims");
    // A start only one name has is that name (EnumMinimumDisambiguation).
    assert_eq!(enum_match(&oof, "Enable"), EnumMatch::One("Enabled"));
    assert_eq!(enum_match(&oof, "s"), EnumMatch::One("Scheduled"));
    // ... but the start is not trimmed, and is not looked for inside a list.
    assert_eq!(enum_match(&oof, " Enable"), EnumMatch::Unknown);
    assert_eq!(enum_match(&oof, "Enabled, Sched"), EnumMatch::Unknown);
    // Whole names or numbers joined by commas: .NET's parse combines them.
    assert_eq!(enum_match(&oof, "Enabled, Scheduled"), EnumMatch::Combined);
    assert_eq!(enum_match(&oof, "1"), EnumMatch::Combined);
    // Several starts: the exact one wins, else nothing is chosen.
    let days = ["Sunday", "Monday", "Tuesday", "Thursday"];
    assert_eq!(enum_match(&days, "T"), EnumMatch::Ambiguous(vec!["Tuesday", "Thursday"]));
    let link = ["Members", "Owners", "Subscribers", "Aggregators", "EventSubscribers"];
    assert_eq!(enum_match(&link, "Member"), EnumMatch::One("Members"));
    let types = ["Regular", "Room", "Equipment", "Shared"];
    assert_eq!(enum_match(&types, "Room"), EnumMatch::One("Room"));
    assert_eq!(enum_match(&types, "R"), EnumMatch::Ambiguous(vec!["Regular", "Room"]));
    assert!(matches!(enum_match(&types, ""), EnumMatch::Ambiguous(_)), "every name starts with nothing");
    assert_eq!(enum_match(&types, "Sharde"), EnumMatch::Unknown);
}

#[test]
fn shortened_enum_values_bind_and_ambiguous_ones_are_named() {
    // `-Type Share` binds as Shared, as PowerShell does.
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Share");
    let v = validate(&inv, &online());
    assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
    assert_eq!(v.invocation.params[1].value, Value::String("Shared".into()));
    let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "R");
    let d = only(&validate(&inv, &online()), codes::INVALID_ENUM_VALUE);
    assert!(d.message.contains("several values: Regular, Room"), "{}", d.message);
    // RecipientTypeDetails starts are judged against the whole .NET enum, not the page's list.
    let inv = Invocation::new("Get-Mailbox").param("RecipientTypeDetails", "Shared");
    let d = only(&validate(&inv, &online()), codes::INVALID_ENUM_VALUE);
    assert!(d.message.contains("SharedMailbox") && d.message.contains("SharedWithMailUser"), "{}", d.message);
}

#[test]
fn values_outside_the_list_a_page_gives_are_warnings() {
    // The page's list for an enum the hand-kept layer does not know (OofState).
    let info = catalogue().cmdlet("Set-MailboxAutoReplyConfiguration", Side::Online).unwrap();
    assert_eq!(info.parameter("AutoReplyState").unwrap().listed_values, ["Enabled", "Disabled", "Scheduled"]);
    assert!(info.parameter("InternalMessage").unwrap().listed_values.is_empty(), "a String takes any text");
    let run = |state: &str| {
        let inv = Invocation::new("Set-MailboxAutoReplyConfiguration")
            .param("Identity", "kim")
            .param("AutoReplyState", state);
        validate(&inv, &online()).diagnostics
    };
    assert!(run("Enabled").is_empty());
    assert!(run("enable").is_empty(), "a start only Enabled has");
    let d = run("Enabeld");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].code, d[0].severity), (codes::UNLISTED_ENUM_VALUE, Severity::Warning));
    assert_eq!(d[0].help.as_deref(), Some("did you mean 'Enabled'? The page lists Enabled, Disabled, Scheduled"));
    // A list parameter checks each item; a start several roles share is named.
    let inv = Invocation::new("Add-MailboxFolderPermission")
        .param("Identity", "kim:\\Calendar")
        .param("User", "bob")
        .param("AccessRights", vec!["Reviewer".to_string(), "Edit".to_string()]);
    let d = validate(&inv, &online()).diagnostics;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("'Edit' is the start of several values: EditAllItems, EditOwnedItems, Editor"));
    // Run-time values are not judged.
    let inv = Invocation::new("Set-MailboxAutoReplyConfiguration")
        .param("Identity", "kim")
        .param("AutoReplyState", Value::Dynamic("$state".into()));
    assert!(validate(&inv, &online()).diagnostics.iter().all(|d| d.severity == Severity::Note));
}
