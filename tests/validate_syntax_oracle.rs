//! PowerShell's own parser as the oracle for mbxctl's reader: does a script have a syntax error,
//! and where is the first one?
//!
//! A deterministic generator (fixed seed; `MBXCTL_FUZZ_SEED` explores others) writes thousands of
//! short scripts from a grammar of PowerShell fragments — assignments, expressions with unary and
//! binary operators, commands with Exchange cmdlets and their arguments, pipelines and pipeline
//! chains, `if`/`foreach`/`for`/`while`/`do`/`switch`/`try`/`function`/`trap` statements, strings
//! of every kind, here-strings, comments, line continuations — then corrupts most of them on
//! purpose: a token dropped, duplicated, swapped with its neighbour, replaced, two expressions
//! juxtaposed, a closing bracket removed, a line break inserted.
//!
//! Every script is parsed by one real `pwsh` with
//! `[System.Management.Automation.Language.Parser]::ParseInput` and by
//! `mbxctl::cmdlet::parse::parse_script`. Whether there is an error must agree, and when both see
//! one, the line of the first must agree (see [`KNOWN`] for the classes of pwsh errors not found yet, and [`MIN_COLUMN_AGREEMENT`]).
//!
//! Without a PowerShell the test says so loudly and passes, unless `MBXCTL_REQUIRE_PWSH=1`.

#[path = "binder_support/mod.rs"]
mod binder_support;

use mbxctl::cmdlet::diagnostic::Severity;
use mbxctl::cmdlet::parse::parse_script;

/// How many scripts are generated.
const SCRIPTS: usize = 6000;

/// pwsh's errors mbxctl's reader does not find yet, or finds on another line, by `ErrorId`, with
/// why. A difference of another class fails the test, and so does any error where pwsh finds
/// none (a false error is never tolerated).
///
/// - Semantic checks pwsh makes after parsing, which the reader (it reads commands, it does not
///   build a syntax tree) does not: `++`/`--` on what is not a variable, a second `default` in a
///   switch, `break` leaving a `finally`, a parameter declared without a variable, a bad switch
///   flag.
/// - Error recovery: after a first error the two parsers resume differently, so when mbxctl's
///   first error is a consequence of a construct pwsh reads another way (a `switch` clause, a
///   parameter list, a `$( )` or `( )` left open, a ternary without `:`, an index with no
///   expression, a function without a name), the line of the first error may differ. These come
///   from the generator's deliberate corruptions (a bracket removed, a token doubled); the
///   ~1,350 real scripts of the sweeps parse identically (docs/validate.md, "Syntax").
const KNOWN: &[&str] = &[
    // Semantic checks.
    "OperatorRequiresVariableOrProperty",
    "MultipleSwitchDefaultClauses",
    "ControlLeavingFinally",
    "InvalidFunctionParameter",
    "InvalidSwitchFlag",
    "InvalidLeftHandSide",
    "DuplicateKeyInHashLiteral",
    "AssignmentStatementToAutomaticNotSupported",
    // Recovery after a corruption.
    "StreamAlreadyRedirected",
    "MissingArgument",
    "MissingCatchHandlerBlock",
    "PipelineValueRequired",
    "InvalidForeachFlag",
    "MissingEndParenthesisInExpression",
    "MissingStatementInHashLiteral",
    "MissingExpression",
    "UnrecognizedToken",
    "MissingFunctionBody",
    "IncompleteDollarSubexpressionReference",
    "UnexpectedToken",
    "ExpressionsMustBeFirstInPipeline",
    "ExpectedValueExpression",
    "ExpectedExpression",
    "MissingEndParenthesisAfterStatement",
    "MissingEndParenthesisInSubexpression",
    "MissingEndParenthesisInFunctionParameterList",
    "MissingEndParenthesisInSwitchStatement",
    "MissingEndParenthesisAfterForeach",
    "MissingSwitchStatementClause",
    "MissingCurlyBraceInSwitchStatement",
    "MissingSwitchConditionExpression",
    "MissingFileSpecification",
    "MissingStatementBlock",
    "MissingEqualsInHashLiteral",
    "MissingEndCurlyBrace",
    "MissingNameAfterKeyword",
    "MissingVariableNameAfterForeach",
    "MissingForeachExpression",
    "MissingArrayIndexExpression",
    "MissingTypename",
    "MissingPropertyName",
    "MissingTrapStatement",
    "MissingExpressionAfterOperator",
    "MissingExpressionAfterToken",
    "MissingExpressionAfterKeyword",
    "MissingColonInTernaryExpression",
    "EmptyPipelineChainElement",
    "EmptyPipeElement",
    "IfStatementMissingCondition",
    "TerminatorExpectedAtEndOfString",
];

/// At most this many differences of the [`KNOWN`] classes with the default seed (196 of 6,000
/// scripts, 4,152 of them with an error, when this was written; 3,385 before the reader followed
/// pwsh's expression rules): more means the reader got worse.
const MAX_KNOWN_DIFFERENCES: usize = 210;

/// The share of scripts where both see an error on the same line whose column agrees too, at
/// least (95% when this was written; pwsh's columns at the end of the text differ by one in some
/// classes).
const MIN_COLUMN_AGREEMENT: f64 = 0.93;

/// A small deterministic generator (xorshift64*), as in tests/validate_binder_fuzz.rs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

/// A script as tokens: the corruptions work on tokens, so they stay meaningful.
struct Gen {
    rng: Rng,
    toks: Vec<String>,
    depth: usize,
}

const VARIABLES: &[&str] = &["$a", "$b", "$m", "$_", "$env:USERNAME", "${x y}", "$script:n", "$true", "$null", "$args"];
const NUMBERS: &[&str] = &["1", "42", "0x1F", "1.5", "10GB", "-3", "1e3", "5L"];
const STRINGS: &[&str] = &[
    "'kim'",
    "'O''Brien'",
    "\"a $b c\"",
    "\"$($m.Name)@contoso.com\"",
    "\"x`\"y\"",
    "''",
    "\"\"",
    "‘smart’",
    "\"$a.Name\"",
];
const BINARY: &[&str] = &[
    "+",
    "-",
    "*",
    "/",
    "%",
    "-eq",
    "-ne",
    "-like",
    "-notlike",
    "-match",
    "-and",
    "-or",
    "-f",
    "-join",
    "-replace",
    "-split",
    "..",
    "-as",
    "-is",
    "-contains",
    "-in",
    "-gt",
    "-band",
    "-shl",
];
const CMDLETS: &[&str] = &[
    "Get-Mailbox",
    "Set-Mailbox",
    "Add-MailboxPermission",
    "Get-MailboxStatistics",
    "New-MoveRequest",
    "Write-Host",
    "Get-EXOMailbox",
    "Enable-RemoteMailbox",
];
const PARAMS: &[&str] =
    &["-Identity", "-Type", "-User", "-AccessRights", "-ResultSize", "-Confirm:$false", "-WhatIf", "-ErrorAction"];
const BARE: &[&str] = &["kim", "Shared", "Unlimited", "FullAccess", "kim@contoso.com", "C:\\x.csv", "a,b", "--%"];

impl Gen {
    fn t(&mut self, s: &str) {
        self.toks.push(s.to_string());
    }

    fn nl(&mut self) {
        self.t("\n");
    }

    fn primary(&mut self) {
        self.depth += 1;
        let deep = self.depth > 3;
        match if deep { self.rng.below(3) } else { self.rng.below(16) } {
            0 => {
                let v = self.rng.word(VARIABLES);
                self.t(v)
            }
            1 => {
                let v = self.rng.word(NUMBERS);
                self.t(v)
            }
            2 => {
                let v = self.rng.word(STRINGS);
                self.t(v)
            }
            3 => {
                let v = self.rng.word(VARIABLES);
                let m = self.rng.word(&[".Name", ".Count", "[0]", "['k']", ".ToString()", ".Split(',')[1]", "::x"]);
                self.t(&format!("{v}{m}"));
            }
            4 => {
                self.t("(");
                self.expression();
                self.t(")");
            }
            5 => {
                self.t("$(");
                self.pipeline();
                self.t(")");
            }
            6 => {
                self.t("@(");
                if !self.rng.one_in(3) {
                    self.expression();
                    if self.rng.one_in(2) {
                        self.t(",");
                        self.expression();
                    }
                }
                self.t(")");
            }
            7 => {
                self.t("@{");
                let n = self.rng.below(3);
                for i in 0..n {
                    if i > 0 {
                        let sep = self.rng.word(&[";", "\n"]);
                        self.t(sep);
                    }
                    let k = self.rng.word(&["Add", "Remove", "'k'", "Name", "1"]);
                    self.t(k);
                    self.t("=");
                    self.expression();
                }
                self.t("}");
            }
            8 => {
                self.t("{");
                self.statements(1);
                self.t("}");
            }
            9 => {
                let ty =
                    self.rng.word(&["[int]", "[string]", "[datetime]", "[Microsoft.Exchange.Data.ByteQuantifiedSize]"]);
                self.t(ty);
                self.primary();
            }
            10 => {
                let ty = self.rng.word(&["[string]::Empty", "[math]::Round(1.5)", "[guid]::NewGuid()"]);
                self.t(ty);
            }
            11 => {
                let op = self.rng.word(&["-not", "!", "-", "+", "++", "--", ",", "-bnot", "-split", "-join"]);
                self.t(op);
                self.primary();
            }
            12 => {
                let h = self.rng.word(&["@'\nline $a\n'@", "@\"\nHello $($m.Name)\n\"@", "@'\n'@"]);
                self.t(h);
            }
            13 => {
                let v = self.rng.word(VARIABLES);
                self.t(v);
                let op = self.rng.word(&["++", "--", ".Name", "?.Name", "[1..2]"]);
                self.t(op);
            }
            14 => {
                self.t("$m");
                self.t(".");
                let m = self.rng.word(&["Name", "'Name'", "$p", "(\"x\")"]);
                self.t(m);
            }
            _ => {
                let v = self.rng.word(VARIABLES);
                self.t(v)
            }
        }
        self.depth -= 1;
    }

    fn expression(&mut self) {
        self.primary();
        let n = self.rng.below(3);
        for _ in 0..n {
            let op = self.rng.word(BINARY);
            self.t(op);
            if self.rng.one_in(8) {
                self.nl();
            }
            self.primary();
        }
        if self.rng.one_in(12) {
            // PowerShell 7: ternary and null-coalescing.
            if self.rng.one_in(2) {
                self.t("?");
                self.primary();
                self.t(":");
                self.primary();
            } else {
                self.t("??");
                self.primary();
            }
        }
    }

    fn command(&mut self) {
        let c = self.rng.word(CMDLETS);
        self.t(c);
        let n = self.rng.below(4);
        for _ in 0..n {
            match self.rng.below(5) {
                0 | 1 => {
                    let p = self.rng.word(PARAMS);
                    self.t(p);
                    if !p.contains(':') && self.rng.one_in(2) {
                        self.argument();
                    }
                }
                2 => self.argument(),
                3 => {
                    let r = self.rng.word(&["2>$null", "*>&1", "> out.txt", ">>", "2>&1"]);
                    self.t(r);
                }
                _ => {
                    if self.rng.one_in(2) {
                        self.t("`\n");
                    }
                    let p = self.rng.word(PARAMS);
                    self.t(p);
                }
            }
        }
    }

    fn argument(&mut self) {
        match self.rng.below(4) {
            0 => {
                let b = self.rng.word(BARE);
                self.t(b)
            }
            _ => self.primary(),
        }
    }

    fn pipeline(&mut self) {
        if self.rng.one_in(3) {
            self.expression();
        } else {
            self.command();
        }
        let n = self.rng.below(3);
        for _ in 0..n {
            let op = self.rng.word(&["|", "|", "|", "&&", "||"]);
            self.t(op);
            if self.rng.one_in(6) {
                self.nl();
            }
            if op != "|" && self.rng.one_in(3) {
                self.expression();
            } else {
                self.command();
            }
        }
    }

    fn block(&mut self) {
        self.t("{");
        self.statements(2);
        self.t("}");
    }

    fn condition(&mut self) {
        self.t("(");
        if self.rng.one_in(4) {
            self.pipeline();
        } else {
            self.expression();
        }
        self.t(")");
    }

    fn statement(&mut self) {
        self.depth += 1;
        let deep = self.depth > 2;
        match if deep { self.rng.below(3) } else { self.rng.below(20) } {
            0 => self.pipeline(),
            1 => {
                let v = self.rng.word(&["$x", "$h['k']", "$m.Name", "[int]$n", "$a, $b", "${y}", "$a[0]"]);
                self.t(v);
                let op = self.rng.word(&["=", "+=", "-=", "??=", "*="]);
                self.t(op);
                self.pipeline();
            }
            2 => self.command(),
            3 => {
                self.t("if");
                self.condition();
                self.block();
                if self.rng.one_in(2) {
                    self.t("elseif");
                    self.condition();
                    self.block();
                }
                if self.rng.one_in(2) {
                    self.t("else");
                    self.block();
                }
            }
            4 => {
                self.t("foreach");
                self.t("(");
                self.t("$m");
                self.t("in");
                self.expression();
                self.t(")");
                self.block();
            }
            5 => {
                self.t("for");
                self.t("(");
                self.t("$i = 0;");
                self.t("$i -lt 3;");
                self.t("$i++");
                self.t(")");
                self.block();
            }
            6 => {
                self.t("while");
                self.condition();
                self.block();
            }
            7 => {
                self.t("do");
                self.block();
                let w = self.rng.word(&["while", "until"]);
                self.t(w);
                self.condition();
            }
            8 => {
                self.t("switch");
                if self.rng.one_in(3) {
                    self.t("-Wildcard");
                }
                self.condition();
                self.t("{");
                let n = 1 + self.rng.below(2);
                for _ in 0..n {
                    let k = self.rng.word(&["'a'", "1", "default", "{ $_ -gt 1 }", "Shared"]);
                    self.t(k);
                    self.block();
                }
                self.t("}");
            }
            9 => {
                self.t("try");
                self.block();
                if self.rng.one_in(3) {
                    self.t("catch");
                    self.t("[System.Exception]");
                    self.block();
                } else if self.rng.one_in(2) {
                    self.t("catch");
                    self.block();
                }
                if self.rng.one_in(2) {
                    self.t("finally");
                    self.block();
                }
            }
            10 => {
                self.t("function");
                let name = self.rng.word(&["Set-Leaver", "f", "Get-X"]);
                self.t(name);
                self.t("{");
                if self.rng.one_in(2) {
                    self.t("param(");
                    self.t("[string]$Identity");
                    if self.rng.one_in(2) {
                        self.t(",");
                        self.t("[switch]$Force");
                    }
                    self.t(")");
                    self.nl();
                }
                self.statements(2);
                self.t("}");
            }
            11 => {
                let kw = self.rng.word(&["return", "throw", "exit", "break", "continue"]);
                self.t(kw);
                if self.rng.one_in(2) {
                    self.expression();
                }
            }
            12 => {
                self.t("# a comment ) } \"");
                self.nl();
                self.statement();
            }
            13 => {
                self.t("<# block ( #>");
                self.statement();
            }
            14 => {
                self.t("trap");
                self.block();
            }
            15 => {
                self.t(":outer");
                self.t("foreach");
                self.t("(");
                self.t("$m in $a");
                self.t(")");
                self.block();
            }
            16 => {
                self.t("$x");
                self.t("=");
                self.t("if");
                self.condition();
                self.block();
                self.t("else");
                self.block();
            }
            17 => {
                self.t("& $a");
                self.argument();
            }
            18 => {
                self.t(". .\\lib.ps1");
            }
            _ => self.expression(),
        }
        self.depth -= 1;
    }

    fn statements(&mut self, max: usize) {
        let n = self.rng.below(max + 1);
        for i in 0..n {
            if i > 0 {
                let sep = self.rng.word(&["\n", ";", "\n"]);
                self.t(sep);
            }
            self.statement();
        }
    }

    /// One script: some statements, then (usually) a corruption.
    fn script(&mut self) -> String {
        self.toks.clear();
        self.depth = 0;
        let n = 1 + self.rng.below(3);
        for i in 0..n {
            if i > 0 {
                self.nl();
            }
            self.statement();
        }
        if !self.rng.one_in(4) {
            self.corrupt();
        }
        let mut out = String::new();
        for (i, t) in self.toks.iter().enumerate() {
            let glue = i > 0 && !t.starts_with('\n') && !out.ends_with('\n') && !self.rng.one_in(12);
            if glue {
                out.push(' ');
            }
            out.push_str(t);
        }
        out
    }

    fn corrupt(&mut self) {
        let len = self.toks.len();
        if len == 0 {
            return;
        }
        let i = self.rng.below(len);
        match self.rng.below(9) {
            0 => {
                self.toks.remove(i);
            }
            1 => {
                let t = self.toks[i].clone();
                self.toks.insert(i, t);
            }
            2 if i + 1 < len => self.toks.swap(i, i + 1),
            3 => {
                // Two expressions with no operator between them.
                let saved = std::mem::take(&mut self.toks);
                self.primary();
                let mut extra = std::mem::replace(&mut self.toks, saved);
                let at = (i + 1).min(len);
                for (k, t) in extra.drain(..).enumerate() {
                    self.toks.insert(at + k, t);
                }
            }
            4 => {
                // A closing bracket removed.
                let closers: Vec<usize> = (0..len).filter(|&k| matches!(self.toks[k].as_str(), ")" | "}")).collect();
                if !closers.is_empty() {
                    let k = closers[self.rng.below(closers.len())];
                    self.toks.remove(k);
                }
            }
            5 => {
                let t = self.rng.word(&[
                    ")", "}", "]", "(", "{", "=", "|", ",", ";", "-f", "+", "else", "@{", "param()", "`", "'@", "&&",
                    "::", ".", "-and", "$", "@", "??", "?", ":", "catch {}", "in",
                ]);
                self.toks.insert(i, t.to_string());
            }
            6 => {
                self.toks.insert(i, "\n".to_string());
            }
            7 => {
                let t = self.rng.word(&["$a", "1", "'x'", "(1)", "@()", "$h[0]", "$a.b", "\"s\"", "Get-Mailbox"]);
                self.toks[i] = t.to_string();
            }
            _ => {
                self.toks.truncate(i.max(1));
            }
        }
    }
}

/// What a parser said of one script: `None` for no error, else the first error's line, column and
/// id (pwsh's `ErrorId`, mbxctl's code), in the order each reports them.
type Verdict = Option<(u32, u32, String)>;

fn ours(text: &str) -> Verdict {
    let script = parse_script(text);
    script
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .find_map(|d| d.position.map(|p| (p.line, p.column, d.code.to_string())))
}

/// Judges every script with one pwsh; returns pwsh's verdicts in order.
fn pwsh_verdicts(pwsh: &std::path::Path, dir: &std::path::Path, scripts: &[String]) -> Vec<Verdict> {
    let input = dir.join("scripts.json");
    std::fs::write(&input, serde_json::to_string(scripts).unwrap()).unwrap();
    let driver = r#"
$scripts = [IO.File]::ReadAllText($args[0]) | ConvertFrom-Json -NoEnumerate
$out = [Text.StringBuilder]::new()
foreach ($s in $scripts) {
    $t = $null; $e = $null
    [void][System.Management.Automation.Language.Parser]::ParseInput($s, [ref]$t, [ref]$e)
    if ($e.Count -eq 0) { [void]$out.AppendLine('-') ; continue }
    $f = $e[0]
    [void]$out.AppendLine("$($f.Extent.StartLineNumber)`t$($f.Extent.StartColumnNumber)`t$($f.ErrorId)")
}
[IO.File]::WriteAllText($args[1], $out.ToString())
"#;
    let ps1 = dir.join("driver.ps1");
    std::fs::write(&ps1, driver).unwrap();
    let result = dir.join("verdicts.txt");
    let out = std::process::Command::new(pwsh)
        .args(["-NoLogo", "-NoProfile", "-NonInteractive", "-File"])
        .arg(&ps1)
        .arg(&input)
        .arg(&result)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", pwsh.display()));
    assert!(out.status.success(), "pwsh failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&result).unwrap();
    let verdicts: Vec<Verdict> = text
        .lines()
        .map(|l| {
            if l == "-" {
                return None;
            }
            let mut f = l.split('\t');
            let line = f.next().unwrap().parse().unwrap();
            let col = f.next().unwrap().parse().unwrap();
            Some((line, col, f.next().unwrap_or_default().to_string()))
        })
        .collect();
    assert_eq!(verdicts.len(), scripts.len(), "pwsh judged {} of {} scripts", verdicts.len(), scripts.len());
    verdicts
}

/// How the verdicts on a batch compare.
#[derive(Default)]
struct Comparison {
    /// Both saw an error on the same line.
    same_line: usize,
    /// ... and in the same column.
    same_column: usize,
    /// Errors where pwsh saw none: never tolerated.
    false_errors: Vec<String>,
    /// pwsh's errors missed or on another line, in the [`KNOWN`] classes.
    known: Vec<String>,
    /// The same, in other classes.
    unknown: Vec<String>,
}

fn compare(scripts: &[String], theirs: &[Verdict]) -> Comparison {
    let mut cmp = Comparison::default();
    for (s, t) in scripts.iter().zip(theirs) {
        let o = ours(s);
        let line = format!("pwsh {t:?} mbxctl {o:?}: {s:?}");
        match (t, &o) {
            (None, None) => {}
            (None, Some(_)) => cmp.false_errors.push(line),
            (Some((tl, tc, _)), Some((ol, oc, _))) if tl == ol => {
                cmp.same_line += 1;
                cmp.same_column += usize::from(tc == oc);
            }
            (Some((_, _, id)), _) if KNOWN.contains(&id.as_str()) => cmp.known.push(line),
            (Some(_), _) => cmp.unknown.push(line),
        }
    }
    cmp
}

#[test]
fn mbxctl_finds_the_syntax_errors_pwsh_finds() {
    let Some(pwsh) = binder_support::pwsh_or_skip("validate_syntax_oracle") else { return };
    let seed = std::env::var("MBXCTL_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x7379_6e74_6178_0013);
    let mut g = Gen { rng: Rng(seed | 1), toks: Vec::new(), depth: 0 };
    let scripts: Vec<String> = (0..SCRIPTS).map(|_| g.script()).collect();
    let dir = std::env::temp_dir().join(format!("mbxctl-syntax-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let theirs = pwsh_verdicts(&pwsh, &dir, &scripts);
    let _ = std::fs::remove_dir_all(&dir);
    let with_errors = theirs.iter().filter(|v| v.is_some()).count();
    let cmp = compare(&scripts, &theirs);
    let column_agreement = cmp.same_column as f64 / cmp.same_line.max(1) as f64;
    eprintln!(
        "validate_syntax_oracle: {} scripts, {} with a syntax error to pwsh; the first error on the same line in {} \
         (column too in {:.1}%), {} known difference(s), {} other(s), {} false error(s)",
        scripts.len(),
        with_errors,
        cmp.same_line,
        column_agreement * 100.0,
        cmp.known.len(),
        cmp.unknown.len(),
        cmp.false_errors.len()
    );
    if let Ok(path) = std::env::var("MBXCTL_SYNTAX_DUMP") {
        let all: Vec<&String> = cmp.false_errors.iter().chain(&cmp.unknown).chain(&cmp.known).collect();
        std::fs::write(path, all.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")).unwrap();
    }
    assert!(with_errors * 5 >= scripts.len(), "only {with_errors} scripts with errors: the corruptions do too little");
    assert!(with_errors * 5 <= scripts.len() * 4, "{with_errors} scripts with errors: the grammar is broken");
    let first = |v: &[String]| v.iter().take(20).cloned().collect::<Vec<_>>().join("\n");
    assert!(
        cmp.false_errors.is_empty(),
        "{} syntax error(s) where pwsh parses the script:\n{}",
        cmp.false_errors.len(),
        first(&cmp.false_errors)
    );
    assert!(cmp.unknown.is_empty(), "{} difference(s) of a new class:\n{}", cmp.unknown.len(), first(&cmp.unknown));
    if std::env::var("MBXCTL_FUZZ_SEED").is_err() {
        assert!(
            cmp.known.len() <= MAX_KNOWN_DIFFERENCES,
            "{} known differences, more than {MAX_KNOWN_DIFFERENCES}: the reader got worse:\n{}",
            cmp.known.len(),
            first(&cmp.known)
        );
    }
    assert!(column_agreement >= MIN_COLUMN_AGREEMENT, "columns agree in only {:.1}%", column_agreement * 100.0);
}
