//! OutOfProc line framing: the one-element-per-line XML that `pwsh -s` reads on stdin and writes on stdout.
//!
//! The grammar is fixed by PowerShell's `OutOfProcTransportManager.cs` (`CreateDataPacket`,
//! `CreatePSGuidPacket`, `ProcessElement`): `Data` has exactly the attributes `Stream` and `PSGuid` and a base64
//! text child; every other element has exactly one attribute, `PSGuid`, and no content. pwsh reads these with an
//! XML reader, so the parser here accepts either quote style and any attribute order, but nothing else: an
//! unknown element, a missing or extra attribute, stray text or bad base64 is an error that names the problem.
//! Emitted lines use exactly pwsh's own form (single quotes, `Stream` first), because pwsh's client routes lines by
//! searching for the literal `PSGuid='00000000-…'` text.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use uuid::Uuid;

/// Which of the two OutOfProc data streams a `Data` line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stream {
    /// Ordinary protocol traffic.
    Default,
    /// Host-call responses (client to server); pwsh treats any other value as `Default`.
    PromptResponse,
}

impl Stream {
    fn as_str(self) -> &'static str {
        match self {
            Stream::Default => "Default",
            Stream::PromptResponse => "PromptResponse",
        }
    }
}

/// The kind of a control element (everything but `Data`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Control {
    /// `<DataAck>`: the receiver took one `Data` line.
    DataAck,
    /// `<Command>`: create the transport of a pipeline.
    Command,
    /// `<CommandAck>`
    CommandAck,
    /// `<Close>`: release a pipeline, or the whole session for GUID 0.
    Close,
    /// `<CloseAck>`
    CloseAck,
    /// `<Signal>`: stop a pipeline.
    Signal,
    /// `<SignalAck>`
    SignalAck,
}

impl Control {
    const ALL: [Control; 7] = [
        Control::DataAck,
        Control::Command,
        Control::CommandAck,
        Control::Close,
        Control::CloseAck,
        Control::Signal,
        Control::SignalAck,
    ];

    /// The element name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Control::DataAck => "DataAck",
            Control::Command => "Command",
            Control::CommandAck => "CommandAck",
            Control::Close => "Close",
            Control::CloseAck => "CloseAck",
            Control::Signal => "Signal",
            Control::SignalAck => "SignalAck",
        }
    }
}

/// One OutOfProc line, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Packet {
    /// `<Data Stream=… PSGuid=…>base64</Data>`: whole PSRP fragments for one pipeline (or the pool for GUID 0).
    Data {
        /// The stream the data travels on.
        stream: Stream,
        /// The pipeline id, or nil for the runspace pool.
        guid: Uuid,
        /// The decoded bytes (one or more whole fragments).
        payload: Vec<u8>,
    },
    /// Any other element.
    Control {
        /// Which element.
        kind: Control,
        /// The pipeline id, or nil for the runspace pool.
        guid: Uuid,
    },
}

/// A line that does not follow the OutOfProc grammar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OopError {
    /// The line is longer than the configured maximum.
    #[error("OutOfProc line of {len} bytes exceeds the limit of {max} bytes")]
    TooLong {
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// An empty line (pwsh treats one as end of session).
    #[error("empty OutOfProc line")]
    Empty,
    /// The XML itself is malformed.
    #[error("malformed OutOfProc line at byte {offset}: {what} (line starts {start:?})")]
    Syntax {
        /// Byte offset in the line.
        offset: usize,
        /// What was expected.
        what: &'static str,
        /// The first characters of the line, for the log.
        start: String,
    },
    /// An element pwsh does not know.
    #[error("unknown OutOfProc element <{0}>")]
    UnknownElement(String),
    /// Wrong, missing or duplicated attributes.
    #[error("OutOfProc element <{element}> {problem}")]
    Attributes {
        /// The element.
        element: String,
        /// What is wrong.
        problem: String,
    },
    /// `PSGuid` is not a GUID.
    #[error("OutOfProc element <{element}> has an invalid PSGuid {value:?}")]
    BadGuid {
        /// The element.
        element: String,
        /// The attribute text.
        value: String,
    },
    /// The `Data` text is not valid base64.
    #[error("OutOfProc <Data> for {guid} carries invalid base64: {reason}")]
    BadBase64 {
        /// The GUID of the line.
        guid: Uuid,
        /// The decoder's message.
        reason: String,
    },
}

impl Packet {
    /// A control packet.
    pub fn control(kind: Control, guid: Uuid) -> Packet {
        Packet::Control { kind, guid }
    }

    /// The GUID the line is addressed to.
    pub fn guid(&self) -> Uuid {
        match self {
            Packet::Data { guid, .. } | Packet::Control { guid, .. } => *guid,
        }
    }

    /// Renders the packet as one line, without a line terminator, exactly as pwsh writes it.
    pub fn to_line(&self) -> String {
        match self {
            Packet::Data { stream, guid, payload } => {
                format!(
                    "<Data Stream='{}' PSGuid='{}'>{}</Data>",
                    stream.as_str(),
                    guid.hyphenated(),
                    B64.encode(payload)
                )
            }
            Packet::Control { kind, guid } => format!("<{} PSGuid='{}' />", kind.name(), guid.hyphenated()),
        }
    }

    /// Parses one line (a trailing `\r` or `\n` is removed first). Lines longer than `max_len` bytes are refused
    /// before any work, so a hostile peer cannot make the parser allocate without bound.
    pub fn parse(line: &str, max_len: usize) -> Result<Packet, OopError> {
        let line = line.trim_end_matches(['\n', '\r']);
        if line.len() > max_len {
            return Err(OopError::TooLong { len: line.len(), max: max_len });
        }
        if line.trim().is_empty() {
            return Err(OopError::Empty);
        }
        let mut p = Cursor { s: line, pos: 0 };
        p.skip_ws();
        p.expect("<", "'<' starting an element")?;
        let name = p.name()?;
        let mut attrs: Vec<(&str, &str)> = Vec::new();
        let self_closing = loop {
            let had_ws = p.skip_ws();
            if p.eat("/>") {
                break true;
            }
            if p.eat(">") {
                break false;
            }
            if !had_ws {
                return Err(p.err("whitespace, '>' or '/>' after the element name or an attribute"));
            }
            let attr = p.name()?;
            p.skip_ws();
            p.expect("=", "'=' after an attribute name")?;
            p.skip_ws();
            let value = p.quoted()?;
            if attrs.iter().any(|(n, _)| *n == attr) {
                return Err(OopError::Attributes {
                    element: name.into(),
                    problem: format!("repeats attribute {attr}"),
                });
            }
            attrs.push((attr, value));
        };
        let text = if self_closing {
            ""
        } else {
            let text = p.until('<');
            p.expect("</", "the closing tag")?;
            let close = p.name()?;
            if close != name {
                return Err(p.err("a closing tag with the same name as the opening tag"));
            }
            p.skip_ws();
            p.expect(">", "'>' ending the closing tag")?;
            text
        };
        p.skip_ws();
        if p.pos != line.len() {
            return Err(p.err("the end of the line after the element (one element per line)"));
        }

        if name == "Data" {
            let stream = attribute(&attrs, name, "Stream")?;
            let guid = guid_attribute(&attrs, name)?;
            if attrs.len() != 2 {
                return Err(OopError::Attributes {
                    element: name.into(),
                    problem: format!("must have exactly the attributes Stream and PSGuid, found {}", attrs.len()),
                });
            }
            // pwsh compares the stream name case-insensitively and treats anything but PromptResponse as Default.
            let stream =
                if stream.eq_ignore_ascii_case("PromptResponse") { Stream::PromptResponse } else { Stream::Default };
            let payload = B64.decode(text.trim()).map_err(|e| OopError::BadBase64 { guid, reason: e.to_string() })?;
            return Ok(Packet::Data { stream, guid, payload });
        }
        let kind = Control::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| OopError::UnknownElement(name.chars().take(64).collect()))?;
        let guid = guid_attribute(&attrs, name)?;
        if attrs.len() != 1 {
            return Err(OopError::Attributes {
                element: name.into(),
                problem: format!("must have exactly one attribute (PSGuid), found {}", attrs.len()),
            });
        }
        if !text.trim().is_empty() {
            return Err(OopError::Attributes { element: name.into(), problem: "must not have content".into() });
        }
        Ok(Packet::Control { kind, guid })
    }
}

fn attribute<'a>(attrs: &[(&str, &'a str)], element: &str, name: &str) -> Result<&'a str, OopError> {
    attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).ok_or_else(|| OopError::Attributes {
        element: element.chars().take(64).collect(),
        problem: format!("is missing attribute {name}"),
    })
}

fn guid_attribute(attrs: &[(&str, &str)], element: &str) -> Result<Uuid, OopError> {
    let value = attribute(attrs, element, "PSGuid")?;
    // .NET's Guid.ToString() form only: 8-4-4-4-12 hex digits.
    if value.len() != 36 {
        return Err(OopError::BadGuid { element: element.into(), value: value.chars().take(64).collect() });
    }
    Uuid::try_parse(value).map_err(|_| OopError::BadGuid { element: element.into(), value: value.into() })
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn err(&self, what: &'static str) -> OopError {
        OopError::Syntax { offset: self.pos, what, start: self.s.chars().take(40).collect() }
    }

    fn skip_ws(&mut self) -> bool {
        let before = self.pos;
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t']).len();
        self.pos != before
    }

    fn eat(&mut self, tok: &str) -> bool {
        if self.rest().starts_with(tok) {
            self.pos += tok.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, tok: &str, what: &'static str) -> Result<(), OopError> {
        if self.eat(tok) { Ok(()) } else { Err(self.err(what)) }
    }

    fn name(&mut self) -> Result<&'a str, OopError> {
        let rest = self.rest();
        let len =
            rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':')).unwrap_or(rest.len());
        if len == 0 {
            return Err(self.err("a name"));
        }
        self.pos += len;
        Ok(&rest[..len])
    }

    fn quoted(&mut self) -> Result<&'a str, OopError> {
        let rest = self.rest();
        let quote = match rest.chars().next() {
            Some(q @ ('\'' | '"')) => q,
            _ => return Err(self.err("a quoted attribute value")),
        };
        let Some(end) = rest[1..].find(quote) else {
            return Err(self.err("the closing quote of an attribute value"));
        };
        let value = &rest[1..1 + end];
        if value.contains(['<', '&']) {
            return Err(self.err("an attribute value without '<' or entities"));
        }
        self.pos += end + 2;
        Ok(value)
    }

    fn until(&mut self, c: char) -> &'a str {
        let rest = self.rest();
        let len = rest.find(c).unwrap_or(rest.len());
        self.pos += len;
        &rest[..len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = 1 << 20;
    const P: &str = "6e6e7727-08b7-4440-855f-6e417c17511c";

    #[test]
    fn emits_pwsh_exact_forms() {
        let g = Uuid::parse_str(P).unwrap();
        assert_eq!(
            Packet::Data { stream: Stream::Default, guid: Uuid::nil(), payload: b"hi".to_vec() }.to_line(),
            "<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'>aGk=</Data>"
        );
        assert_eq!(
            Packet::Data { stream: Stream::PromptResponse, guid: g, payload: vec![] }.to_line(),
            format!("<Data Stream='PromptResponse' PSGuid='{P}'></Data>")
        );
        assert_eq!(Packet::control(Control::CommandAck, g).to_line(), format!("<CommandAck PSGuid='{P}' />"));
        assert_eq!(
            Packet::control(Control::Close, Uuid::nil()).to_line(),
            "<Close PSGuid='00000000-0000-0000-0000-000000000000' />"
        );
    }

    #[test]
    fn every_packet_round_trips() {
        let g = Uuid::parse_str(P).unwrap();
        let mut packets = vec![
            Packet::Data { stream: Stream::Default, guid: g, payload: (0..=255).collect() },
            Packet::Data { stream: Stream::PromptResponse, guid: Uuid::nil(), payload: vec![1] },
        ];
        packets.extend(Control::ALL.into_iter().map(|k| Packet::control(k, g)));
        for p in packets {
            assert_eq!(Packet::parse(&p.to_line(), MAX).unwrap(), p);
            assert_eq!(Packet::parse(&format!("{}\r\n", p.to_line()), MAX).unwrap(), p);
        }
    }

    #[test]
    fn accepts_what_an_xml_reader_accepts() {
        let g = Uuid::parse_str(P).unwrap();
        let p = Packet::parse(&format!("<Data PSGuid=\"{P}\"  Stream=\"promptresponse\">AAE=</Data>"), MAX).unwrap();
        assert_eq!(p, Packet::Data { stream: Stream::PromptResponse, guid: g, payload: vec![0, 1] });
        let p = Packet::parse(&format!("<Data Stream='Whatever' PSGuid='{P}'>AAE=</Data>"), MAX).unwrap();
        assert!(matches!(p, Packet::Data { stream: Stream::Default, .. }));
        assert_eq!(
            Packet::parse(&format!("<SignalAck PSGuid='{}'/>", P.to_uppercase()), MAX).unwrap(),
            Packet::control(Control::SignalAck, g)
        );
        assert_eq!(
            Packet::parse(&format!("<DataAck PSGuid='{P}'></DataAck>"), MAX).unwrap(),
            Packet::control(Control::DataAck, g)
        );
    }

    #[test]
    fn parses_the_real_pwsh_packets() {
        let text = std::fs::read_to_string(crate::testing::fixture("psrp/oop-pwsh-packets-5lines.txt")).unwrap();
        let guids: Vec<Uuid> = text.lines().map(|l| Packet::parse(l, MAX).unwrap().guid()).collect();
        assert_eq!(guids[0].to_string(), "6e6e7727-08b7-4440-855f-6e417c17511c");
        assert_eq!(guids[1], Uuid::nil());
        assert_eq!(guids.len(), 5);
    }

    #[test]
    fn rejects_with_precise_errors() {
        let cases: Vec<(String, &str)> = vec![
            (String::new(), "empty"),
            ("\r".into(), "empty"),
            (format!("<Foo PSGuid='{P}' />"), "unknown OutOfProc element <Foo>"),
            (format!("<Data PSGuid='{P}'>AA==</Data>"), "missing attribute Stream"),
            (format!("<Data Stream='Default' PSGuid='{P}' X='1'>AA==</Data>"), "exactly the attributes"),
            (format!("<Close PSGuid='{P}' Stream='x' />"), "exactly one attribute"),
            (format!("<Close PSGuid='{P}' PSGuid='{P}' />"), "repeats attribute PSGuid"),
            ("<Close PSGuid='not-a-guid' />".into(), "invalid PSGuid"),
            ("<Close PSGuid='6e6e772708b74440855f6e417c17511c' />".into(), "invalid PSGuid"),
            (format!("<Data Stream='Default' PSGuid='{P}'>A*A=</Data>"), "invalid base64"),
            (format!("<Data Stream='Default' PSGuid='{P}'>AA==</Dat>"), "same name"),
            (format!("<Close PSGuid='{P}' /><Close PSGuid='{P}' />"), "one element per line"),
            (format!("<Close PSGuid='{P}'>x</Close>"), "must not have content"),
            (format!("<Close PSGuid='{P}"), "closing quote"),
            (format!("<ClosePSGuid='{P}' />"), "whitespace, '>' or '/>'"),
            ("garbage".into(), "'<' starting an element"),
        ];
        for (line, want) in cases {
            let err = Packet::parse(&line, MAX).unwrap_err().to_string();
            assert!(err.contains(want), "{line:?}: {err:?} should contain {want:?}");
        }
        assert_eq!(Packet::parse(&"x".repeat(11), 10), Err(OopError::TooLong { len: 11, max: 10 }));
    }
}
