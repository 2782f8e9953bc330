//! The reader's tests: what each construct becomes, positions, errors and hostile input.

#[test]
fn a_quote_inside_a_statement_flag_does_not_stall_the_parser() {
    // Found by the fragment-soup property test: these used to loop forever.
    for text in ["foreach -A\u{2018}", "switch -F'x", "data -S\"y {", "foreach -A'b' ($x in 1) {}"] {
        let script = super::parse_script(text);
        assert!(script.commands.len() <= 1, "{text:?}");
    }
}

use super::*;
use crate::cmdlet::invocation::{Parameter, Value};

fn s(v: &str) -> Value {
    Value::String(v.into())
}
fn d(v: &str) -> Value {
    Value::Dynamic(v.into())
}
fn list(v: &[&str]) -> Value {
    Value::List(v.iter().map(|x| x.to_string()).collect())
}
fn named(n: &str, v: Value) -> Parameter {
    Parameter { name: Some(n.into()), value: v }
}
fn pos(v: Value) -> Parameter {
    Parameter { name: None, value: v }
}
fn one(text: &str) -> Invocation {
    match parse_command(text) {
        Ok(inv) => inv,
        Err(e) => panic!("{text:?}: {e}"),
    }
}
fn params(text: &str) -> Vec<Parameter> {
    one(text).params
}
fn names(script: &Script) -> Vec<(&str, usize)> {
    script.commands.iter().map(|c| (c.invocation.cmdlet.as_str(), c.pipeline_index)).collect()
}
fn codes(script: &Script) -> Vec<&'static str> {
    script.diagnostics.iter().map(|d| d.code).collect()
}
fn p(line: u32, column: u32) -> Position {
    Position { line, column }
}

#[test]
fn named_positional_and_switch_parameters() {
    let inv = one("Set-Mailbox -Identity 'jdoe' -Type Shared -Force jdoe2");
    assert_eq!(inv.cmdlet, "Set-Mailbox");
    assert_eq!(inv.params, vec![named("Identity", s("jdoe")), named("Type", s("Shared")), named("Force", s("jdoe2"))]);
    assert_eq!(params("Get-Mailbox jdoe -Force"), vec![pos(s("jdoe")), named("Force", Value::Switch(true))]);
    assert_eq!(
        params("Set-X -A:1 -B:'x' -C: 'y' -Force:$false -Confirm:$TRUE -Enabled $true -Off $False"),
        vec![
            named("A", Value::Int(1)),
            named("B", s("x")),
            named("C", s("y")),
            named("Force", Value::Switch(false)),
            named("Confirm", Value::Switch(true)),
            named("Enabled", Value::Bool(true)),
            named("Off", Value::Bool(false)),
        ]
    );
    assert_eq!(params("Get-X -A -B"), vec![named("A", Value::Switch(true)), named("B", Value::Switch(true))]);
}

#[test]
fn unicode_dashes_and_quotes() {
    assert_eq!(
        params("Set-Mailbox –Identity ‘O’’Brien’ —Force ―X “a””b” „c“"),
        vec![named("Identity", s("O’Brien")), named("Force", Value::Switch(true)), named("X", s("a”b")), pos(s("c"))]
    );
    assert_eq!(
        params("Get-X -A 'it''s' -B \"say \"\"hi\"\" `\"ok`\"\""),
        vec![named("A", s("it's")), named("B", s("say \"hi\" \"ok\""))]
    );
}

#[test]
fn expandable_strings_and_bare_words() {
    assert_eq!(
        params("Get-X -A \"a`tb`n`0\" -B \"$x\" -C \"cost $ 5\" -D \"$($y)\" -E a`$b -F a$b -G a'b c'd"),
        vec![
            named("A", s("a\tb\n\0")),
            named("B", d("\"$x\"")),
            named("C", s("cost $ 5")),
            named("D", d("\"$($y)\"")),
            named("E", s("a$b")),
            named("F", d("a$b")),
            named("G", s("ab cd")),
        ]
    );
    assert_eq!(params("Get-X -A 'a'b"), vec![named("A", s("a")), pos(s("b"))]);
    assert_eq!(params("Get-X -A 'a'.Length"), vec![named("A", d("'a'.Length"))]);
    assert_eq!(params("Get-X a#b # comment"), vec![pos(s("a#b"))]);
    assert_eq!(params("Get-X -- -A"), vec![pos(s("-A"))]);
    assert_eq!(params("Get-X -A -5"), vec![named("A", s("-5"))]);
    assert_eq!(params("Get-X -A 'x' -B'y'"), vec![named("A", s("x")), pos(s("-By"))]);
}

#[test]
fn line_continuation_and_comments() {
    let inv = one("Get-Mailbox `\r\n    -Identity 'a' <# inline #> `\n  -ResultSize 10 # tail");
    assert_eq!(inv.params, vec![named("Identity", s("a")), named("ResultSize", Value::Int(10))]);
    let script = parse_script("# header\n<# block\n Get-Nope #>\nGet-A; Get-B\r\nGet-C");
    assert_eq!(names(&script), vec![("Get-A", 0), ("Get-B", 0), ("Get-C", 0)]);
    assert_eq!(script.commands[2].position, p(5, 1));
}

#[test]
fn numbers() {
    assert_eq!(
        params("Set-X -A 50GB -B 1kb -C 0x10 -D 1.5 -E 7z -F 1.5GB -G 10L -H 2TB -I (-5) -J (42) -K 5G"),
        vec![
            named("A", Value::Int(50 << 30)),
            named("B", Value::Int(1024)),
            named("C", Value::Int(16)),
            named("D", s("1.5")),
            named("E", s("7z")),
            named("F", Value::Int(1_610_612_736)),
            named("G", Value::Int(10)),
            named("H", Value::Int(2 << 40)),
            named("I", Value::Int(-5)),
            named("J", Value::Int(42)),
            named("K", s("5G")),
        ]
    );
    assert_eq!(params("Get-X (-9223372036854775808)"), vec![pos(Value::Int(i64::MIN))]);
}

#[test]
fn arrays() {
    assert_eq!(
        params("Set-X -A a,b,'c d' -B 1, 2 -C a,$b -D @() -E @('x') -F @('a', \"b\"\n'c') -G @($x)"),
        vec![
            named("A", list(&["a", "b", "c d"])),
            named("B", list(&["1", "2"])),
            named("C", d("a,$b")),
            named("D", list(&[])),
            named("E", list(&["x"])),
            named("F", list(&["a", "b", "c"])),
            named("G", d("@($x)")),
        ]
    );
    let script = parse_script("Set-X -A a,");
    assert_eq!(codes(&script), vec!["missing-expression"]);
}

#[test]
fn hash_literals() {
    let ar = |a: &[&str], r: &[&str]| Value::AddRemove {
        add: a.iter().map(|x| x.to_string()).collect(),
        remove: r.iter().map(|x| x.to_string()).collect(),
    };
    assert_eq!(
        params(
            "Set-X -A @{Add='a','b';Remove='c'} -B @{ add = \"x\" } -C @{\n  Remove = 'r1',\n    'r2'\n  Add = @('q')\n} -D @{}"
        ),
        vec![
            named("A", ar(&["a", "b"], &["c"])),
            named("B", ar(&["x"], &[])),
            named("C", ar(&["q"], &["r1", "r2"])),
            named("D", ar(&[], &[])),
        ]
    );
    assert_eq!(
        params("Set-X -A @{Add='a';Other='b'} -B @{Add=$x} -C @{Add='a'}.Count"),
        vec![named("A", d("@{Add='a';Other='b'}")), named("B", d("@{Add=$x}")), named("C", d("@{Add='a'}.Count")),]
    );
    let script = parse_script("Set-X -A @{Add='a';add='b'}");
    assert_eq!(codes(&script), vec!["duplicate-hash-key"]);
    let script = parse_script("Set-X -A @{Add=(Get-Y -Z 1)}");
    assert_eq!(names(&script), vec![("Set-X", 0), ("Get-Y", 0)]);
}

#[test]
fn constant_forms_of_quote() {
    assert_eq!(
        params("Set-X -A ('a'+\"`n\"+'b') -B (''+[char]0x1B+'x') -C (\"`r`n\") -D ('it''s'+[CHAR]0x2028) -E ('--%')"),
        vec![
            named("A", s("a\nb")),
            named("B", s("\u{1B}x")),
            named("C", s("\r\n")),
            named("D", s("it's\u{2028}")),
            named("E", s("--%")),
        ]
    );
    assert_eq!(
        parse_script("Set-X -A ('a'+$b) -B ([char]0x41+'b') -C ('a').Length -D ('a'+\"$x\") -E (Get-Y)").commands[0]
            .invocation
            .params,
        vec![
            named("A", d("('a'+$b)")),
            named("B", d("([char]0x41+'b')")),
            named("C", d("('a').Length")),
            named("D", d("('a'+\"$x\")")),
            named("E", d("(Get-Y)")),
        ]
    );
}

#[test]
fn variables_splatting_and_verbatim() {
    assert_eq!(
        params("Set-X -A $null -B $env:USER -C @params -D $x.Name -E $a[0] -F ${my var}"),
        vec![
            named("A", d("$null")),
            named("B", d("$env:USER")),
            named("C", d("@params")),
            named("D", d("$x.Name")),
            named("E", d("$a[0]")),
            named("F", d("${my var}")),
        ]
    );
    // After `--` a parameter is an argument, split at its colon (pwsh 7.6: `f -- -A:x y` binds
    // '-A:', 'x' and 'y' by position).
    assert_eq!(params("Set-X -- -A:x -B y"), vec![pos(s("-A:")), pos(s("x")), pos(s("-B")), pos(s("y"))]);
    assert_eq!(params("Set-X -A -- -B:1"), vec![named("A", s("-B:")), pos(Value::Int(1))]);
    // `--%` is an argument, and the verbatim text after it one more (`f --% a b` binds '--%' and
    // 'a b').
    assert_eq!(params("Set-X --% a  b #c"), vec![pos(s("--%")), pos(d("a  b #c"))]);
    let script = parse_script("Set-X -A 1 --% -B 'c' \"|\" | Out-Null");
    assert_eq!(
        script.commands[0].invocation.params,
        vec![named("A", Value::Int(1)), pos(s("--%")), pos(d("-B 'c' \"|\" "))]
    );
    assert_eq!(names(&script), vec![("Set-X", 0), ("Out-Null", 1)]);
}

#[test]
fn here_strings() {
    assert_eq!(
        params("Set-X -A @'\nline1\nit's $x\n'@ -B @\"\r\na`tb\r\n\"@ -C @\"\n$x\n\"@"),
        vec![named("A", s("line1\nit's $x")), named("B", s("a\tb")), named("C", d("@\"\n$x\n\"@"))]
    );
}

#[test]
fn pipelines_and_redirections() {
    let script = parse_script(
        "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.Name -like 'a*' } |\n  Set-Mailbox -Type Shared > out.txt 2>&1\n'text' | Out-File x.txt\nGet-A\n  | Get-B",
    );
    assert_eq!(
        names(&script),
        vec![("Get-Mailbox", 0), ("Where-Object", 1), ("Set-Mailbox", 2), ("Out-File", 1), ("Get-A", 0), ("Get-B", 1)]
    );
    assert_eq!(script.commands[2].invocation.params, vec![named("Type", s("Shared"))]);
    assert_eq!(script.commands[3].invocation.params, vec![pos(s("x.txt"))]);
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    assert_eq!(codes(&parse_script("Get-A |")), vec!["empty-pipe-element"]);
    assert_eq!(codes(&parse_script("Get-A | | Get-B")), vec!["empty-pipe-element"]);
}

#[test]
fn commands_inside_statements() {
    let text = "\
$boxes = Get-Mailbox -ResultSize 10
foreach ($m in Get-User -Filter 'x') {
    if ($m.Type -eq 'User') { Set-Mailbox -Identity $m.Alias -Type Shared }
    elseif (Test-Y) { Get-Z }
    else { Write-Host \"done $(Get-Date)\" }
}
function Convert-One { param([Parameter(Mandatory)][string]$Id = (Get-Default)) Set-Mailbox -Identity $Id }
switch ($a) { 'x' { Get-G } default { Get-H } }
try { Get-I } catch [System.Exception], [Other] { Get-J } finally { Get-K }
while ($true) { Get-L; break }
do { Get-M } until (Test-N)
:outer for ($i = 0; $i -lt 3; $i++) { Get-O }
[CmdletBinding()]
param()
$x = if ($y) { Get-P } else { 5 }
$h = @{ Name = Get-Q; Other = 'x' }
";
    let script = parse_script(text);
    assert_eq!(
        names(&script).iter().map(|x| x.0).collect::<Vec<_>>(),
        vec![
            "Get-Mailbox",
            "Get-User",
            "Set-Mailbox",
            "Test-Y",
            "Get-Z",
            "Write-Host",
            "Get-Date",
            "Get-Default",
            "Set-Mailbox",
            "Get-G",
            "Get-H",
            "Get-I",
            "Get-J",
            "Get-K",
            "Get-L",
            "Get-M",
            "Test-N",
            "Get-O",
            "Get-P",
            "Get-Q",
        ]
    );
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    let set = &script.commands[2];
    assert_eq!(set.position, p(3, 31));
    assert_eq!(set.invocation.params, vec![named("Identity", d("$m.Alias")), named("Type", s("Shared"))]);
    assert_eq!(set.parameter_positions, vec![p(3, 43), p(3, 62)]);
    assert_eq!(script.commands[1].invocation.params, vec![named("Filter", s("x"))]);
    assert_eq!(script.commands[6].position, p(5, 31));
}

#[test]
fn nested_commands_keep_source_order_and_their_own_pipelines() {
    let script =
        parse_script("Set-X -Id (Get-Y | Select-Object -First 1) -B $(Get-Z) | ForEach-Object { Get-B | Get-C }");
    assert_eq!(
        names(&script),
        vec![
            ("Set-X", 0),
            ("Get-Y", 0),
            ("Select-Object", 1),
            ("Get-Z", 0),
            ("ForEach-Object", 1),
            ("Get-B", 0),
            ("Get-C", 1)
        ]
    );
    assert_eq!(
        script.commands[0].invocation.params,
        vec![named("Id", d("(Get-Y | Select-Object -First 1)")), named("B", d("$(Get-Z)"))]
    );
}

#[test]
fn expressions_are_not_commands() {
    let script = parse_script("$a = 5; 'text'; 1 + 2 -gt 3\n-not $x\n[int]$y = 7\n$a.Method('x', 2)\n$z++");
    assert!(script.commands.is_empty(), "{:?}", script.commands);
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    let script = parse_script("ForEach-Object -Process { Get-X }; foreach-object { Get-Y }; 7z a x.7z");
    assert_eq!(
        names(&script),
        vec![("ForEach-Object", 0), ("Get-X", 0), ("foreach-object", 0), ("Get-Y", 0), ("7z", 0)]
    );
}

#[test]
fn invocation_operators() {
    let script = parse_script("& 'Get-Mailbox' -Identity x\n. .\\setup.ps1 -Quiet\n& $cmd -Force");
    assert_eq!(names(&script), vec![("Get-Mailbox", 0), (".\\setup.ps1", 0)]);
    assert_eq!(script.commands[1].invocation.params, vec![named("Quiet", Value::Switch(true))]);
    assert_eq!(codes(&script), vec!["dynamic-command-name"]);
    assert_eq!(script.diagnostics[0].severity, Severity::Note);
    assert_eq!(script.diagnostics[0].position, Some(p(3, 3)));
    // A script block run with `&` holds commands of its own, read as such: nothing to say.
    let script = parse_script("& { Get-Mailbox kim }");
    assert_eq!(names(&script), vec![("Get-Mailbox", 0)]);
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
}

#[test]
fn positions_count_characters_and_lines() {
    let script = parse_script("Set-X -A 'é😀' -B 1\r\n\r\n  Get-Y `\r\n -Z\rGet-W");
    assert_eq!(script.commands[0].parameter_positions, vec![p(1, 7), p(1, 15)]);
    assert_eq!(script.commands[1].position, p(3, 3));
    assert_eq!(script.commands[1].parameter_positions, vec![p(4, 2)]);
    assert_eq!(script.commands[2].position, p(5, 1));
}

#[test]
fn errors_have_positions() {
    let script = parse_script("Get-X -A 'abc");
    assert_eq!(codes(&script), vec!["unterminated-string"]);
    assert_eq!(script.diagnostics[0].position, Some(p(1, 10)));
    let script = parse_script("if ($x) {\n  Get-A");
    assert_eq!(codes(&script), vec!["missing-closing-delimiter"]);
    assert_eq!(script.diagnostics[0].position, Some(p(1, 9)));
    assert_eq!(names(&script), vec![("Get-A", 0)]);
    let script = parse_script("Get-X -A \"ok\" -B \"abc\nGet-Y");
    assert_eq!(codes(&script), vec!["unterminated-string"]);
    assert_eq!(script.diagnostics[0].position, Some(p(1, 18)));
    let script = parse_script("Get-X ‘abc\n“x");
    assert_eq!(codes(&script), vec!["unterminated-string"]);
    assert_eq!(script.diagnostics[0].position, Some(p(1, 7)));
    // PowerShell resumes after the header line, so the footer line opens a new string.
    let script = parse_script("Get-X -A @‘ x\n‘@");
    assert_eq!(codes(&script), vec!["here-string-header", "unterminated-string"]);
    assert_eq!(script.diagnostics[0].position, Some(p(1, 13)));
    assert_eq!(codes(&parse_script("Get-X <# open")), vec!["unterminated-comment"]);
    assert_eq!(codes(&parse_script("Get-X -A:\nGet-Y")), vec!["parameter-requires-argument"]);
    assert_eq!(codes(&parse_script("Get-X -A @'\nno end")), vec!["unterminated-here-string"]);
    assert_eq!(codes(&parse_script("Get-X -A $(Get-Y")), vec!["missing-closing-delimiter"]);
    assert_eq!(codes(&parse_script("Get-X }")), vec!["unexpected-token"]);
    assert_eq!(codes(&parse_script("Get-X , a")), vec!["missing-argument"]);
    assert_eq!(codes(&parse_script("Get-X `")), vec!["incomplete-escape"]);
    assert_eq!(codes(&parse_script("Get-X \"`u{zz}\"")), vec!["invalid-unicode-escape"]);
    assert_eq!(codes(&parse_script("Get-X @ a")), vec!["unrecognized-token"]);
    assert_eq!(codes(&parse_script("Get-X < in.txt")), vec!["unsupported-redirection"]);
    // Two values with no operator between them, as pwsh's UnexpectedToken (at the second).
    let script = parse_script("$x = \"a\" \"b\"");
    assert_eq!(codes(&script), vec!["unexpected-token"]);
    assert_eq!(script.diagnostics[0].position, Some(p(1, 10)));
    assert_eq!(codes(&parse_script("$y = 1 2")), vec!["unexpected-token"]);
    assert_eq!(codes(&parse_script("$z = $a $b")), vec!["unexpected-token"]);
}

#[test]
fn values_with_an_operator_or_a_cast_between_are_one_expression() {
    for ok in [
        "$x = \"a\" + \"b\"",
        "$x = \"{0}\" -f $a",
        "$x = 1, 2",
        "$x = [int] \"5\"",
        "param([string] $a = \"x\", [int] $b)",
        "$x = \"a\" `\n + \"b\"",
        "$x = \"a\" +\n \"b\"",
        "$x = \"a\"\n\"b\"",
        "$x = $a.Name",
        "$x = \"a\" # \"b\"",
        "switch ($v) { \"a\" { 1 } \"b\" { 2 } }",
        "foreach ($a in $b) { $a }",
        "$h = @{ a = \"x\"; b = 2 }",
        "$x = 1..5",
        "$x = (Get-X) 2>$null 3>$null 4>$null",
    ] {
        assert!(codes(&parse_script(ok)).is_empty(), "{ok}: {:?}", codes(&parse_script(ok)));
    }
}

#[test]
fn parse_command_requires_exactly_one_command() {
    let e = parse_command("Get-A; Get-B").unwrap_err();
    assert_eq!((e.code, e.position), ("expected-one-command", Some(p(1, 8))));
    assert_eq!(parse_command("").unwrap_err().code, "expected-one-command");
    assert_eq!(parse_command("$x = 1").unwrap_err().code, "expected-one-command");
    assert_eq!(parse_command("Get-X 'a").unwrap_err().code, "unterminated-string");
}

#[test]
fn hostile_input_does_not_crash() {
    let deep = "(".repeat(100_000);
    let script = parse_script(&format!("Get-X {deep}"));
    assert!(codes(&script).contains(&"nesting-too-deep"));
    let deep = "{".repeat(50_000) + &"}".repeat(50_000);
    assert!(codes(&parse_script(&deep)).contains(&"nesting-too-deep"));
    let chain = "$a = ".repeat(50_000);
    assert!(codes(&parse_script(&chain)).contains(&"nesting-too-deep"));
    let elseifs = format!("if ($a) {{}}{}", " elseif ($b) {}".repeat(20_000));
    assert!(parse_script(&elseifs).diagnostics.is_empty());
    for text in [
        "\0",
        "`",
        "@",
        "$",
        "${",
        "@{",
        "@(",
        "-",
        "--",
        "--%",
        "'",
        "\"",
        "@'",
        "<#",
        "#",
        "|",
        "&&",
        "::",
        "[",
        "]",
        "\u{2013}",
        "\r",
        "a`\u{85}b",
        "Get-X -A:",
        "Get-X ((",
        "@{a=",
        "switch",
        "foreach (",
        "function",
        "1..5",
        "0x",
        "1e",
        ".5",
        "$x = @{",
        "[char]0x41",
    ] {
        let _ = parse_script(text);
        let _ = parse_command(text);
    }
}

#[test]
fn a_variable_followed_by_a_colon_and_no_name_is_an_error() {
    // PowerShell 7.6: InvalidVariableReferenceWithDrive at the `$`, in strings and arguments.
    for (text, col) in [
        ("Get-MailboxFolder -Identity \"$Upn:\\Calendar\"", 30),
        ("Get-MailboxFolder -Identity $Upn:\\Calendar", 29),
        ("Write-Host \"$a: x\"", 13),
    ] {
        let script = parse_script(text);
        assert_eq!(codes(&script), ["invalid-variable-reference"], "{text}");
        assert_eq!(script.diagnostics[0].position, Some(p(1, col)), "{text}");
        assert_eq!(script.commands.len(), 1, "{text}");
    }
    for fine in [
        "Get-MailboxFolder -Identity \"${Upn}:\\Calendar\"",
        "Get-MailboxFolder -Identity \"$($Upn):\\Calendar\"",
        "Write-Host \"$env:USERNAME $script:x\"",
        "[string]::Join(',', $a)",
        "$x = [int]::MaxValue",
    ] {
        assert!(parse_script(fine).diagnostics.is_empty(), "{fine}");
    }
}

#[test]
fn streaming_gives_the_same_commands_and_diagnostics() {
    let text = "Get-Mailbox kim | Set-Mailbox -Type Shared\nforeach ($m in (Get-Mailbox -ResultSize 10)) {\n  Set-Mailbox $m -Type Shared; Write-Host \"$(Get-Date) done\"\n}\nif ($x) { Get-User kim } else { Get-Recipient kim }\nSet-Mailbox (kim\nGet-Mailbox \"$a:\"\n";
    let whole = parse_script(text);
    let mut streamed = Vec::new();
    let mut sink = |c: ParsedCommand| streamed.push(c);
    let diags = parse_script_streaming(text, &mut sink);
    assert_eq!(streamed, whole.commands);
    assert_eq!(diags, whole.diagnostics);
    assert!(whole.commands.len() >= 8 && !whole.diagnostics.is_empty());
}

#[test]
fn reading_on_a_second_thread_gives_the_same_commands_in_the_same_order() {
    // Many batches (more than the channel holds), nested commands that a top-level statement
    // hands over together, and errors: what arrives and in which order must not change.
    let unit = "Get-Mailbox kim | Set-Mailbox -Type Shared\nforeach ($m in (Get-Mailbox -ResultSize 10)) {\n  Set-Mailbox $m -Type Shared; Write-Host \"$(Get-Date) done\"\n}\nSet-Mailbox -Identity 'o''brien'; Get-Mailbox \"$a:\"\n";
    let text = unit.repeat(600);
    let whole = parse_script(&text);
    let mut seen = Vec::new();
    let diags = parse_script_in_background(&text, &mut |c: &mut ParsedCommand| seen.push(c.clone()));
    assert_eq!(seen, whole.commands);
    assert_eq!(diags, whole.diagnostics);
    assert!(whole.commands.len() >= 600 * 6 && !whole.diagnostics.is_empty());
    // No command at all, and a script shorter than one batch.
    let mut none = 0;
    assert!(parse_script_in_background("", &mut |_: &mut ParsedCommand| none += 1).is_empty());
    assert_eq!(none, 0);
    let mut few = Vec::new();
    parse_script_in_background(unit, &mut |c: &mut ParsedCommand| few.push(c.invocation.cmdlet.clone()));
    assert_eq!(
        few,
        [
            "Get-Mailbox",
            "Set-Mailbox",
            "Get-Mailbox",
            "Set-Mailbox",
            "Write-Host",
            "Get-Date",
            "Set-Mailbox",
            "Get-Mailbox"
        ]
    );
}

#[test]
fn the_line_index_finds_every_line_end_in_and_across_word_boundaries() {
    // Line ends at every offset of the eight-byte words, `\r\n` split across two words, lone
    // `\r`, multi-byte characters, and a tail shorter than a word; against a byte-by-byte index.
    let mut text = String::new();
    for i in 0..40 {
        text.push_str(&"ab\u{e9}cdefgh".repeat(i % 5));
        text.push_str(match i % 4 {
            0 => "\n",
            1 => "\r\n",
            2 => "\r",
            _ => "x\r\n\n",
        });
    }
    for cut in [0, 1, 7, 8, 9, text.len() - 1, text.len()] {
        let Some(t) = text.get(..cut) else { continue };
        let b = t.as_bytes();
        let mut expected = vec![0];
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                expected.push(i + 1);
            }
            i += 1;
        }
        assert_eq!(Lines::new(b).starts, expected, "{t:?}");
        for from in 0..=b.len() {
            let naive = b[from..].iter().position(|&x| x == b'\n' || x == b'\r').map_or(b.len(), |k| from + k);
            assert_eq!(next_line_end(b, from), naive, "{t:?} from {from}");
        }
    }
}

#[test]
fn chained_attributes_and_stray_keywords_as_pwsh_reads_them() {
    // Two attributes with named arguments in a row (checked with pwsh 7.6: no error).
    let script = parse_script(
        "function f {\n param(\n  [Parameter(Mandatory=$true,ParameterSetName=\"A\")][Parameter(Mandatory=$true,ParameterSetName=\"B\")][string]$M\n )\n}",
    );
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    // An index after an index is still an index.
    let script = parse_script("$x[0][($i + 1)] | Set-Mailbox -Type Shared");
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    // `catch` with no `try` before it: pwsh's parser takes it as a command named catch, which
    // fails only when it runs: a warning.
    let script = parse_script("Get-Mailbox |\n  try { Set-Mailbox -Type Shared }\ncatch { 'x' }");
    assert_eq!(codes(&script), vec!["unexpected-keyword"]);
    assert_eq!(script.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn a_named_block_keyword_after_other_statements_is_a_command() {
    // pwsh 7.6 parses `Return` then `End` (a runbook's idea of stopping) without error: only
    // first in a script block do begin/process/end open named blocks.
    let script =
        parse_script("switch ($f) {\n  1 { Set-CASMailbox -Identity $m -OWAEnabled $true\nReturn\nEnd\n  }\n}");
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    assert_eq!(names(&script), vec![("Set-CASMailbox", 0), ("End", 0)]);
    // Reachable, it would fail when it runs: a warning.
    let script = parse_script("Set-Mailbox kim -Type Shared\nEnd");
    assert_eq!(codes(&script), vec!["unexpected-keyword"]);
    assert_eq!(script.diagnostics[0].severity, Severity::Warning);
    // First in the script, it is a named block and needs its braces.
    let script = parse_script("end\nGet-Mailbox");
    assert_eq!(codes(&script), vec!["missing-statement-block"]);
    let script = parse_script("param($m)\nbegin { }\nend { Get-Mailbox $m }");
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    let script = parse_script("function f { end\n}");
    assert_eq!(codes(&script), vec!["missing-statement-block"]);
    // An if body is a statement block, where `end` is a command even first.
    let script = parse_script("if ($x) { end }");
    assert_eq!(codes(&script), vec!["unexpected-keyword"]);
}

#[test]
fn a_word_after_a_value_is_an_unexpected_token() {
    // pwsh 7.6: UnexpectedToken at the word.
    for (text, col) in [
        ("$NeedsApprova l = $MigrationUser | ? { $_.Status -eq 'x' }", 15),
        ("1\tProvisionMailbox = enable-mailbox USER", 3),
        ("'a' b", 5),
    ] {
        let script = parse_script(text);
        assert_eq!(codes(&script), vec!["unexpected-token"], "{text}");
        assert_eq!(script.diagnostics[0].position, Some(p(1, col)), "{text}");
    }
    // Members, static members, operators, foreach's `in`, casts, numbers with a multiplier.
    for ok in [
        "$x.Name",
        "[Math]::Round($s / 1MB, 2)",
        "$q = 4.75GB",
        "$a = $b -as [int]",
        "foreach ($m in $list) { $m }",
        "$x = $m.PrimarySmtpAddress.ToString()",
        "$ok = $a -and $b",
        "$h = @{ Name = 'x'; Value = 1 }",
    ] {
        let script = parse_script(ok);
        assert!(script.diagnostics.is_empty(), "{ok}: {:?}", script.diagnostics);
    }
}

#[test]
fn a_line_of_dashes_is_a_decrement_without_a_variable() {
    // pwsh 7.6: OperatorRequiresVariableOrProperty at 1:3.
    let script = parse_script("Get-Mailbox kim\n-------------------\nGet-Mailbox bob");
    assert_eq!(codes(&script), vec!["operator-requires-variable"]);
    assert_eq!(script.diagnostics[0].position, Some(p(2, 3)));
    assert_eq!(names(&script), vec![("Get-Mailbox", 0), ("Get-Mailbox", 0)]);
    for ok in ["--$i", "$i--", "Get-Mailbox -- -x", "# -----"] {
        let script = parse_script(ok);
        assert!(script.diagnostics.is_empty(), "{ok}: {:?}", script.diagnostics);
    }
}

#[test]
fn a_paren_expression_holds_one_pipeline() {
    // pwsh 7.6: MissingEndParenthesisInExpression where the first pipeline ends (a runbook's
    // `-Value` at a line's end, its script block on the next line).
    let script =
        parse_script("(Get-Mailbox $m | Add-Member -Name Size -Value\n\n{$this.Size} -PassThru | Out-String).Trim()");
    // The first error; pwsh reads on from there and reports four more, as the reader does.
    assert_eq!(codes(&script)[0], "missing-closing-delimiter");
    assert_eq!(script.diagnostics[0].position, Some(p(1, 47)));
    let script = parse_script("Write-Host (Get-Date; Get-Item)");
    assert_eq!(codes(&script), vec!["missing-closing-delimiter", "unexpected-token"]);
    assert_eq!(script.diagnostics[0].position, Some(p(1, 21)));
    // One pipeline over several lines, a subexpression or an array: no error.
    for ok in [
        "$x = (\n Get-Mailbox\n)",
        "(Get-Mailbox\n| Set-Mailbox -Type Shared)",
        "$($a = 1; $b)",
        "@(1\n2)",
        "(Get-Mailbox);",
    ] {
        let script = parse_script(ok);
        assert!(script.diagnostics.is_empty(), "{ok}: {:?}", script.diagnostics);
    }
}

#[test]
fn doubled_quotes_inside_a_strings_subexpression_are_one_quote() {
    // pwsh 7.6 prints xa''by for "x$($_.M -replace ""'"",""''"")y" with M = a'b.
    let script = parse_script("$a = \"'$($_.M -replace \"\"'\"\",\"\"''\"\")','$($_.T)'\"");
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    // The commands inside are still read.
    let script = parse_script("Write-Host \"n: $(Get-Mailbox \"\"kim\"\" -ResultSize 1)\"");
    assert_eq!(names(&script), vec![("Write-Host", 0), ("Get-Mailbox", 0)]);
    assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
    // Outside a string, "" is an empty string.
    let script = parse_script("Set-Mailbox \"\" -Type Shared");
    assert_eq!(script.commands[0].invocation.params[0].value, Value::String(String::new()));
}

#[test]
fn a_parameter_declaration_without_a_variable_is_refused() {
    // pwsh 7.6: InvalidFunctionParameter at 4:11, just after `[string]`.
    let script = parse_script("function f {\n param(\n  [string]$a,\n  [string]\n )\n}");
    assert_eq!(codes(&script), vec!["invalid-function-parameter"]);
    assert_eq!(script.diagnostics[0].position, Some(p(4, 11)));
    // Attributes, defaults with commas, comments and quoted text are fine.
    for ok in [
        "param([Parameter(Mandatory, HelpMessage='a, b')][ValidateSet('x','y')][string]$a = 'p,q', [int]$b)",
        "param(\n  # the mailbox, by UPN\n  [string]$m, <# , #> [switch]$WhatIfMode\n)",
        "param()",
        "param([hashtable]$h = @{a = 1; b = (1, 2)}, $c)",
    ] {
        let script = parse_script(ok);
        assert!(script.diagnostics.is_empty(), "{ok}: {:?}", script.diagnostics);
    }
}

#[test]
fn an_unclosed_parameter_list_is_one_error() {
    for text in ["param(}", "param(", "param([string]", "param([string]$a, [int]"] {
        let script = parse_script(text);
        assert!(!script.diagnostics.is_empty(), "{text}");
        assert!(
            script.diagnostics.iter().all(|d| d.code != "invalid-function-parameter"),
            "{text}: {:?}",
            script.diagnostics
        );
    }
}

/// The first syntax error of `text`, as the reader reports it.
fn first_error(text: &str) -> Option<(u32, u32)> {
    let script = parse_script(text);
    let d = script.diagnostics.iter().find(|d| d.severity == crate::cmdlet::diagnostic::Severity::Error)?;
    d.position.map(|p| (p.line, p.column))
}

/// Each case with the position of the first error pwsh 7.6's `Parser::ParseInput` reports (the
/// comment names its `ErrorId`); tests/validate_syntax_oracle.rs compares thousands more.
fn agree_with_pwsh(cases: &[(&str, Option<(u32, u32)>)]) {
    for (text, expected) in cases {
        assert_eq!(first_error(text), *expected, "{text:?}");
    }
}

/// A value right after another, with no operator between them: pwsh's `UnexpectedToken`, at the second.
#[test]
fn values_juxtaposed_without_an_operator_are_unexpected_tokens() {
    agree_with_pwsh(&[
        ("$a$b", Some((1, 3))),          // UnexpectedToken
        ("$x = 1 2", Some((1, 8))),      // UnexpectedToken
        ("$a.b $c", Some((1, 6))),       // UnexpectedToken
        ("(1) (2)", Some((1, 5))),       // UnexpectedToken
        ("@() @()", Some((1, 5))),       // UnexpectedToken
        ("\"a\"$b", Some((1, 4))),       // UnexpectedToken
        ("if ($a $b) {}", Some((1, 8))), // UnexpectedToken
        ("$h[0] $y", Some((1, 7))),      // UnexpectedToken
        ("return 1 2", Some((1, 10))),   // UnexpectedToken
        ("$($a $b)", Some((1, 6))),      // UnexpectedToken
        ("@{a=1 2}", Some((1, 7))),      // UnexpectedToken
        ("$a .Name", Some((1, 4))),      // UnexpectedToken
        ("$a [0]", Some((1, 4))),        // UnexpectedToken
        ("$a -not $b", Some((1, 4))),    // UnexpectedToken
        ("$a !$b", Some((1, 4))),        // UnexpectedToken
        ("{} {}", Some((1, 4))),         // UnexpectedToken
        ("$x = $a foo", Some((1, 9))),   // UnexpectedToken
    ]);
}

/// An operator with nothing after it: pwsh's `ExpectedValueExpression` and kin, at the end of the operator.
#[test]
fn an_operator_without_its_value_is_reported_after_the_operator() {
    agree_with_pwsh(&[
        ("$a -eq", Some((1, 7))),       // ExpectedValueExpression
        ("$a -eq -ne 1", Some((1, 7))), // ExpectedValueExpression
        ("!", Some((1, 2))),            // MissingExpressionAfterOperator
        ("-not", Some((1, 5))),         // MissingExpressionAfterOperator
        ("$a = 1,", Some((1, 8))),      // MissingExpressionAfterToken
        ("$x =", Some((1, 5))),         // ExpectedValueExpression
        ("$a -split", Some((1, 10))),   // ExpectedValueExpression
    ]);
}

/// Forms that look wrong but pwsh 7.6 parses.
#[test]
fn forms_pwsh_accepts_are_not_errors() {
    agree_with_pwsh(&[
        ("$a -1", None),
        ("$a. b", None),
        ("[int] $a", None),
        ("$a++", None),
        ("$a -match1", None),
        ("break $null ++", None),
        ("else New-MoveRequest", None),
        ("2>&1 Get-Mailbox", None),
        (">> a", None),
        ("+= 1", None),
        ("$x = 1\n|| Write-Host x", None),
        ("function\nf {}", None),
        (":outer ( 1 ) { }", None),
        ("param([parameter (mandatory)] $x)", None),
        ("[CmdletBinding()]param()", None),
        ("return\nEnd", None),
        ("(if ($a) {1})", None),
        ("\"$(if ($a -ne `\"`\") {1})\"", None),
    ]);
}

/// What is missing after a keyword, block, operator or key: at the end of the token before, as pwsh's `After(token)`.
#[test]
fn what_is_missing_after_a_token_is_reported_after_it() {
    agree_with_pwsh(&[
        ("trap }", Some((1, 5))),               // MissingTrapStatement
        ("try { }", Some((1, 8))),              // MissingCatchOrFinally
        ("try {\n}", Some((2, 2))),             // MissingCatchOrFinally
        ("x >>", Some((1, 5))),                 // MissingFileSpecification
        ("@{ a }", Some((1, 5))),               // MissingEqualsInHashLiteral
        ("foreach ( 1 ) { }", Some((1, 10))),   // MissingVariableNameAfterForeach
        ("foreach ($m $a) { }", Some((1, 12))), // MissingInInForeach
        ("Get-X | | Y", Some((1, 8))),          // EmptyPipeElement
        ("while while (1) {}", Some((1, 6))),   // MissingOpenParenthesisAfterKeyword
    ]);
}

/// `( )` and conditions hold one pipeline chain; `;` there is a missing `)`.
#[test]
fn parentheses_hold_one_pipeline_chain() {
    agree_with_pwsh(&[
        ("($a; $b)", Some((1, 4))),       // MissingEndParenthesisInExpression
        ("if ($a; $b) {}", Some((1, 7))), // MissingEndParenthesisAfterStatement
        ("while ( [int]", Some((1, 14))), // MissingEndParenthesisAfterStatement
        ("()", Some((1, 2))),             // ExpectedExpression
        ("(foreach $m in $a)", None),
        ("$a ? 1 : 2", None),
        ("$a ?? $b", None),
        ("Get-X && Get-Y || Get-Z", None),
    ]);
}
