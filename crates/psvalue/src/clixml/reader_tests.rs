//! The reader's fast paths (borrowed text, plain-text detection, RefId tables, shared type-name chains, sized
//! member vectors, its own duplicate-attribute check) against what the plain reading of the XML gives.

use super::escape;
use super::*;
use crate::object::PsObject;
use proptest::prelude::*;

fn object(v: &PsValue) -> &PsObject {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v:?}"))
}

fn doc(body: &str) -> String {
    format!("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">{body}</Objs>")
}

/// What an element's text means, computed the slow way: line ends normalized, entities resolved, `_xHHHH_`
/// decoded (lone surrogates replaced, as for display text); `None` when it holds an escape no character has.
fn reference_text(raw: &str) -> Option<String> {
    let normalized = raw.replace("\r\n", "\n").replace('\r', "\n");
    let unescaped = quick_xml::escape::unescape(&normalized).unwrap();
    escape::decode_lossy(&unescaped).ok().map(|s| s.into_owned())
}

/// The same for an attribute value: tabs and line ends become spaces first.
/// `None` when the value holds an escape no character has.
fn reference_attribute(raw: &str) -> Option<String> {
    let normalized = raw.replace("\r\n", " ").replace(['\t', '\r', '\n'], " ");
    let unescaped = quick_xml::escape::unescape(&normalized).unwrap();
    escape::decode_lossy(&unescaped).ok().map(|s| s.into_owned())
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("plain"),
        Just("Zürich 日本"),
        Just("&amp;"),
        Just("&lt;&gt;&quot;&apos;"),
        Just("&#x41;&#66;"),
        Just("\r\n"),
        Just("\r"),
        Just("\n"),
        Just("\t"),
        Just(" "),
        Just("_x0041_"),
        Just("_X00e9_"),
        Just("_x"),
        Just("_"),
        Just("snake_case"),
        Just("0041_"),
    ]
}

proptest! {
    #[test]
    fn text_reads_as_the_slow_path_reads_it(parts in proptest::collection::vec(piece(), 0..8)) {
        let raw = parts.concat();
        // Pieces can join into an escape out of Unicode's range (`_x` `&#x41;&#66;`... `0041_` is
        // `_xABAB0041_`): the slow path refuses it, and so must the reader.
        let Some(expected) = reference_text(&raw) else {
            let refused = from_str(&format!("<S>{raw}</S>"), &Limits::default()).is_err();
            prop_assert!(refused, "the reader took an escape the slow path refuses: {}", raw);
            return Ok(());
        };
        let v = from_str(&format!("<S>{raw}</S>"), &Limits::default()).unwrap();
        prop_assert_eq!(v.as_str(), Some(expected.as_str()));
        // Type names and ToString take the same path.
        let v = from_str(&format!("<Obj RefId=\"0\"><TN RefId=\"0\"><T>{raw}</T></TN><ToString>{raw}</ToString></Obj>"),
            &Limits::default()).unwrap();
        prop_assert_eq!(&object(&v).type_names[0], &expected);
        prop_assert_eq!(object(&v).to_string.as_deref(), Some(expected.as_str()));
    }

    #[test]
    fn text_split_by_cdata_and_entities_joins_up(a in proptest::collection::vec(piece(), 0..4),
                                                b in proptest::collection::vec(piece(), 0..4)) {
        let (a, b) = (a.concat(), b.concat());
        let cdata_b = b.replace("]]>", "");
        let v = from_str(&format!("<S>{a}<![CDATA[{cdata_b}]]>{a}</S>"), &Limits::default()).unwrap();
        // CDATA content is literal: only line ends and `_x` escapes apply to it.
        let literal = cdata_b.replace("\r\n", "\n").replace('\r', "\n");
        let normalized_a = quick_xml::escape::unescape(&a.replace("\r\n", "\n").replace('\r', "\n")).unwrap().into_owned();
        let joined = format!("{normalized_a}{literal}{normalized_a}");
        let Ok(expected) = escape::decode_lossy(&joined) else {
            // An escape out of Unicode's range, joined from the pieces: refused both ways.
            let refused = from_str(&format!("<S>{a}<![CDATA[{cdata_b}]]>{a}</S>"), &Limits::default()).is_err();
            prop_assert!(refused, "the reader took an escape the slow path refuses: {}", b);
            return Ok(());
        };
        let expected = expected.into_owned();
        prop_assert_eq!(v.as_str(), Some(expected.as_str()));
    }

    #[test]
    fn property_names_read_as_the_slow_path_reads_them(parts in proptest::collection::vec(piece(), 1..6)) {
        let raw = parts.concat().replace('"', "");
        let read = from_str(&format!("<Obj RefId=\"0\"><MS><S N=\"{raw}\">v</S></MS></Obj>"), &Limits::default());
        match reference_attribute(&raw) {
            Some(expected) => {
                let v = read.unwrap();
                prop_assert_eq!(&object(&v).extended[0].name, &expected)
            }
            // An escape out of Unicode's range, joined from the pieces: refused both ways.
            None => prop_assert!(read.is_err(), "the reader took an escape the slow path refuses: {}", raw),
        }
    }
}

#[test]
fn a_duplicated_attribute_is_malformed_xml() {
    for xml in [
        r#"<Obj RefId="0"><MS><S N="a" N="b">x</S></MS></Obj>"#,
        r#"<Obj RefId="0" RefId="1" />"#,
        r#"<Obj RefId="0" xmlns:a="u" a:x="1" a:x="2" />"#,
    ] {
        let e = from_str(xml, &Limits::default()).unwrap_err();
        assert!(matches!(e, ClixmlError::Xml { .. }), "{xml}: {e}");
        assert!(e.to_string().contains("duplicated attribute"), "{e}");
    }
    // The same name on different elements is fine.
    assert!(from_str(r#"<Obj RefId="0"><MS><S N="a">x</S><S N="b">y</S></MS></Obj>"#, &Limits::default()).is_ok());
}

#[test]
fn objects_of_one_type_share_one_type_name_chain() {
    let body = r#"<Obj RefId="0"><TN RefId="0"><T>A.Mailbox</T><T>System.Object</T></TN><MS><S N="N">a</S></MS></Obj><Obj RefId="1"><TNRef RefId="0" /><MS><S N="N">b</S></MS></Obj>"#;
    let values = from_document(&doc(body), &Limits::default()).unwrap();
    let (a, b) = (object(&values[0]), object(&values[1]));
    assert_eq!(a.type_names, ["A.Mailbox", "System.Object"]);
    assert_eq!(b.type_names, a.type_names);
    assert!(std::ptr::eq(a.type_names.as_slice(), b.type_names.as_slice()), "<TNRef> shares, never copies");
    assert_eq!(format!("{:?}", a.type_names), r#"["A.Mailbox", "System.Object"]"#);
}

#[test]
fn member_vectors_sized_from_the_last_object_stay_correct_and_bounded() {
    // A first object with many members, then smaller and larger ones of the same type, members in both <Props>
    // and <MS>, and a second <MS> (appended).
    let many: String = (0..400).map(|i| format!("<I32 N=\"p{i}\">{i}</I32>")).collect();
    let body = format!(
        r#"<Obj RefId="0"><TN RefId="0"><T>T</T></TN><MS>{many}</MS></Obj><Obj RefId="1"><TNRef RefId="0" /><Props><S N="a">1</S></Props><MS><S N="b">2</S></MS><MS><S N="c">3</S></MS></Obj><Obj RefId="2"><TNRef RefId="0" /><MS><S N="d">4</S><S N="e">5</S></MS></Obj>"#
    );
    let values = from_document(&doc(&body), &Limits::default()).unwrap();
    assert_eq!(object(&values[0]).extended.len(), 400);
    let second = object(&values[1]);
    assert_eq!(second.adapted.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["a"]);
    assert_eq!(second.extended.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["b", "c"]);
    assert!(second.extended.capacity() <= 256, "a large object must not make every later one reserve as much");
    assert_eq!(object(&values[2]).extended.len(), 2);
}

#[test]
fn ref_ids_that_are_not_small_numbers_still_resolve() {
    let body = r#"<Obj RefId="007"><ToString>seven</ToString></Obj><Obj RefId="4000000000"><ToString>far</ToString></Obj><Obj RefId="x-1"><ToString>named</ToString></Obj><Ref RefId="007" /><Ref RefId="4000000000" /><Ref RefId="x-1" />"#;
    let values = from_document(&doc(body), &Limits::default()).unwrap();
    let names: Vec<_> = values.iter().map(|v| object(v).to_string.clone().unwrap()).collect();
    assert_eq!(names, ["seven", "far", "named", "seven", "far", "named"]);
    // "007" is not "7".
    let e = from_document(&doc(r#"<Obj RefId="007" /><Ref RefId="7" />"#), &Limits::default()).unwrap_err();
    assert!(matches!(e, ClixmlError::UnknownReference { .. }), "{e}");
}

#[test]
fn text_with_an_entity_keeps_its_position_in_errors() {
    // The owned (unescaped) path still reports where the bad value is.
    let e = from_str("<Obj RefId=\"0\">\n<MS>\n<I32 N=\"a&amp;b\">1&amp;2</I32></MS></Obj>", &Limits::default())
        .unwrap_err();
    assert!(matches!(e, ClixmlError::InvalidValue { at: Position { line: 3, .. }, .. }), "{e}");
}
