//! Property: every invocation mbxctl can render reads back as itself, from one line holding
//! exactly one command.

use mbxctl::cmdlet::invocation::{Invocation, Parameter, Value};
use mbxctl::cmdlet::parse::{parse_command, parse_script};
use mbxctl::cmdlet::render::render;
use proptest::prelude::*;

/// Characters that have broken PowerShell quoting somewhere, weighted into every string.
const HOSTILE: &[char] = &[
    '\'', '"', '`', '$', '(', ')', '{', '}', '@', '#', ';', '|', '&', ',', '<', '>', '-', ' ', '\t', '\n', '\r', '\0',
    '\u{07}', '\u{0B}', '\u{0C}', '\u{1B}', '\u{7F}', '\u{85}', '\u{A0}', '\u{2018}', '\u{2019}', '\u{201A}',
    '\u{201B}', '\u{201C}', '\u{201D}', '\u{201E}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2028}', '\u{2029}',
    '\u{200E}', '\u{200F}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{3000}', '😀', '%', '[', ']', ':', '.', '+', '=',
];

fn hostile_string() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        3 => proptest::sample::select(HOSTILE),
        2 => any::<char>(),
        2 => proptest::char::range('a', 'z'),
    ];
    prop_oneof![
        proptest::collection::vec(ch, 0..24).prop_map(|v| v.into_iter().collect::<String>()),
        Just("--%".to_string()),
        Just("-Force".to_string()),
        Just("$true".to_string()),
        Just("@{Add='x'}".to_string()),
    ]
}

fn strings() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(hostile_string(), 0..4)
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Switch),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        hostile_string().prop_map(Value::String),
        hostile_string().prop_map(Value::String),
        strings().prop_map(Value::List),
        (strings(), strings()).prop_map(|(add, remove)| Value::AddRemove { add, remove }),
        Just(Value::Dynamic("$null".into())),
    ]
}

fn parameter() -> impl Strategy<Value = Parameter> {
    (proptest::option::weighted(0.8, "[A-Za-z][A-Za-z0-9_]{0,12}"), value()).prop_map(|(name, value)| {
        // A switch needs a name; make it a bool when positional.
        let value = match (&name, value) {
            (None, Value::Switch(b)) => Value::Bool(b),
            (_, v) => v,
        };
        Parameter { name, value }
    })
}

fn cmdlet() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(&["Get-Mailbox", "Set-Mailbox", "Set-CASMailbox", "New-MoveRequest"][..])
            .prop_map(str::to_string),
        "[A-Za-z][A-Za-z0-9]{0,8}(-[A-Za-z0-9]{1,8}){0,2}"
            .prop_filter("not a keyword", |n| mbxctl::cmdlet::render::is_cmdlet_name(n)),
    ]
}

fn invocation() -> impl Strategy<Value = Invocation> {
    (cmdlet(), proptest::collection::vec(parameter(), 0..6)).prop_map(|(cmdlet, params)| Invocation { cmdlet, params })
}

/// Parses on a worker thread with a deadline, so a parser that loops forever fails the test
/// with the input that did it instead of stalling CI.
fn parse_within(text: &str) -> mbxctl::cmdlet::parse::Script {
    let owned = text.to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let script = parse_script(&owned);
        let _ = parse_command(&owned);
        let _ = tx.send(script);
    });
    rx.recv_timeout(std::time::Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("the parser did not finish within 20 s on {text:?}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn render_then_parse_is_identity(inv in invocation()) {
        let line = render(&inv).expect("renderable");
        prop_assert!(
            !line.chars().any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}'),
            "not one clean line: {line:?}"
        );
        let script = parse_script(&line);
        prop_assert!(script.diagnostics.is_empty(), "{line}: {:?}", script.diagnostics);
        prop_assert_eq!(script.commands.len(), 1, "{}", line);
        let cmd = &script.commands[0];
        prop_assert_eq!(cmd.pipeline_index, 0);
        prop_assert_eq!(cmd.parameter_positions.len(), inv.params.len());
        prop_assert_eq!(&cmd.invocation, &inv, "{}", line);
        prop_assert_eq!(parse_command(&line).expect("one command"), inv);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(
        text in prop_oneof![
            "\\PC{0,200}".boxed(),
            proptest::collection::vec(prop_oneof![proptest::sample::select(HOSTILE), any::<char>()], 0..120)
                .prop_map(|v| v.into_iter().collect::<String>())
                .boxed(),
        ]
    ) {
        let script = parse_within(&text);
        for d in &script.diagnostics {
            let p = d.position.expect("every script diagnostic has a position");
            prop_assert!(p.line >= 1 && p.column >= 1);
        }
    }
}

/// Pieces of PowerShell syntax, shuffled into scripts that stress error recovery.
const FRAGMENTS: &[&str] = &[
    "Get-X",
    "Set-Mailbox",
    " ",
    " ",
    "-A",
    "-B:",
    "'",
    "\"",
    "$(",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "@{",
    "@(",
    "\n",
    "\r\n",
    "|",
    ";",
    "`",
    "#",
    "<#",
    "#>",
    "@'\n",
    "\n'@",
    "@\"\n",
    "\n\"@",
    "--%",
    "--",
    ",",
    "=",
    "$x",
    "if",
    "foreach",
    "($a in $b)",
    "else",
    "function F",
    "switch",
    "try",
    "catch",
    "param(",
    "&",
    "&&",
    ".",
    "::",
    "50GB",
    "0x",
    "'a''b'",
    "\u{2018}",
    "\u{201C}",
    "\u{2013}",
    "\0",
    "`u{",
    "${",
    "@p",
    "1..2",
    ">",
    "2>&1",
    "<",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn parsing_fragment_soup_never_panics(parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40)) {
        let text: String = parts.concat();
        let script = parse_within(&text);
        let lines = text.split('\n').count() as u32 + text.matches('\r').count() as u32;
        for d in &script.diagnostics {
            let p = d.position.expect("every script diagnostic has a position");
            prop_assert!(p.line >= 1 && p.line <= lines + 1 && p.column >= 1, "{text:?}: {d}");
        }
        for c in &script.commands {
            prop_assert_eq!(c.parameter_positions.len(), c.invocation.params.len());
        }
        let _ = parse_command(&text);
    }
}
