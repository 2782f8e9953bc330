//! The CLIXML reader: one pass over quick-xml events with an explicit stack (no recursion, so
//! nesting depth costs heap, not call stack), bounded tables and the checks of [`Limits`].

use super::escape;
use super::prim::{Prim, prim_of};
use super::ser::{PROGRESS_RECORD_FIELDS, PROGRESS_RECORD_TYPES};
use super::tables::{MEMBERS_HINT_CAP, RefTable, SeenKeys, Text, TypeList, is_plain, normalize_newlines, unescape_xml};
use super::{ClixmlError, DocumentItem, Limits, Position, SecureCipher};
use crate::object::{Container, Property, PsObject, PsValue, TypeNames};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::sync::Arc;

/// The note property holding an opaque `<SS>` text read from a document without a cipher.
pub const PROTECTED_TEXT: &str = "ProtectedText";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextKind {
    Prim(Prim),
    TypeName,
    ToString,
    PrField(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemsKind {
    List,
    Enumerable,
    Stack,
    Queue,
}

struct ObjFrame<'a> {
    obj: PsObject,
    ref_id: Option<Text<'a>>,
    name: Option<Text<'a>>,
    stream: Option<Text<'a>>,
    /// The RefId of its type-name list (`<TN RefId>` or `<TNRef RefId>`), where the member counts of objects
    /// of that type are remembered to size the next one's property vectors.
    types_ref: Option<Text<'a>>,
    at: usize,
    visited_at_start: u64,
    seen_types: bool,
    seen_to_string: bool,
    seen_container: bool,
}

struct TextFrame<'a> {
    kind: TextKind,
    name: Option<Text<'a>>,
    stream: Option<Text<'a>>,
    text: Cow<'a, str>,
    /// No chunk of `text` had anything to unescape, normalize or decode ([`is_plain`]): used as is.
    plain: bool,
    at: usize,
}

struct PrFrame<'a> {
    name: Option<Text<'a>>,
    stream: Option<Text<'a>>,
    at: usize,
    fields: [Option<PsValue>; 8],
}

enum Frame<'a> {
    Doc(Vec<DocumentItem>),
    Obj(Box<ObjFrame<'a>>),
    Members {
        adapted: bool,
        props: Vec<Property>,
    },
    Items {
        kind: ItemsKind,
        items: Vec<PsValue>,
    },
    Dct(Vec<(PsValue, PsValue)>),
    En {
        key: Option<PsValue>,
        value: Option<PsValue>,
        at: usize,
    },
    Tn {
        ref_id: Option<Text<'a>>,
        names: Vec<String>,
    },
    Text(TextFrame<'a>),
    Pr(Box<PrFrame<'a>>),
    /// `<TNRef>`, already resolved.
    TnRef(TypeNames),
    /// `<Nil>` or `<Ref>`, already resolved.
    Leaf {
        value: PsValue,
        name: Option<Text<'a>>,
        stream: Option<Text<'a>>,
        at: usize,
    },
}

impl Frame<'_> {
    fn context(&self) -> &'static str {
        match self {
            Frame::Doc(_) => "inside <Objs>",
            Frame::Obj(_) => "inside <Obj>",
            Frame::Members { adapted: true, .. } => "inside <Props>",
            Frame::Members { adapted: false, .. } => "inside <MS>",
            Frame::Items { .. } => "inside a list (<LST>, <IE>, <STK>, <QUE>)",
            Frame::Dct(_) => "inside <DCT>",
            Frame::En { .. } => "inside <En>",
            Frame::Tn { .. } => "inside <TN>",
            Frame::Text(_) => "inside a text element",
            Frame::Pr(_) => "inside <PR>",
            Frame::TnRef(_) => "inside <TNRef>",
            Frame::Leaf { .. } => "inside <Nil> or <Ref>",
        }
    }
}

/// The attributes CLIXML uses, read once per element.
#[derive(Default)]
struct Attrs<'a> {
    name: Option<Text<'a>>,
    ref_id: Option<Text<'a>>,
    stream: Option<Text<'a>>,
    version: Option<Text<'a>>,
}

/// How many finished `<Obj>` frame boxes are kept for reuse (about the nesting depth of real output).
const SPARE_FRAMES: usize = 16;

const VALUE_ELEMENTS: &str = "a value element (<Obj>, <Ref>, <Nil>, <S>, <I32>, ... or <PR>)";

pub(super) struct Parser<'a, 'c> {
    /// The whole input, for positions.
    input: &'a str,
    /// Where the reader's slice starts inside `input`.
    base: usize,
    reader: Reader<&'a [u8]>,
    limits: Limits,
    pub(super) cipher: Option<&'c dyn SecureCipher>,
    stack: Vec<Frame<'a>>,
    /// Objects by RefId, with their weight (values a walk visits) for the `<Ref>` budget.
    objects: RefTable<'a, (Arc<PsObject>, u64)>,
    type_lists: RefTable<'a, TypeList>,
    /// Boxes of finished `<Obj>` frames, reused for the next ones. The boxes themselves are the point (the
    /// stack holds `Frame::Obj(Box<_>)`), so clippy's advice to unbox does not apply.
    #[allow(clippy::vec_box)]
    spare_frames: Vec<Box<ObjFrame<'a>>>,
    depth: usize,
    visited: u64,
    refs: usize,
    copied_type_bytes: usize,
    single: Option<PsValue>,
    document: Option<Vec<DocumentItem>>,
    pub(super) document_mode: bool,
}

pub(crate) fn parse_single(
    xml: &str,
    limits: &Limits,
    cipher: Option<&dyn SecureCipher>,
) -> Result<PsValue, ClixmlError> {
    check_size(xml, limits)?;
    let start = if xml.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut p = Parser::new(xml, start, limits, cipher, false);
    p.run()?;
    p.single.ok_or_else(|| ClixmlError::Missing {
        at: Position::locate(xml, xml.len()),
        message: "no CLIXML element found; a PSRP message body holds exactly one (<Obj>, <S>, <Nil/>, ...)".into(),
    })
}

pub(crate) fn parse_document(
    xml: &str,
    limits: &Limits,
    cipher: Option<&dyn SecureCipher>,
) -> Result<Vec<DocumentItem>, ClixmlError> {
    check_size(xml, limits)?;
    let mut start = if xml.starts_with('\u{FEFF}') { 3 } else { 0 };
    if xml[start..].starts_with("#< CLIXML") {
        start = xml[start..].find('\n').map_or(xml.len(), |i| start + i + 1);
    }
    let mut p = Parser::new(xml, start, limits, cipher, true);
    p.run()?;
    p.document.ok_or_else(|| ClixmlError::Missing {
        at: Position::locate(xml, xml.len()),
        message: "no <Objs> root element found; an Export-Clixml file starts with <Objs Version=\"1.1.0.1\" ...>"
            .into(),
    })
}

fn check_size(xml: &str, limits: &Limits) -> Result<(), ClixmlError> {
    if xml.len() > limits.max_bytes {
        return Err(ClixmlError::InputTooLarge { size: xml.len(), limit: limits.max_bytes });
    }
    Ok(())
}

fn is_xml_space(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

pub(super) fn shorten(s: &str) -> String {
    if s.chars().count() > 60 { format!("{}...", s.chars().take(60).collect::<String>()) } else { s.to_string() }
}

impl<'a, 'c> Parser<'a, 'c> {
    fn new(
        input: &'a str,
        base: usize,
        limits: &Limits,
        cipher: Option<&'c dyn SecureCipher>,
        document_mode: bool,
    ) -> Self {
        let mut reader = Reader::from_str(&input[base..]);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Parser {
            input,
            base,
            reader,
            limits: *limits,
            cipher,
            stack: Vec::new(),
            objects: RefTable::default(),
            type_lists: RefTable::default(),
            spare_frames: Vec::new(),
            depth: 0,
            visited: 0,
            refs: 0,
            copied_type_bytes: 0,
            single: None,
            document: None,
            document_mode,
        }
    }

    pub(super) fn pos(&self, offset: usize) -> Position {
        Position::locate(self.input, self.base + offset)
    }

    fn xml_error(&self, message: impl std::fmt::Display) -> ClixmlError {
        ClixmlError::Xml { at: self.pos(self.reader.error_position() as usize), message: message.to_string() }
    }

    fn run(&mut self) -> Result<(), ClixmlError> {
        loop {
            let at = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => return Err(self.xml_error(e)),
            };
            match event {
                Event::Start(e) => self.start(&e, at)?,
                Event::Empty(e) => {
                    self.start(&e, at)?;
                    self.end(at)?;
                }
                Event::End(_) => self.end(at)?,
                Event::Text(t) => {
                    let raw = self.utf8(t.into_inner())?;
                    self.text(raw, true, at)?;
                }
                Event::CData(t) => {
                    let raw = self.utf8(t.into_inner())?;
                    self.text(raw, false, at)?;
                }
                Event::DocType(_) => {
                    return Err(ClixmlError::UnexpectedElement {
                        at: self.pos(at),
                        found: "!DOCTYPE".into(),
                        context: "in CLIXML".into(),
                        expected: "no document type declaration (CLIXML never has one, and DTD entities are refused)",
                    });
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if let Some(open) = self.stack.last() {
            let end = self.input.len() - self.base;
            return Err(ClixmlError::Missing {
                at: self.pos(end),
                message: format!(
                    "the input ended {} before its closing tag",
                    open.context().replace("inside", "still inside")
                ),
            });
        }
        Ok(())
    }

    fn utf8(&self, bytes: Cow<'a, [u8]>) -> Result<Cow<'a, str>, ClixmlError> {
        match bytes {
            Cow::Borrowed(b) => self.borrow_str(b),
            Cow::Owned(b) => String::from_utf8(b).map(Cow::Owned).map_err(|e| self.xml_error(e)),
        }
    }

    /// The input's text behind `bytes`, a slice quick-xml cut from it. The input is already a `str` and every
    /// slice quick-xml returns starts and ends at an ASCII delimiter, so re-validating the UTF-8 (which cost
    /// 5 % of decoding) is replaced by slicing the input at the same place; only a slice that is not the
    /// input's (none today) is validated.
    fn borrow_str<'b>(&self, bytes: &'b [u8]) -> Result<Cow<'a, str>, ClixmlError> {
        let start = (bytes.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize);
        if let Some(text) = start.checked_add(bytes.len()).and_then(|end| self.input.get(start..end)) {
            return Ok(Cow::Borrowed(text));
        }
        std::str::from_utf8(bytes).map(|t| Cow::Owned(t.to_owned())).map_err(|e| self.xml_error(e))
    }

    /// Reads the attributes CLIXML uses. Values stay borrowed from the input unless they hold an entity, a
    /// line break or tab (attribute-value normalization), or an `_xHHHH_` escape (names only).
    fn attrs(&self, e: &BytesStart<'a>, at: usize) -> Result<Attrs<'a>, ClixmlError> {
        let mut out = Attrs::default();
        // quick-xml's own duplicate check keeps the keys in a vector allocated for every element; the keys seen
        // are kept here instead, on the stack for the few attributes CLIXML elements have.
        let mut seen = SeenKeys::default();
        for attr in e.attributes().with_checks(false) {
            let attr = attr.map_err(|err| ClixmlError::Xml { at: self.pos(at), message: err.to_string() })?;
            if !seen.insert(attr.key.into_inner()) {
                return Err(ClixmlError::Xml {
                    at: self.pos(at),
                    message: format!("duplicated attribute {}", String::from_utf8_lossy(attr.key.as_ref())),
                });
            }
            let is_name = attr.key.local_name().as_ref() == b"N";
            let slot = match attr.key.local_name().as_ref() {
                b"N" => &mut out.name,
                b"RefId" => &mut out.ref_id,
                b"S" => &mut out.stream,
                b"Version" => &mut out.version,
                _ => continue,
            };
            let raw = self.borrow_str(&attr.value)?;
            if is_plain(&raw) {
                *slot = Some(raw);
                continue;
            }
            let normalized: Text<'a> = if raw.bytes().any(|b| matches!(b, b'\t' | b'\r' | b'\n')) {
                Cow::Owned(raw.replace("\r\n", " ").replace(['\t', '\r', '\n'], " "))
            } else {
                raw
            };
            let unescaped =
                unescape_xml(normalized).map_err(|message| ClixmlError::Xml { at: self.pos(at), message })?;
            let value = if is_name {
                match escape::decode_lossy(&unescaped) {
                    Ok(Cow::Borrowed(_)) => unescaped,
                    Ok(Cow::Owned(decoded)) => Cow::Owned(decoded),
                    Err(b) => return Err(ClixmlError::InvalidEscape { at: self.pos(at), escape: b.0 }),
                }
            } else {
                unescaped
            };
            *slot = Some(value);
        }
        Ok(out)
    }

    fn unexpected(&self, tag: &[u8], at: usize, expected: &'static str) -> ClixmlError {
        let context = match self.stack.last() {
            Some(f) => f.context().to_string(),
            None if self.document_mode && self.document.is_some() => "after </Objs>".to_string(),
            None if self.document_mode => "as the document root".to_string(),
            None => "at the top level".to_string(),
        };
        ClixmlError::UnexpectedElement {
            at: self.pos(at),
            found: String::from_utf8_lossy(tag).into_owned(),
            context,
            expected,
        }
    }

    fn count_value(&mut self, n: u64, at: usize) -> Result<(), ClixmlError> {
        self.visited = self.visited.saturating_add(n);
        if self.visited > self.limits.max_objects as u64 {
            return Err(ClixmlError::LimitExceeded {
                at: self.pos(at),
                what: "the number of values (references counted at full size)",
                field: "max_objects",
                limit: self.limits.max_objects,
            });
        }
        Ok(())
    }

    fn count_ref(&mut self, at: usize) -> Result<(), ClixmlError> {
        self.refs += 1;
        if self.refs > self.limits.max_refs {
            return Err(ClixmlError::LimitExceeded {
                at: self.pos(at),
                what: "the number of <Ref> and <TNRef> elements",
                field: "max_refs",
                limit: self.limits.max_refs,
            });
        }
        Ok(())
    }

    fn enter_object(&mut self, at: usize) -> Result<(), ClixmlError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(ClixmlError::LimitExceeded {
                at: self.pos(at),
                what: "object nesting",
                field: "max_depth",
                limit: self.limits.max_depth,
            });
        }
        Ok(())
    }

    /// Where a value may start here, and whether it needs an `N` attribute.
    fn value_allowed(&self) -> Option<bool> {
        match self.stack.last() {
            None => Some(false),
            Some(Frame::Doc(_)) | Some(Frame::Items { .. }) => Some(false),
            Some(Frame::Members { .. }) | Some(Frame::En { .. }) => Some(true),
            Some(Frame::Obj(_)) | Some(Frame::Pr(_)) => Some(false),
            _ => None,
        }
    }

    fn start(&mut self, e: &BytesStart<'a>, at: usize) -> Result<(), ClixmlError> {
        let local = e.local_name();
        let tag = local.as_ref();
        // Structural children first: they depend on the enclosing frame.
        match self.stack.last_mut() {
            None if self.document_mode => {
                if self.document.is_some() {
                    return Err(self.unexpected(tag, at, "nothing after </Objs>"));
                }
                if tag != b"Objs" {
                    return Err(self.unexpected(tag, at, "<Objs> (the Export-Clixml root)"));
                }
                let attrs = self.attrs(e, at)?;
                if let Some(v) = &attrs.version
                    && v.split('.').next() != Some("1")
                {
                    return Err(ClixmlError::InvalidValue {
                        at: self.pos(at),
                        element: "Objs Version".into(),
                        text: shorten(v),
                        expected: "a serialization version 1.x (PowerShell writes 1.1.0.1)",
                    });
                }
                self.stack.push(Frame::Doc(Vec::new()));
                return Ok(());
            }
            Some(Frame::Text(_)) => return Err(self.unexpected(tag, at, "only text")),
            Some(Frame::TnRef(_)) | Some(Frame::Leaf { .. }) => return Err(self.unexpected(tag, at, "nothing")),
            Some(Frame::Tn { .. }) => {
                if tag != b"T" {
                    return Err(self.unexpected(tag, at, "<T> type names"));
                }
                self.stack.push(Frame::Text(TextFrame {
                    kind: TextKind::TypeName,
                    name: None,
                    stream: None,
                    text: Cow::Borrowed(""),
                    plain: true,
                    at,
                }));
                return Ok(());
            }
            Some(Frame::Dct(_)) => {
                if tag != b"En" {
                    return Err(self.unexpected(tag, at, "<En> entries"));
                }
                self.stack.push(Frame::En { key: None, value: None, at });
                return Ok(());
            }
            Some(Frame::Pr(_)) => {
                if let Some(i) = PROGRESS_RECORD_FIELDS.iter().position(|(t, _)| !t.is_empty() && t.as_bytes() == tag) {
                    self.stack.push(Frame::Text(TextFrame {
                        kind: TextKind::PrField(i),
                        name: None,
                        stream: None,
                        text: Cow::Borrowed(""),
                        plain: true,
                        at,
                    }));
                    return Ok(());
                }
                if tag == b"CO" {
                    self.stack.push(Frame::Text(TextFrame {
                        kind: TextKind::Prim(Prim::S),
                        name: None,
                        stream: None,
                        text: Cow::Borrowed(""),
                        plain: true,
                        at,
                    }));
                    return Ok(());
                }
                if tag != b"Nil" && tag != b"S" {
                    return Err(self.unexpected(tag, at, "a progress record field (AV, AI, S/Nil, PI, PC, T, SR, SD)"));
                }
            }
            Some(Frame::Obj(o)) => {
                let o = o.as_mut();
                match tag {
                    b"TN" | b"TNRef" => {
                        if o.seen_types {
                            return Err(self.unexpected(tag, at, "a single <TN> or <TNRef> per object"));
                        }
                        o.seen_types = true;
                        let attrs = self.attrs(e, at)?;
                        if tag == b"TN" {
                            if let Some(Frame::Obj(o)) = self.stack.last_mut() {
                                o.types_ref = attrs.ref_id.clone();
                            }
                            self.stack.push(Frame::Tn { ref_id: attrs.ref_id, names: Vec::new() });
                            return Ok(());
                        }
                        let ref_id = attrs.ref_id.ok_or_else(|| ClixmlError::MissingAttribute {
                            at: self.pos(at),
                            element: "TNRef".into(),
                            attribute: "RefId",
                        })?;
                        self.count_ref(at)?;
                        // Shared, not copied; still counted at full size, as a consumer that walks or re-encodes
                        // the result (JSON output, say) sees one copy per object.
                        let (names, bytes) =
                            self.type_lists.get(&ref_id).map(|t| (t.names.clone(), t.bytes)).ok_or_else(|| {
                                ClixmlError::UnknownTypeReference { at: self.pos(at), ref_id: ref_id.to_string() }
                            })?;
                        if let Some(Frame::Obj(o)) = self.stack.last_mut() {
                            o.types_ref = Some(ref_id);
                        }
                        self.copied_type_bytes = self.copied_type_bytes.saturating_add(bytes);
                        if self.copied_type_bytes > self.limits.max_bytes {
                            return Err(ClixmlError::LimitExceeded {
                                at: self.pos(at),
                                what: "the type names referenced by <TNRef> (counted as if copied)",
                                field: "max_bytes",
                                limit: self.limits.max_bytes,
                            });
                        }
                        self.stack.push(Frame::TnRef(names));
                        return Ok(());
                    }
                    b"ToString" => {
                        if o.seen_to_string {
                            return Err(self.unexpected(tag, at, "a single <ToString> per object"));
                        }
                        o.seen_to_string = true;
                        self.stack.push(Frame::Text(TextFrame {
                            kind: TextKind::ToString,
                            name: None,
                            stream: None,
                            text: Cow::Borrowed(""),
                            plain: true,
                            at,
                        }));
                        return Ok(());
                    }
                    b"Props" | b"MS" => {
                        let adapted = tag == b"Props";
                        // Objects of one type usually have the same members: size the vector as the last one's.
                        let hint = o
                            .types_ref
                            .as_deref()
                            .and_then(|r| self.type_lists.get(r))
                            .map_or(0, |t| t.members[usize::from(adapted)].min(MEMBERS_HINT_CAP));
                        self.stack.push(Frame::Members { adapted, props: Vec::with_capacity(hint) });
                        return Ok(());
                    }
                    b"LST" | b"IE" | b"STK" | b"QUE" | b"DCT" => {
                        if o.seen_container {
                            return Err(self.unexpected(tag, at, "at most one container per object"));
                        }
                        o.seen_container = true;
                        let frame = match tag {
                            b"DCT" => Frame::Dct(Vec::new()),
                            b"LST" => Frame::Items { kind: ItemsKind::List, items: Vec::new() },
                            b"IE" => Frame::Items { kind: ItemsKind::Enumerable, items: Vec::new() },
                            b"STK" => Frame::Items { kind: ItemsKind::Stack, items: Vec::new() },
                            _ => Frame::Items { kind: ItemsKind::Queue, items: Vec::new() },
                        };
                        self.stack.push(frame);
                        return Ok(());
                    }
                    // PowerShell's deserializer reads an <Obj> directly inside an <Obj> as its base object
                    // (Windows PowerShell writes WSMan configuration items that way); a <Ref> there it rejects.
                    b"Obj" if o.obj.base.is_none() && !o.seen_container => {}
                    b"Obj" | b"Ref" => {
                        return Err(self.unexpected(
                            tag,
                            at,
                            "TN, TNRef, ToString, Props, MS, a container or one wrapped primitive or object",
                        ));
                    }
                    _ => {
                        if o.obj.base.is_some() {
                            return Err(self.unexpected(tag, at, "a single wrapped value per object"));
                        }
                    }
                }
            }
            _ => {}
        }
        let Some(needs_name) = self.value_allowed() else {
            return Err(self.unexpected(tag, at, VALUE_ELEMENTS));
        };
        let attrs = self.attrs(e, at)?;
        if needs_name && attrs.name.is_none() {
            return Err(ClixmlError::MissingAttribute {
                at: self.pos(at),
                element: String::from_utf8_lossy(tag).into_owned(),
                attribute: "N",
            });
        }
        if let Some(prim) = prim_of(tag) {
            self.count_value(1, at)?;
            self.stack.push(Frame::Text(TextFrame {
                kind: TextKind::Prim(prim),
                name: attrs.name,
                stream: attrs.stream,
                text: Cow::Borrowed(""),
                plain: true,
                at,
            }));
            return Ok(());
        }
        match tag {
            b"Obj" => {
                self.count_value(1, at)?;
                self.enter_object(at)?;
                let frame = ObjFrame {
                    obj: PsObject::default(),
                    ref_id: attrs.ref_id,
                    name: attrs.name,
                    stream: attrs.stream,
                    types_ref: None,
                    at,
                    visited_at_start: self.visited,
                    seen_types: false,
                    seen_to_string: false,
                    seen_container: false,
                };
                // Reuse the box of an object already finished: one allocation fewer per object.
                let boxed = match self.spare_frames.pop() {
                    Some(mut spare) => {
                        *spare = frame;
                        spare
                    }
                    None => Box::new(frame),
                };
                self.stack.push(Frame::Obj(boxed));
            }
            b"PR" => {
                self.count_value(1, at)?;
                self.enter_object(at)?;
                self.stack.push(Frame::Pr(Box::new(PrFrame {
                    name: attrs.name,
                    stream: attrs.stream,
                    at,
                    fields: Default::default(),
                })));
            }
            b"Nil" | b"Ref" => {
                // Both are empty in CLIXML: resolve now, deliver when the element ends.
                let value = if tag == b"Nil" {
                    self.count_value(1, at)?;
                    PsValue::Null
                } else {
                    self.resolve_ref(attrs.ref_id.as_deref(), at)?
                };
                self.stack.push(Frame::Leaf { value, name: attrs.name, stream: attrs.stream, at });
            }
            _ => return Err(self.unexpected(tag, at, VALUE_ELEMENTS)),
        }
        Ok(())
    }
    fn resolve_ref(&mut self, ref_id: Option<&str>, at: usize) -> Result<PsValue, ClixmlError> {
        let ref_id = ref_id.ok_or_else(|| ClixmlError::MissingAttribute {
            at: self.pos(at),
            element: "Ref".into(),
            attribute: "RefId",
        })?;
        self.count_ref(at)?;
        if let Some((obj, weight)) = self.objects.get(ref_id) {
            let (obj, weight) = (obj.clone(), *weight);
            self.count_value(weight, at)?;
            return Ok(PsValue::Object(obj));
        }
        // A <Ref> to an object still being read is a cycle (PowerShell registers the RefId when the object
        // starts). An `Arc` tree cannot hold one, so the reference becomes a shallow copy of the object as read
        // so far: its type names and ToString, which is what a reader of the cycle needs to recognise it.
        let open = self.stack.iter().rev().find_map(|f| match f {
            Frame::Obj(o) if o.ref_id.as_deref() == Some(ref_id) => Some(o),
            _ => None,
        });
        if let Some(o) = open {
            let shallow = PsObject {
                type_names: o.obj.type_names.clone(),
                to_string: o.obj.to_string.clone(),
                ..PsObject::default()
            };
            self.count_value(1, at)?;
            return Ok(PsValue::Object(Arc::new(shallow)));
        }
        Err(ClixmlError::UnknownReference { at: self.pos(at), ref_id: ref_id.to_string() })
    }

    /// Text content. `raw` is still XML-escaped for text events (`escaped`), literal for CDATA.
    fn text(&mut self, raw: Cow<'a, str>, escaped: bool, at: usize) -> Result<(), ClixmlError> {
        let is_text_frame = matches!(self.stack.last(), Some(Frame::Text(_)));
        if !is_text_frame {
            if is_xml_space(&raw) {
                return Ok(());
            }
            let context = match self.stack.last() {
                Some(f) => f.context().to_string(),
                None => "outside any element".to_string(),
            };
            return Err(ClixmlError::UnexpectedText { at: self.pos(at), text: shorten(&raw), context });
        }
        let plain = is_plain(&raw);
        let content: Cow<'a, str> = if plain {
            raw
        } else {
            let normalized = if raw.contains('\r') { Cow::Owned(normalize_newlines(&raw)) } else { raw };
            if escaped {
                unescape_xml(normalized).map_err(|message| ClixmlError::Xml { at: self.pos(at), message })?
            } else {
                normalized
            }
        };
        let Some(Frame::Text(frame)) = self.stack.last_mut() else {
            return Ok(());
        };
        frame.plain &= plain;
        if frame.text.is_empty() {
            frame.text = content;
        } else {
            frame.text.to_mut().push_str(&content);
        }
        Ok(())
    }

    fn end(&mut self, at: usize) -> Result<(), ClixmlError> {
        let Some(frame) = self.stack.pop() else {
            return Err(ClixmlError::Xml { at: self.pos(at), message: "closing tag without an opening tag".into() });
        };
        match frame {
            Frame::Doc(items) => self.document = Some(items),
            Frame::Text(t) => self.finish_text(t)?,
            Frame::Leaf { value, name, stream, at } => self.deliver(value, name, stream, at)?,
            Frame::Obj(o) => self.finish_object(o)?,
            Frame::Pr(p) => self.finish_progress_record(*p, at)?,
            Frame::Members { adapted, props } => {
                let Some(Frame::Obj(o)) = self.stack.last_mut() else {
                    unreachable!("structural CLIXML children are only opened inside <Obj>")
                };
                if let Some(types) = o.types_ref.as_deref().and_then(|r| self.type_lists.get_mut(r)) {
                    types.members[usize::from(adapted)] = props.len();
                }
                let target = if adapted { &mut o.obj.adapted } else { &mut o.obj.extended };
                // Usually the only <Props> or <MS> of the object: take the vector instead of copying it.
                if target.is_empty() {
                    *target = props;
                } else {
                    target.extend(props);
                }
            }
            Frame::Items { kind, items } => {
                self.open_object().obj.container = Some(match kind {
                    ItemsKind::List => Container::List(items),
                    ItemsKind::Enumerable => Container::Enumerable(items),
                    ItemsKind::Stack => Container::Stack(items),
                    ItemsKind::Queue => Container::Queue(items),
                });
            }
            Frame::Dct(entries) => self.open_object().obj.container = Some(Container::Dictionary(entries)),
            Frame::En { key, value, at } => {
                let (Some(key), Some(value)) = (key, value) else {
                    return Err(ClixmlError::Missing {
                        at: self.pos(at),
                        message: "<En> needs one child with N=\"Key\" and one with N=\"Value\"".into(),
                    });
                };
                if let Some(Frame::Dct(entries)) = self.stack.last_mut() {
                    entries.push((key, value));
                }
            }
            Frame::Tn { ref_id, names } => {
                let bytes = names.iter().map(|n| n.len() + 24).sum();
                let names = TypeNames::from(names);
                // A duplicate RefId replaces the earlier one, as in PowerShell's deserializer.
                if let Some(ref_id) = ref_id {
                    self.type_lists.insert(ref_id, TypeList { names: names.clone(), bytes, members: [0; 2] });
                }
                self.open_object().obj.type_names = names;
            }
            Frame::TnRef(names) => self.open_object().obj.type_names = names,
        }
        Ok(())
    }

    /// The `<Obj>` frame a structural child (TN, Props, LST, ...) belongs to. `start` only opens
    /// those children directly inside an `<Obj>`, so it is always on top once they end.
    fn open_object(&mut self) -> &mut ObjFrame<'a> {
        match self.stack.last_mut() {
            Some(Frame::Obj(o)) => o,
            _ => unreachable!("structural CLIXML children are only opened inside <Obj>"),
        }
    }

    fn finish_text(&mut self, t: TextFrame<'a>) -> Result<(), ClixmlError> {
        let bad_escape = |p: &Self, b: escape::BadEscape| ClixmlError::InvalidEscape { at: p.pos(t.at), escape: b.0 };
        match t.kind {
            TextKind::TypeName => {
                let name = if t.plain {
                    t.text.into_owned()
                } else {
                    escape::decode_lossy(&t.text).map_err(|b| bad_escape(self, b))?.into_owned()
                };
                if let Some(Frame::Tn { names, .. }) = self.stack.last_mut() {
                    names.push(name);
                }
            }
            TextKind::ToString => {
                let s = if t.plain {
                    t.text.into_owned()
                } else {
                    escape::decode_lossy(&t.text).map_err(|b| bad_escape(self, b))?.into_owned()
                };
                self.open_object().obj.to_string = Some(s);
            }
            TextKind::PrField(i) => {
                let value = match PROGRESS_RECORD_FIELDS[i].0 {
                    "AV" | "T" | "SD" => {
                        PsValue::String(escape::decode_lossy(&t.text).map_err(|b| bad_escape(self, b))?.into_owned())
                    }
                    tag => PsValue::I32(self.number(tag, &t.text, t.at)?),
                };
                self.set_progress_field(i, value, t.at)?;
            }
            TextKind::Prim(Prim::S) if t.plain => {
                self.deliver(PsValue::String(t.text.into_owned()), t.name, t.stream, t.at)?;
            }
            TextKind::Prim(prim) => {
                let value = self.primitive(prim, &t.text, t.at)?;
                self.deliver(value, t.name, t.stream, t.at)?;
            }
        }
        Ok(())
    }

    fn set_progress_field(&mut self, i: usize, value: PsValue, at: usize) -> Result<(), ClixmlError> {
        // Computing a position scans the input: only do it for an error.
        let (input, base) = (self.input, self.base);
        let pos = move || Position::locate(input, base + at);
        if let Some(Frame::Pr(p)) = self.stack.last_mut() {
            if p.fields[i].is_some() {
                return Err(ClixmlError::UnexpectedElement {
                    at: pos(),
                    found: PROGRESS_RECORD_FIELDS[i].1.into(),
                    context: "inside <PR>".into(),
                    expected: "each progress record field once",
                });
            }
            p.fields[i] = Some(value);
        }
        Ok(())
    }

    fn deliver(
        &mut self,
        value: PsValue,
        name: Option<Text<'a>>,
        stream: Option<Text<'a>>,
        at: usize,
    ) -> Result<(), ClixmlError> {
        // Computing a position scans the input: only do it for an error.
        let (input, base) = (self.input, self.base);
        let pos = move || Position::locate(input, base + at);
        match self.stack.last_mut() {
            None => {
                if self.single.is_some() {
                    return Err(ClixmlError::UnexpectedElement {
                        at: pos(),
                        found: "a second value".into(),
                        context: "at the top level of a message body".into(),
                        expected: "exactly one element (use from_document for <Objs> files)",
                    });
                }
                self.single = Some(value);
            }
            Some(Frame::Doc(items)) => items.push(DocumentItem { stream: stream.map(Cow::into_owned), value }),
            Some(Frame::Members { props, .. }) => {
                props.push(Property { name: name.map(Cow::into_owned).unwrap_or_default(), value });
            }
            Some(Frame::Items { items, .. }) => items.push(value),
            Some(Frame::En { key, value: slot, .. }) => {
                let target = match name.as_deref() {
                    Some("Key") => key,
                    Some("Value") => slot,
                    _ => {
                        return Err(ClixmlError::UnexpectedElement {
                            at: pos(),
                            found: format!("a value named {:?}", name.unwrap_or_default()),
                            context: "inside <En>".into(),
                            expected: "one child with N=\"Key\" and one with N=\"Value\"",
                        });
                    }
                };
                if target.is_some() {
                    return Err(ClixmlError::UnexpectedElement {
                        at: pos(),
                        found: format!("a second {:?}", name.unwrap_or_default()),
                        context: "inside <En>".into(),
                        expected: "one child with N=\"Key\" and one with N=\"Value\"",
                    });
                }
                *target = Some(value);
            }
            Some(Frame::Obj(o)) => o.obj.base = Some(value),
            Some(Frame::Pr(_)) => {
                let i = PROGRESS_RECORD_FIELDS.iter().position(|(t, _)| t.is_empty()).unwrap_or(2);
                if !matches!(value, PsValue::Null | PsValue::String(_)) {
                    return Err(ClixmlError::InvalidValue {
                        at: pos(),
                        element: "PR".into(),
                        text: String::new(),
                        expected: "a CurrentOperation that is <S> or <Nil/>",
                    });
                }
                self.set_progress_field(i, value, at)?;
            }
            Some(_) => unreachable!("start() only opens values where a value may go"),
        }
        Ok(())
    }

    fn finish_object(&mut self, mut o: Box<ObjFrame<'a>>) -> Result<(), ClixmlError> {
        self.depth -= 1;
        let weight = self.visited - o.visited_at_start + 1;
        let obj = Arc::new(std::mem::take(&mut o.obj));
        let (ref_id, name, stream, at) = (o.ref_id.take(), o.name.take(), o.stream.take(), o.at);
        o.types_ref = None;
        if self.spare_frames.len() < SPARE_FRAMES {
            self.spare_frames.push(o);
        }
        // A duplicate RefId replaces the earlier one (later wins), as in PowerShell's deserializer.
        if let Some(ref_id) = ref_id {
            self.objects.insert(ref_id, (obj.clone(), weight));
        }
        self.deliver(PsValue::Object(obj), name, stream, at)
    }

    fn finish_progress_record(&mut self, p: PrFrame<'a>, end_at: usize) -> Result<(), ClixmlError> {
        self.depth -= 1;
        let mut adapted = Vec::with_capacity(PROGRESS_RECORD_FIELDS.len());
        for ((tag, name), value) in PROGRESS_RECORD_FIELDS.iter().zip(p.fields) {
            let Some(value) = value else {
                let element = if tag.is_empty() { "S or Nil (CurrentOperation)" } else { tag };
                return Err(ClixmlError::Missing {
                    at: self.pos(end_at),
                    message: format!("<PR> closed without its <{element}> field ({name})"),
                });
            };
            adapted.push(Property { name: (*name).to_string(), value });
        }
        let obj = PsObject { adapted, ..PsObject::with_types(PROGRESS_RECORD_TYPES) };
        self.deliver(PsValue::Object(Arc::new(obj)), p.name, p.stream, p.at)
    }
}
