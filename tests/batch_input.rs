//! Reading batch files in every supported format, and every row problem with its position.

use mbxctl::cmdlet::Severity;
use mbxctl::workflow::batch::{BatchInput, InputFormat, RowDefaults, RowProblem, TargetType, read_batch};

fn data(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/batch").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str, target: Option<TargetType>) -> BatchInput {
    read_batch(&data(name), name, &RowDefaults { target, ..Default::default() })
}

fn ids(input: &BatchInput) -> Vec<&str> {
    input.items.iter().map(|i| i.identity.as_str()).collect()
}

fn errors(input: &BatchInput) -> Vec<&RowProblem> {
    input.problems.iter().filter(|p| p.severity == Severity::Error).collect()
}

#[test]
fn utf16_le_export_csv_with_type_line() {
    let input = read("utf16le_export_csv.csv", None);
    assert_eq!(input.format, InputFormat::Csv);
    assert_eq!(ids(&input), ["ann@contoso.com", "björn@contoso.com"]);
    assert_eq!(input.items[0].target, TargetType::Shared);
    assert_eq!(input.items[1].target, TargetType::Regular);
    assert_eq!(input.items[0].auto_mapping, Some(false));
    assert_eq!(input.items[1].auto_mapping, Some(true));
    // #TYPE is line 1, header line 2.
    assert_eq!((input.items[0].row, input.items[0].line), (1, 3));
    assert_eq!((input.items[1].row, input.items[1].line), (2, 4));
    // Alias is a second identity column: a note saying it is only a fallback.
    assert_eq!(input.problems.len(), 1);
    assert_eq!(input.problems[0].code, "fallback-identity-column");
    assert_eq!(input.problems[0].column.as_deref(), Some("Alias"));
    assert_eq!(input.problems[0].severity, Severity::Note);
}

#[test]
fn utf16_be_with_bom() {
    let input = read("utf16be.csv", None);
    assert_eq!(ids(&input), ["carl@contoso.com", "dora@contoso.com"]);
    assert_eq!(input.items[1].target, TargetType::Regular);
    assert!(input.problems.is_empty(), "{:?}", input.problems);
}

#[test]
fn utf8_bom_semicolon_excel_with_lists() {
    let input = read("utf8_bom_semicolon.csv", None);
    assert!(input.problems.is_empty(), "{:?}", input.problems);
    let a = &input.items[0];
    assert_eq!(a.identity, "empfang@contoso.de");
    assert_eq!(a.full_access, ["anna@contoso.de", "ben@contoso.de"]);
    assert_eq!(a.send_as, ["team@contoso.de"]);
    assert!(a.send_on_behalf.is_empty());
    assert_eq!(a.auto_mapping, Some(false));
    assert_eq!(a.comment.as_deref(), Some("Rezeption Düsseldorf"));
    let b = &input.items[1];
    assert_eq!(b.full_access, ["Doe, John", "Roe, Jane"]);
    assert_eq!(b.send_on_behalf, ["chef@contoso.de"]);
    assert_eq!(b.comment, None);
}

#[test]
fn tab_delimited_with_synonyms() {
    let input = read("tab.tsv", None);
    assert!(input.problems.is_empty(), "{:?}", input.problems);
    assert_eq!(ids(&input), ["sales@contoso.com", "hr@contoso.com"]);
    assert!(
        input.items.iter().all(|i| i.target == TargetType::Regular && i.reset_password_on_next_logon == Some(true))
    );
}

#[test]
fn quoted_fields_with_newlines_keep_their_line_numbers() {
    let input = read("quoted_newlines.csv", None);
    assert!(input.problems.is_empty(), "{:?}", input.problems);
    assert_eq!(input.items[0].comment.as_deref(), Some("Ticket CHG-1,\r\napproved by \"Frank\""));
    assert_eq!((input.items[0].row, input.items[0].line), (1, 2));
    // The first record spans lines 2-3, so the second starts on line 4.
    assert_eq!((input.items[1].row, input.items[1].line), (2, 4));
}

#[test]
fn plain_list_one_identity_per_line() {
    let input = read("plain_list.txt", Some(TargetType::Shared));
    assert_eq!(input.format, InputFormat::PlainList);
    assert_eq!(ids(&input), ["gina@contoso.com", "hank@contoso.com", "Doe, John"]);
    assert_eq!(input.items.iter().map(|i| (i.row, i.line)).collect::<Vec<_>>(), [(1, 2), (2, 4), (3, 5)]);
    assert_eq!(input.problems.len(), 1);
    assert_eq!(input.problems[0].code, "plain-list");
    assert_eq!(input.problems[0].severity, Severity::Note);
}

#[test]
fn plain_list_without_default_target_is_refused_row_by_row() {
    let input = read("plain_list.txt", None);
    assert!(input.items.is_empty());
    let e = errors(&input);
    assert_eq!(e.len(), 3);
    assert_eq!((e[0].row, e[0].line, e[0].code), (1, 2, "missing-target"));
}

#[test]
fn json_array_from_powershell_7() {
    let input = read("array.json", None);
    assert_eq!(input.format, InputFormat::Json);
    assert!(input.problems.is_empty(), "{:?}", input.problems);
    let ivan = &input.items[0];
    assert_eq!((ivan.identity.as_str(), ivan.row, ivan.line), ("ivan", 1, 2));
    assert_eq!(ivan.full_access, ["a@contoso.com", "b@contoso.com"]);
    assert_eq!(ivan.auto_mapping, Some(false));
    let judy = &input.items[1];
    assert_eq!((judy.identity.as_str(), judy.row, judy.line, judy.target), ("judy", 2, 9, TargetType::Regular));
    assert_eq!(judy.reset_password_on_next_logon, Some(true));
    assert_eq!(judy.comment.as_deref(), Some("back to user"));
}

#[test]
fn json_from_windows_powershell_5_1() {
    let input = read("ps51.json", Some(TargetType::Shared));
    assert!(errors(&input).is_empty(), "{:?}", input.problems);
    // The ADObjectId object yields its distinguished name; the SmtpAddress object its address.
    assert_eq!(ids(&input), ["CN=Kim Akers,OU=Users,DC=contoso,DC=com", "lee@contoso.com"]);
    assert_eq!(input.items[0].auto_mapping, Some(false));
    assert_eq!(input.items[1].auto_mapping, Some(true));
    assert_eq!(input.items[0].comment.as_deref(), Some("2012-01-13T08:00:00.000Z"));
    assert_eq!((input.items[1].row, input.items[1].line), (2, 19));
}

#[test]
fn json_value_count_wrapper_of_5_1() {
    let input = read("ps51_wrapped.json", Some(TargetType::Shared));
    assert!(input.problems.is_empty(), "{:?}", input.problems);
    assert_eq!(ids(&input), ["mia", "ned"]);
}

#[test]
fn every_row_problem_with_row_line_and_column() {
    let input = read("bad_rows.csv", Some(TargetType::Regular));
    let got: Vec<(usize, usize, Option<&str>, Severity, &str)> =
        input.problems.iter().map(|p| (p.row, p.line, p.column.as_deref(), p.severity, p.code)).collect();
    assert_eq!(
        got,
        [
            (0, 1, Some("Department"), Severity::Note, "unknown-column"),
            (2, 3, Some("Identity"), Severity::Error, "empty-identity"),
            (3, 4, Some("Type"), Severity::Error, "invalid-target"),
            (4, 5, Some("AutoMapping"), Severity::Error, "invalid-boolean"),
            (5, 6, Some("Identity"), Severity::Error, "control-character"),
            (6, 7, Some("Identity"), Severity::Error, "duplicate-identity"),
            (7, 8, None, Severity::Error, "too-many-fields"),
        ]
    );
    let msg = |code: &str| input.problems.iter().find(|p| p.code == code).map(|p| p.message.as_str()).unwrap();
    assert_eq!(msg("invalid-target"), "'Room' is not a valid target; valid values: Shared, Regular");
    assert_eq!(msg("invalid-boolean"), "'maybe' is not a yes/no value; use true, false, yes, no, 1 or 0");
    assert_eq!(msg("control-character"), "column 'Identity' contains the invisible character U+200B; retype the value");
    assert_eq!(
        msg("duplicate-identity"),
        "'OK1@contoso.com' already appears on row 1 (line 2); each mailbox may appear once"
    );
    assert_eq!(
        msg("too-many-fields"),
        "row 7 has 5 fields but the header has 4; quote values that contain ',' or separate list entries with '|'"
    );
    // Good rows survive; the last one takes the default target.
    assert_eq!(ids(&input), ["ok1@contoso.com", "ok6@contoso.com"]);
    assert_eq!(input.items[1].target, TargetType::Regular);
    assert_eq!(input.items[1].auto_mapping, None);
    assert!(input.has_errors());
}

#[test]
fn no_identity_column_and_clixml_are_clear_errors() {
    let d = RowDefaults { target: Some(TargetType::Shared), ..Default::default() };
    let input = read_batch(b"Type,FullAccess\nShared,a@x\n", "t.csv", &d);
    assert_eq!(errors(&input)[0].code, "no-identity-column");
    assert!(input.items.is_empty());

    let input = read_batch(b"<Objs Version=\"1.1.0.1\"><Obj RefId=\"0\">", "m.xml", &d);
    assert_eq!(input.format, InputFormat::Clixml);
    assert_eq!(errors(&input)[0].code, "bad-clixml");
    assert!(errors(&input)[0].message.starts_with("m.xml is not readable CLIXML: "), "{}", errors(&input)[0].message);
}

#[test]
fn clixml_get_mailbox_export() {
    let input = read("get_mailbox.clixml.xml", Some(TargetType::Shared));
    assert_eq!(input.format, InputFormat::Clixml);
    assert!(errors(&input).is_empty(), "{:?}", input.problems);
    // Identity (an ADObjectId) wins over PrimarySmtpAddress and Alias; its ToString is used.
    assert_eq!(ids(&input), ["contoso.com/Users/Kim Akers", "contoso.com/Users/Lee Hu"]);
    assert_eq!((input.items[1].row, input.items[1].line), (2, 0));
    let notes: Vec<&str> = input.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(notes, ["1 properties are not used by mbxctl and are ignored: RecipientTypeDetails"]);
}

#[test]
fn clixml_list_of_strings() {
    let input = read("strings.clixml.xml", Some(TargetType::Regular));
    assert_eq!(ids(&input), ["mia@contoso.com", "ned@contoso.com"]);
    assert!(input.problems.is_empty(), "{:?}", input.problems);
}

/// A real recipient export (Get-DynamicDistributionGroup from Exchange 2016, CSS-Exchange).
#[test]
fn clixml_real_exchange_recipient_fixture() {
    let mut dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = loop {
        let candidate = dir.join("shared/fixtures");
        if candidate.is_dir() {
            break candidate;
        }
        assert!(dir.pop(), "no shared/fixtures above CARGO_MANIFEST_DIR");
    };
    let bytes = std::fs::read(fixtures.join("clixml/E2016-Get-DynamicDistributionGroup-PfMailboxes.xml")).unwrap();
    let input = read_batch(&bytes, "ddg.xml", &RowDefaults { target: Some(TargetType::Shared), ..Default::default() });
    assert!(errors(&input).is_empty(), "{:?}", input.problems);
    assert_eq!(ids(&input), ["VNext.local/Users/PublicFolderMailboxes.419323dd2b7d4d04a724dcc15e467521"]);
}

#[test]
fn type_name_instead_of_values_is_caught() {
    let d = RowDefaults { target: Some(TargetType::Shared), ..Default::default() };
    let csv = b"Identity,SendOnBehalf\nx@y,Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.Directory.ADObjectId]\n";
    let input = read_batch(csv, "t.csv", &d);
    assert_eq!(errors(&input)[0].code, "type-name-not-values");
    assert_eq!(errors(&input)[0].column.as_deref(), Some("SendOnBehalf"));
}

#[test]
fn single_column_with_known_header_keeps_commas() {
    let d = RowDefaults { target: Some(TargetType::Shared), ..Default::default() };
    let input = read_batch(b"\"Identity\"\n\"Doe, John\"\nx@y\n", "t.csv", &d);
    assert_eq!(input.format, InputFormat::Csv);
    assert_eq!(ids(&input), ["Doe, John", "x@y"]);
}
