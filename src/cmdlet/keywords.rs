//! PowerShell's keywords: the one list the reader ([`crate::cmdlet::parse`]) and the renderer
//! ([`crate::cmdlet::render`]) share.

/// PowerShell's keywords (`tokenizer.cs`, `s_keywordText`) — the one list the reader and the
/// renderer share. A command line starting with any of them is a statement, not a command. The
/// flag says whether the reader handles it at the start of a statement (`StatementRule` and the
/// named blocks of `NamedBlockListRule`); the others (`in`, `public`, `default`, ...) only have a
/// meaning inside a statement, a class or a workflow.
const KEYWORDS: &[(&str, bool)] = &[
    ("elseif", true),
    ("if", true),
    ("else", true),
    ("switch", true),
    ("foreach", true),
    ("from", true),
    ("in", false),
    ("for", true),
    ("while", true),
    ("until", true),
    ("do", true),
    ("try", true),
    ("catch", true),
    ("finally", true),
    ("trap", true),
    ("data", true),
    ("return", true),
    ("continue", true),
    ("break", true),
    ("exit", true),
    ("throw", true),
    ("begin", true),
    ("process", true),
    ("end", true),
    ("dynamicparam", true),
    ("function", true),
    ("filter", true),
    ("param", true),
    ("class", true),
    ("define", true),
    ("var", true),
    ("using", true),
    ("workflow", true),
    ("parallel", true),
    ("sequence", true),
    ("inlinescript", false),
    ("configuration", true),
    ("public", false),
    ("private", false),
    ("static", false),
    ("interface", false),
    ("enum", true),
    ("namespace", false),
    ("module", false),
    ("type", false),
    ("assembly", false),
    ("command", false),
    ("hidden", false),
    ("base", false),
    ("default", false),
    ("clean", true),
];

/// The keyword `word` spells (any case), as PowerShell writes it.
pub(crate) fn keyword(word: &str) -> Option<&'static str> {
    KEYWORDS.iter().find(|(k, _)| k.eq_ignore_ascii_case(word)).map(|(k, _)| *k)
}

/// The keyword `word` spells when it starts a statement the reader handles.
pub(crate) fn statement_keyword(word: &str) -> Option<&'static str> {
    KEYWORDS.iter().find(|(k, s)| *s && k.eq_ignore_ascii_case(word)).map(|(k, _)| *k)
}
