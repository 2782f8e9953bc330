//! Tests of the merged catalogue: real pages, the layering, PowerShell's name resolution.

use super::*;
use crate::cmdlet::version::ExchangeVersion;
use crate::cmdlet::version::Support;

#[test]
fn hand_kept_data_parses_on_its_own() {
    let c = Catalogue::from_json(OVERRIDES).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.cmdlets().len(), 30);
    assert!(c.cmdlet("Add-RecipientPermission", Side::Online).is_some());
    assert!(c.cmdlet("Add-RecipientPermission", Side::OnPremises).is_none());
}

#[test]
fn every_entry_is_well_formed() {
    let cat = catalogue();
    for c in cat.cmdlets() {
        let mut names: Vec<String> = Vec::new();
        for p in &c.parameters {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                let l = n.to_ascii_lowercase();
                assert!(!names.contains(&l), "{} -{n} duplicated", c.name);
                names.push(l);
            }
            assert!(!p.sets.is_empty(), "{} -{} is in no set", c.name, p.name);
            assert!(!p.source.is_empty(), "{} -{} cites nothing", c.name, p.name);
            check_kind(&c.name, &p.name, &p.kind);
        }
        for (si, set) in c.parameter_sets.iter().enumerate() {
            let mut positions: Vec<u32> =
                c.parameters.iter().filter(|p| p.set_mask & (1 << si) != 0).filter_map(|p| p.position).collect();
            let n = positions.len();
            positions.sort();
            positions.dedup();
            // Pages that give two parameters of one set the same position (a slip PowerShell
            // would refuse to load); the binder takes the first, as the tests of validate show.
            const SLIPS: [&str; 7] = [
                "Check-PurviewConfig",
                "Import-DlpPolicyCollection",
                "Import-JournalRuleCollection",
                "Import-TransportRuleCollection",
                "New-SyncMailPublicFolder",
                "Test-ActiveSyncConnectivity",
                "Test-WebServicesConnectivity",
            ];
            if !SLIPS.contains(&c.name.as_str()) {
                assert_eq!(positions.len(), n, "{} set {set}: two parameters share a position", c.name);
            }
        }
        assert!(c.parameter_sets.contains(&c.default_parameter_set));
        assert_eq!(c.parameter("WhatIf").is_some(), c.supports_should_process, "{}", c.name);
        assert!(c.parameter("Verbose").is_some() && c.parameter("ErrorAction").is_some());
        let pipeline: ParamMask = c
            .parameters
            .iter()
            .enumerate()
            .filter(|(_, p)| p.pipeline != PipelineInput::None)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(c.pipeline_mask(), pipeline, "{}", c.name);
    }
}

fn check_kind(cmdlet: &str, param: &str, kind: &ParamKind) {
    match kind {
        ParamKind::Enum { values } => {
            assert!(!values.is_empty(), "{cmdlet} -{param}: empty enum");
            let mut seen: Vec<String> = values.iter().map(|v| v.name.to_ascii_lowercase()).collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), values.len(), "{cmdlet} -{param}: duplicate enum value");
            assert!(values.iter().all(|v| !v.name.is_empty()));
        }
        ParamKind::Int { min, max } => assert!(min <= max, "{cmdlet} -{param}"),
        ParamKind::MultiValued { of, .. } => {
            assert!(!matches!(**of, ParamKind::MultiValued { .. } | ParamKind::Switch));
            check_kind(cmdlet, param, of);
        }
        _ => {}
    }
}

#[test]
fn lookup_is_case_insensitive_and_per_side() {
    let cat = catalogue();
    let on = cat.cmdlet("set-MAILBOX", Side::OnPremises).unwrap();
    assert_eq!((on.name.as_str(), on.side), ("Set-Mailbox", Side::OnPremises));
    let exo = cat.cmdlet("Set-Mailbox", Side::Online).unwrap();
    assert_eq!(exo.side, Side::Online);
    assert!(cat.cmdlet("Set-RemoteMailbox", Side::Online).is_none());
    assert!(cat.cmdlet("Add-ADPermission", Side::Online).is_none());
    assert!(cat.cmdlet("Get-EXOMailbox", Side::OnPremises).is_none());
    assert_eq!(cat.entries("get-mailbox").count(), 2);
    assert!(cat.cmdlet("Set-Mailbo", Side::OnPremises).is_none());
}

#[test]
fn prefix_resolution_matches_powershell() {
    let sm = catalogue().cmdlet("Set-Mailbox", Side::OnPremises).unwrap();
    let idx = |n: &str| sm.parameters.iter().position(|p| p.name == n).unwrap();
    assert_eq!(sm.resolve_parameter("Typ"), ParamMatch::Found(idx("Type")));
    assert_eq!(sm.resolve_parameter("-identity"), ParamMatch::Found(idx("Identity")));
    assert_eq!(sm.resolve_parameter("cf"), ParamMatch::Found(idx("Confirm")));
    assert_eq!(sm.resolve_parameter("ea"), ParamMatch::Found(idx("ErrorAction")));
    // Judged against the full list, as Exchange does: `-T` matches -Type and the others.
    let ParamMatch::Ambiguous(t) = sm.resolve_parameter("T") else { panic!("-T must be ambiguous") };
    assert!(t.contains(&idx("Type")) && t.contains(&idx("ThrottlingPolicy")), "{t:?}");
    let ParamMatch::Ambiguous(a) = sm.resolve_parameter("archive") else { panic!("-archive must be ambiguous") };
    assert!(a.contains(&idx("ArchiveQuota")) && a.contains(&idx("ArchiveWarningQuota")), "{a:?}");
    assert_eq!(sm.resolve_parameter("Nonsense"), ParamMatch::Unknown);
    assert_eq!(sm.resolve_parameter(""), ParamMatch::Unknown);
    // An exact name wins over being a prefix of others.
    let gm = catalogue().cmdlet("Get-Mailbox", Side::OnPremises).unwrap();
    let a = gm.parameters.iter().position(|p| p.name == "Archive").unwrap();
    assert_eq!(gm.resolve_parameter("ARCHIVE"), ParamMatch::Found(a));
}

#[test]
fn common_parameters_take_part_in_prefix_matching_as_in_powershell() {
    // Checked against pwsh 7.6: with `-OrganizationalUnit` declared, `-O` binds it although
    // -OutVariable and -OutBuffer share the prefix; `-Ou` (common ones only) is ambiguous;
    // `-W` on a ShouldProcess cmdlet matches -WarningAction, -WarningVariable, -WhatIf.
    let gm = catalogue().cmdlet("Get-Mailbox", Side::OnPremises).unwrap();
    let ou = gm.parameters.iter().position(|p| p.name == "OrganizationalUnit").unwrap();
    assert_eq!(gm.resolve_parameter("O"), ParamMatch::Found(ou));
    let ParamMatch::Ambiguous(c) = gm.resolve_parameter("Ou") else { panic!("-Ou must be ambiguous") };
    let names: Vec<&str> = c.iter().map(|&i| gm.parameters[i].name.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"OutVariable") && names.contains(&"OutBuffer"), "{names:?}");
    let hold = catalogue().cmdlet_in("Invoke-HoldRemovalAction", Service::SecurityCompliance).unwrap();
    let ParamMatch::Ambiguous(w) = hold.resolve_parameter("W") else { panic!("-W must be ambiguous") };
    let names: Vec<&str> = w.iter().map(|&i| hold.parameters[i].name.as_str()).collect();
    assert_eq!(
        names,
        ["WhatIf", "WarningAction", "WarningVariable"]
            .iter()
            .filter(|n| names.contains(n))
            .copied()
            .collect::<Vec<_>>()
    );
    assert_eq!(names.len(), 3, "{names:?}");
    for (alias, name) in [
        ("ea", "ErrorAction"),
        ("ev", "ErrorVariable"),
        ("wa", "WarningAction"),
        ("wv", "WarningVariable"),
        ("infa", "InformationAction"),
        ("iv", "InformationVariable"),
        ("ov", "OutVariable"),
        ("ob", "OutBuffer"),
        ("pv", "PipelineVariable"),
        ("vb", "Verbose"),
        ("db", "Debug"),
        ("proga", "ProgressAction"),
        ("wi", "WhatIf"),
        ("cf", "Confirm"),
    ] {
        let p = hold.parameter(alias).unwrap_or_else(|| panic!("-{alias}"));
        assert_eq!((p.name.as_str(), p.common), (name, true));
    }
    // No ShouldProcess, no -WhatIf.
    assert!(gm.parameter("WhatIf").is_none() && !gm.supports_should_process);
}

#[test]
fn closest_names() {
    let cat = catalogue();
    assert_eq!(cat.closest_cmdlets("Set-Mailbx").first(), Some(&"Set-Mailbox"));
    assert_eq!(cat.closest_cmdlets("get-remotemailbx").first(), Some(&"Get-RemoteMailbox"));
    assert!(cat.closest_cmdlets("zzzz").is_empty());
    let sm = cat.cmdlet("Set-Mailbox", Side::OnPremises).unwrap();
    assert_eq!(sm.closest_parameters("Tpye").first(), Some(&"Type"));
}

#[test]
fn remote_shared_is_version_gated_in_data() {
    let srm = catalogue().cmdlet("Set-RemoteMailbox", Side::OnPremises).unwrap();
    let ParamKind::Enum { values } = &srm.parameter("Type").unwrap().kind else { panic!("Type is an enum") };
    let shared = values.iter().find(|v| v.name == "Shared").unwrap();
    let v = |s: &str| s.parse::<ExchangeVersion>().unwrap();
    assert_eq!(shared.availability.check(&v("2016 CU9")), Support::No);
    assert_eq!(shared.availability.check(&v("2016 CU10")), Support::Yes);
    assert_eq!(shared.availability.check(&v("2019")), Support::Yes);
}

#[test]
fn serializes_for_the_cli() {
    let srm = catalogue().cmdlet("Set-RemoteMailbox", Side::OnPremises).unwrap();
    let j = serde_json::to_value(srm).unwrap();
    assert_eq!(j["name"], "Set-RemoteMailbox");
    assert_eq!(j["side"], "onpremises");
    assert_eq!(j["service"], "on_premises");
    assert_eq!(j["applies"][0], "Exchange Server 2010");
    assert_eq!(j["parameters"][0]["name"], "Identity");
    assert_eq!(j["parameters"][0]["kind"]["type"], "identity");
    assert_eq!(j["parameters"][0]["position"], 1);
    assert_eq!(j["parameters"][0]["sets"][0]["mandatory"], true);
    let ty = j["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "Type").unwrap();
    assert_eq!(ty["kind"]["type"], "enum");
    assert_eq!(ty["kind"]["values"][3]["name"], "Shared");
    assert_eq!(ty["kind"]["values"][3]["availability"], "2013 CU21+, 2016 CU10+");
}

#[test]
fn bad_data_is_reported_with_the_entry() {
    let bad = OVERRIDES.replace("\"default_parameter_set\": \"Default\"", "\"default_parameter_set\": \"Nope\"");
    let e = Catalogue::from_json(&bad).unwrap_err().to_string();
    assert!(e.contains("Enable-RemoteMailbox") && e.contains("Nope"), "{e}");
    let bad = OVERRIDES.replace("\"source\": \"[GES] -Status\"", "\"source\": \"[NOPE] -Status\"");
    let e = Catalogue::from_json(&bad).unwrap_err().to_string();
    assert!(e.contains("[NOPE]"), "{e}");
}

fn names(c: &CmdletInfo) -> Vec<&str> {
    c.parameters.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn covers_every_cmdlet_of_the_reference() {
    let cat = catalogue();
    assert!(cat.names().len() >= 1_000, "{} cmdlets", cat.names().len());
    let source = cat.source().unwrap();
    assert_eq!(source.repository, "MicrosoftDocs/office-docs-powershell");
    assert_eq!(source.commit.len(), 40);
    let on = cat.names().iter().filter(|n| cat.cmdlet(n, Side::OnPremises).is_some()).count();
    let online = cat.names().iter().filter(|n| cat.applies(n).unwrap().in_service(Service::Online)).count();
    assert!(on >= 800 && online >= 500, "on-premises {on}, online {online}");
}

#[test]
fn real_pages_give_real_parameters() {
    let cat = catalogue();
    let on = cat.cmdlet("Set-Mailbox", Side::OnPremises).unwrap();
    let exo = cat.cmdlet("Set-Mailbox", Side::Online).unwrap();
    for p in ["AuditEnabled", "CustomAttribute6", "WindowsEmailAddress"] {
        assert!(on.parameter(p).is_some() && exo.parameter(p).is_some(), "-{p}");
    }
    // Cloud-only, by their Applicable lines.
    for p in ["MicrosoftOnlineServicesID", "ExcludeFromAllOrgHolds"] {
        assert!(on.parameter(p).is_none() && exo.parameter(p).is_some(), "-{p}");
        assert!(!exo.parameter(p).unwrap().applies.in_service(Service::OnPremises));
    }
    assert!(exo.parameter("DomainController").is_none() && on.parameter("DomainController").is_some());
    let gms = cat.cmdlet("Get-MailboxStatistics", Side::Online).unwrap();
    assert!(gms.parameter("IncludeSoftDeletedRecipients").is_some());
    // Its Database and Server sets need on-premises parameters: not in Exchange Online.
    assert_eq!(gms.parameter_sets, ["Identity"]);
    let gms_on = cat.cmdlet("Get-MailboxStatistics", Side::OnPremises).unwrap();
    assert_eq!(gms_on.parameter_sets, ["Database", "Identity", "Server"]);
    assert_eq!(gms_on.default_parameter_set, "Identity");
    let sma = gms_on.parameter("StoreMailboxIdentity").unwrap();
    assert_eq!((sma.position, sma.availability.to_string().as_str()), (Some(1), "2013+"));
    for name in [
        "New-Mailbox",
        "Enable-Mailbox",
        "Get-MailboxFolderPermission",
        "Add-MailboxFolderPermission",
        "Set-MailboxFolderPermission",
        "Remove-MailboxFolderPermission",
    ] {
        assert!(cat.cmdlet(name, Side::OnPremises).is_some(), "{name}");
    }
    assert!(cat.cmdlet("Get-InboxRule", Side::Online).is_some());
    assert!(cat.cmdlet("Add-MailboxFolderPermission", Side::Online).is_some());
    assert!(cat.cmdlet("Get-EXOMailbox", Side::OnPremises).is_none());
    // Security & Compliance is a service of its own.
    assert!(cat.cmdlet_in("New-ComplianceSearch", Service::SecurityCompliance).is_some());
    assert!(cat.cmdlet("New-ComplianceSearch", Side::Online).is_none());
    assert_eq!(cat.cmdlet_in("New-ComplianceSearch", Service::SecurityCompliance).unwrap().side, Side::Online);
}

#[test]
fn parameter_sets_mandatory_and_pipeline_come_from_syntax() {
    let cat = catalogue();
    let amp = cat.cmdlet("Add-MailboxPermission", Side::OnPremises).unwrap();
    assert_eq!(amp.parameter_sets, ["AccessRights", "Owner", "Instance"]);
    let set = |n: &str| amp.parameter_sets.iter().position(|s| s == n).unwrap();
    let idx = |n: &str| amp.parameters.iter().position(|p| p.name == n).unwrap();
    // `[-Identity] <T>` in AccessRights and Owner, `[[-Identity] <T>]` in Instance.
    assert!(amp.mandatory_in(set("AccessRights")).contains(idx("Identity")));
    assert!(amp.mandatory_in(set("AccessRights")).contains(idx("User")));
    assert!(amp.mandatory_in(set("Owner")).contains(idx("Owner")));
    assert!(!amp.mandatory_in(set("Instance")).contains(idx("Identity")));
    assert!(!amp.mandatory_in(set("Instance")).contains(idx("AccessRights")));
    assert!(amp.mandatory_in(set("Instance")).contains(idx("Instance")));
    assert_eq!(amp.parameter("Identity").unwrap().position, Some(1));
    assert!(amp.pipeline_mask().contains(idx("Identity")) && !amp.pipeline_mask().contains(idx("User")));
    assert_eq!(amp.parameter("AutoMapping").unwrap().kind, ParamKind::Bool);
    assert_eq!(amp.parameter("Deny").unwrap().kind, ParamKind::Switch);
    let owner = amp.parameter("Owner").unwrap();
    assert_eq!(owner.set_mask(), 1 << set("Owner"));
    assert!(amp.supports_should_process);
    let gexo = cat.cmdlet("Get-EXOMailbox", Side::Online).unwrap();
    assert_eq!(gexo.parameter("Identity").unwrap().pipeline, PipelineInput::Both);
}

#[test]
fn hand_kept_knowledge_is_laid_over_the_generated_data() {
    let cat = catalogue();
    let sm = cat.cmdlet("Set-Mailbox", Side::OnPremises).unwrap();
    // A hand-kept value set survives the merge.
    let ParamKind::Enum { values } = &sm.parameter("Type").unwrap().kind else { panic!("Type is an enum") };
    assert_eq!(values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["Regular", "Room", "Equipment", "Shared"]);
    let ParamKind::Enum { values } = &cat.cmdlet("Set-Mailbox", Side::Online).unwrap().parameter("Type").unwrap().kind
    else {
        panic!("Type is an enum online too")
    };
    assert!(values.iter().any(|v| v.name == "Workspace"));
    // A generated parameter the hand list lacked now exists, typed from the page.
    assert!(names(sm).len() > 150, "{}", names(sm).len());
    assert_eq!(sm.parameter("AuditEnabled").unwrap().kind, ParamKind::Bool);
    // Hand-kept CU gating wins over the product-level Applicable line.
    let srm = cat.cmdlet("Set-RemoteMailbox", Side::OnPremises).unwrap();
    let ParamKind::Enum { values } = &srm.parameter("Type").unwrap().kind else { panic!("Type is an enum") };
    let shared = values.iter().find(|v| v.name == "Shared").unwrap();
    let v = |s: &str| s.parse::<ExchangeVersion>().unwrap();
    assert_eq!(shared.availability.check(&v("2016 CU9")), Support::No);
    assert_eq!(shared.availability.check(&v("2016 CU10")), Support::Yes);
    // Both citations are kept; the hand-kept synopsis is used.
    let ty = sm.parameter("Type").unwrap();
    assert!(ty.source.contains("[SM] -Type") && ty.source.contains("Set-Mailbox.md -Type"), "{}", ty.source);
    assert!(sm.source.contains("exchange/exchange-ps/ExchangePowerShell/Set-Mailbox.md"), "{}", sm.source);
    assert!(sm.synopsis.starts_with("Changes mailbox settings"), "{}", sm.synopsis);
    // Remove-MailboxPermission -AccessRights SendAs is valid (its page lists it).
    let rmp = cat.cmdlet("Remove-MailboxPermission", Side::OnPremises).unwrap();
    let ParamKind::MultiValued { of, .. } = &rmp.parameter("AccessRights").unwrap().kind else { panic!("a list") };
    let ParamKind::Enum { values } = &**of else { panic!("of MailboxRights") };
    assert!(values.iter().any(|v| v.name == "SendAs"));
    // Version gating from the Applicable lines: Get-Mailbox -AuditLog is not in 2013.
    let gm = cat.cmdlet("Get-Mailbox", Side::OnPremises).unwrap();
    assert_eq!(gm.parameter("AuditLog").unwrap().availability.check(&v("2013 CU23")), Support::No);
}

#[test]
fn applies_answers_without_decoding() {
    let cat = catalogue();
    let a = cat.applies("get-exomailbox").unwrap();
    assert!(a.in_service(Service::Online) && !a.in_service(Service::OnPremises));
    let a = cat.applies("Add-RecipientPermission").unwrap();
    assert!(a.in_service(Service::Online));
    assert!(cat.applies("Get-PSSession").is_none());
    assert_eq!(cat.entries("Get-Mailbox").count(), 2);
}

#[test]
fn corrections_override_sets_mandatory_position_and_type() {
    let cat = catalogue();
    // Set-OrganizationConfig -RejectDirectSend: the page's one set, whose
    // -ShortenEventScopeDefault is mandatory, is no longer the only one.
    let soc = cat.cmdlet("Set-OrganizationConfig", Side::Online).unwrap();
    let rds = soc.parameter("RejectDirectSend").unwrap();
    assert!(rds.in_all_sets && rds.mandatory_sets() == 0, "{:?}", rds.sets);
    assert!(rds.source.contains("hand-kept correction: the page puts it only in"), "{}", rds.source);
    assert!(soc.parameter("ShortenEventScopeDefault").unwrap().mandatory_sets() != 0, "other parameters untouched");
    // Mandatory nowhere, in every service.
    let ghp = cat.cmdlet("Get-HostedOutboundSpamFilterPolicy", Side::Online).unwrap();
    assert_eq!(ghp.parameter("Identity").unwrap().mandatory_sets(), 0);
    // A position the page does not give.
    let gqh = cat.cmdlet("Get-QuarantineMessageHeader", Side::Online).unwrap();
    assert_eq!(gqh.parameter("Identity").unwrap().position, Some(1));
    // A type the page gets wrong, in one service only.
    let sm = cat.cmdlet("Set-Mailbox", Side::Online).unwrap();
    assert_eq!(sm.parameter("GroupMailbox").unwrap().kind, ParamKind::Switch);
    // Pipeline binding the page leaves out.
    let rri = cat.cmdlet("Restore-RecoverableItems", Side::OnPremises).unwrap();
    assert_eq!(rri.parameter("Identity").unwrap().pipeline, PipelineInput::Both);
}

#[test]
fn corrections_for_one_service_keep_a_set_there_only() {
    let cat = catalogue();
    // In Exchange Online the SourceMailbox set keeps -SourceMailbox and -TargetMailbox mandatory
    // and nothing else: its remote-restore parameters are not mandatory there.
    let online = cat.cmdlet("New-MailboxRestoreRequest", Side::Online).unwrap();
    let set = online.parameter_sets.iter().position(|s| s == "SourceMailbox").expect("the set is kept online");
    let mandatory: Vec<&str> =
        online.parameters.iter().filter(|p| p.mandatory_sets() & (1 << set) != 0).map(|p| p.name.as_str()).collect();
    assert_eq!(mandatory, ["SourceMailbox", "TargetMailbox"]);
}

#[test]
fn corrections_add_a_parameter_where_the_page_lacks_it() {
    let cat = catalogue();
    let v = |s: &str| s.parse::<ExchangeVersion>().unwrap();
    let nmm = cat.cmdlet("New-MailMessage", Side::OnPremises).unwrap();
    let mailbox = nmm.parameter("Mailbox").expect("added from the page's examples");
    assert_eq!(mailbox.kind, ParamKind::Identity);
    assert!(mailbox.in_all_sets && mailbox.mandatory_sets() == 0);
    assert_eq!(mailbox.availability.check(&v("2010")), Support::Yes);
    assert_eq!(mailbox.availability.check(&v("2016 CU23")), Support::No);
    assert!(cat.cmdlet("New-MailMessage", Side::Online).unwrap().parameter("Mailbox").is_none());
}

#[test]
fn flag_enums_and_collections_take_lists() {
    let cat = catalogue();
    let list = |cmdlet: &str, side: Side, param: &str| {
        cat.cmdlet(cmdlet, side).unwrap().parameter(param).unwrap().kind.clone()
    };
    let flags = ParamKind::MultiValued { of: Box::new(ParamKind::String), add_remove: false };
    assert_eq!(list("Enable-ExchangeCertificate", Side::OnPremises, "Services"), flags);
    assert_eq!(list("Add-MailboxFolderPermission", Side::Online, "SharingPermissionFlags"), flags);
    assert_eq!(list("New-DynamicDistributionGroup", Side::Online, "IncludedRecipients"), flags);
    // A multi-valued property (not a flag enum) also takes @{Add=...; Remove=...}.
    let templates = list("New-EmailAddressPolicy", Side::OnPremises, "EnabledEmailAddressTemplates");
    assert_eq!(templates, ParamKind::MultiValued { of: Box::new(ParamKind::String), add_remove: true });
    // A list where the page's SYNTAX shows `<T[]>` for one set and the yaml a single `T`.
    let ParamKind::MultiValued { of, .. } = list("Restore-RecoverableItems", Side::Online, "Identity") else {
        panic!("Restore-RecoverableItems -Identity takes a list online")
    };
    assert_eq!(*of, ParamKind::Identity);
    // A correction's "list" keeps the element's kind.
    assert_eq!(
        list("Stop-ManagedFolderAssistant", Side::OnPremises, "Identity"),
        ParamKind::MultiValued { of: Box::new(ParamKind::Identity), add_remove: false }
    );
}

#[test]
fn every_correction_applies_to_a_cmdlet_of_the_reference() {
    let cat = catalogue();
    let hand = overrides::read(OVERRIDES).unwrap();
    assert!(hand.corrections.len() >= 15);
    for c in &hand.corrections {
        let entries: Vec<&CmdletInfo> = cat.entries(&c.cmdlet).collect();
        assert!(!entries.is_empty(), "correction of {}: no such cmdlet", c.cmdlet);
        if let Some(s) = c.service {
            assert!(entries.iter().any(|e| e.service == s), "correction of {} for {s:?}: not there", c.cmdlet);
        }
        for e in entries.iter().filter(|e| c.service.is_none_or(|s| s == e.service)) {
            for p in &c.parameters {
                // A parameter the service does not have is corrected for the set cut alone
                // (New-MailboxRestoreRequest's remote-restore parameters).
                if let Some(info) = e.parameter(p) {
                    assert!(info.source.contains("hand-kept correction"), "{} -{p}: {}", c.cmdlet, info.source);
                }
            }
        }
    }
    for t in &hand.flag_enums {
        assert!(hand.is_flag_enum(&t.to_ascii_uppercase()), "{t}");
    }
}

/// The hand-kept data with `corrections` replaced.
fn with_corrections(corrections: serde_json::Value) -> String {
    let mut data: serde_json::Value = serde_json::from_str(OVERRIDES).unwrap();
    data["corrections"] = corrections;
    data.to_string()
}

#[test]
fn bad_corrections_are_refused_with_the_entry_at_fault() {
    let read_err = |c: serde_json::Value| overrides::read(&with_corrections(c)).unwrap_err().to_string();
    let e = read_err(serde_json::json!([{"cmdlet": "Get-Mailbox", "parameters": ["Identity"], "why": "x"}]));
    assert!(e.contains("Get-Mailbox") && e.contains("changes nothing"), "{e}");
    let e = read_err(
        serde_json::json!([{"cmdlet": "Get-Mailbox", "parameters": ["Identity"], "mandatory": false, "why": " "}]),
    );
    assert!(e.contains("\"why\" is empty"), "{e}");
    let e = read_err(
        serde_json::json!([{"cmdlet": "Get-Mailbox", "parameters": ["Identity"], "sets": "most", "why": "x"}]),
    );
    assert!(e.contains("\"sets\": \"most\""), "{e}");
    let e = read_err(
        serde_json::json!([{"cmdlet": "Get-Mailbox", "parameters": ["X"], "type": "String", "applies": ["Exchange 2010"], "why": "x"}]),
    );
    assert!(e.contains("\"Exchange 2010\" is not a product"), "{e}");

    // Errors that need the page: an unknown set, a parameter the page lacks without a type.
    let g = generated::Generated::embedded().unwrap();
    let entry = g.index.iter().find(|e| e.name == "Set-OrganizationConfig").unwrap();
    let record = g.record(entry).unwrap();
    let build = |c: serde_json::Value| {
        let hand = overrides::read(&with_corrections(c)).unwrap();
        layer::build(&record, entry.applies, Service::Online, &hand, None, &g.source)
    };
    let e = build(serde_json::json!([{"cmdlet": "Set-OrganizationConfig", "parameters": ["RejectDirectSend"], "sets": ["Nope"], "why": "x"}]))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Set-OrganizationConfig") && e.contains("'Nope'") && e.contains("ShortenEventScopeParameter"),
        "{e}"
    );
    let e = build(serde_json::json!([{"cmdlet": "Set-OrganizationConfig", "parameters": ["NoSuchThing"], "position": 3, "why": "x"}]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("-NoSuchThing") && e.contains("\"type\""), "{e}");
    // Without corrections, the page's reading: -RejectDirectSend only where the page puts it.
    let plain = build(serde_json::json!([])).unwrap();
    assert!(!plain.parameter("RejectDirectSend").unwrap().in_all_sets);
}
