//! Cross-check with an independent reader: everything mbxctl serializes (the parsed fixtures
//! and a generated set covering every primitive, escapes, enums, containers and references) is
//! deserialized by psrpcore 0.3.1 through `scripts/psrpcore_clixml.py`, and psrpcore's view must
//! equal ours, value by value.
//!
//! Setup (once per checkout): `python3 -m venv .venv && .venv/bin/pip install psrpcore==0.3.1`
//! (on Windows: `py -3 -m venv .venv` and `.venv\Scripts\pip install psrpcore==0.3.1`).

use mbxctl::protocol::clixml::{self, Limits};
use mbxctl::psobject::{Container, Property, PsObject, PsValue};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

fn venv_python() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = if cfg!(windows) {
        root.join(".venv").join("Scripts").join("python.exe")
    } else {
        root.join(".venv").join("bin").join("python")
    };
    assert!(
        python.exists(),
        "{} is missing: this test needs psrpcore in a project-local venv. Run, in {}:\n  \
         python3 -m venv .venv && .venv/bin/pip install psrpcore==0.3.1\n  \
         (Windows: py -3 -m venv .venv && .venv\\Scripts\\pip install psrpcore==0.3.1)",
        python.display(),
        root.display()
    );
    python
}

fn fixtures() -> PathBuf {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared").join("fixtures");
        if candidate.is_dir() {
            return candidate;
        }
        assert!(dir.pop(), "no shared/fixtures directory above {}", env!("CARGO_MANIFEST_DIR"));
    }
}

// ---- the canonical form (see scripts/psrpcore_clixml.py) ----

fn strip_types(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            let mut n = n.as_str();
            while let Some(rest) = n.strip_prefix("Deserialized.") {
                n = rest;
            }
            n.to_string()
        })
        .collect()
}

/// Days from 0001-01-01 to y-m-d (proleptic Gregorian).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let civil = |y: i64, m: i64, d: i64| {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe
    };
    civil(y, m, d) - civil(1, 1, 1)
}

fn fraction_ticks(f: &str) -> i64 {
    let padded = format!("{f:0<7}");
    padded[..7].parse().unwrap()
}

/// `YYYY-MM-DDTHH:MM:SS[.fffffff][Z|±HH:MM]` → [wall-clock ticks, offset minutes or null].
fn datetime(text: &str) -> Value {
    let n = |r: std::ops::Range<usize>| text[r].parse::<i64>().unwrap();
    let (y, mo, d, h, mi, s) = (n(0..4), n(5..7), n(8..10), n(11..13), n(14..16), n(17..19));
    let mut rest = &text[19..];
    let mut ticks = days(y, mo, d) * 864_000_000_000 + (h * 3600 + mi * 60 + s) * 10_000_000;
    if let Some(frac) = rest.strip_prefix('.') {
        let end = frac.find(|c: char| !c.is_ascii_digit()).unwrap_or(frac.len());
        ticks += fraction_ticks(&frac[..end]);
        rest = &frac[end..];
    }
    let offset = match rest {
        "" => Value::Null,
        "Z" => json!(0),
        _ => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            json!(sign * (rest[1..3].parse::<i64>().unwrap() * 60 + rest[4..6].parse::<i64>().unwrap()))
        }
    };
    json!([ticks, offset])
}

/// xs:duration as .NET writes it (`-P1DT2H3M4.5S`) → ticks.
fn duration(text: &str) -> i64 {
    let (sign, body) = text.strip_prefix('-').map_or((1, text), |b| (-1, b));
    let body = body.strip_prefix('P').unwrap();
    let (date, time) = body.split_once('T').unwrap_or((body, ""));
    let mut ticks = 0i64;
    if let Some(d) = date.strip_suffix('D') {
        ticks += d.parse::<i64>().unwrap() * 864_000_000_000;
    }
    let mut num = String::new();
    for c in time.chars() {
        match c {
            'H' => ticks += num.parse::<i64>().unwrap() * 36_000_000_000,
            'M' => ticks += num.parse::<i64>().unwrap() * 600_000_000,
            'S' => {
                let (whole, frac) = num.split_once('.').unwrap_or((&num, ""));
                ticks += whole.parse::<i64>().unwrap_or(0) * 10_000_000 + fraction_ticks(frac);
            }
            _ => {
                num.push(c);
                continue;
            }
        }
        num.clear();
    }
    sign * ticks
}

fn decimal(text: &str) -> String {
    let t = text.trim();
    let (neg, t) = t.strip_prefix('-').map_or((false, t.strip_prefix('+').unwrap_or(t)), |r| (true, r));
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    if int.is_empty() && frac.is_empty() {
        return "0".into();
    }
    let int = if int.is_empty() { "0" } else { int };
    let sign = if neg { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int}.{frac}") }
}

fn canon(v: &PsValue) -> Value {
    match v {
        PsValue::Null => Value::Null,
        PsValue::Bool(b) => json!({"B": b}),
        PsValue::String(s) => json!({"S": s}),
        PsValue::Utf16(u) => json!({"S16": u}),
        PsValue::Uri(s) => json!({"URI": s}),
        PsValue::Xml(s) => json!({"XD": s}),
        PsValue::ScriptBlock(s) => json!({"SBK": s}),
        PsValue::Char(c) => json!({"C": c}),
        PsValue::U8(n) => json!({"By": n.to_string()}),
        PsValue::I8(n) => json!({"SB": n.to_string()}),
        PsValue::U16(n) => json!({"U16": n.to_string()}),
        PsValue::I16(n) => json!({"I16": n.to_string()}),
        PsValue::U32(n) => json!({"U32": n.to_string()}),
        PsValue::I32(n) => json!({"I32": n.to_string()}),
        PsValue::U64(n) => json!({"U64": n.to_string()}),
        PsValue::I64(n) => json!({"I64": n.to_string()}),
        PsValue::Single(f) => json!({"Sg": f.to_bits()}),
        PsValue::Double(f) => json!({"Db": f.to_bits()}),
        PsValue::Decimal(d) => json!({"D": decimal(d)}),
        PsValue::Guid(g) => json!({"G": g.to_string()}),
        PsValue::Version(s) => json!({"Version": s}),
        PsValue::Bytes(b) => {
            use base64::Engine as _;
            json!({"BA": base64::engine::general_purpose::STANDARD.encode(b)})
        }
        PsValue::DateTime(s) => json!({"DT": datetime(s)}),
        PsValue::Duration(s) => json!({"TS": duration(s)}),
        PsValue::SecureString(_) => panic!("SecureStrings are not part of the comparison"),
        PsValue::Object(o) => {
            let props = |p: &[Property]| p.iter().map(|p| json!([p.name, canon(&p.value)])).collect::<Vec<_>>();
            let items = |v: &[PsValue]| v.iter().map(canon).collect::<Vec<_>>();
            let container = match &o.container {
                None => Value::Null,
                Some(Container::List(v)) => json!({"LST": items(v)}),
                Some(Container::Enumerable(v)) => json!({"IE": items(v)}),
                Some(Container::Stack(v)) => json!({"STK": items(v)}),
                Some(Container::Queue(v)) => json!({"QUE": items(v)}),
                Some(Container::Dictionary(v)) => {
                    json!({"DCT": v.iter().map(|(k, x)| json!([canon(k), canon(x)])).collect::<Vec<_>>()})
                }
            };
            json!({"Obj": {
                "types": strip_types(&o.type_names),
                "tostring": o.to_string,
                "base": o.base.as_ref().map(canon),
                "adapted": props(&o.adapted),
                "extended": props(&o.extended),
                "container": container,
            }})
        }
    }
}

/// The path to the first difference, for a readable failure.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let Some(w) = y.get(k) else { return Some(format!("{path}.{k}: missing on psrpcore's side")) };
                if let Some(d) = first_difference(v, w, format!("{path}.{k}")) {
                    return Some(d);
                }
            }
            y.keys().find(|k| !x.contains_key(*k)).map(|k| format!("{path}.{k}: only on psrpcore's side"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(v, w, format!("{path}[{i}]")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{path}: {} items here, {} in psrpcore", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{path}: ours {a}, psrpcore {b}")),
    }
}

// ---- the generated set ----

fn enum_value(type_name: &str, n: i32, name: &str) -> PsValue {
    PsObject {
        to_string: Some(name.into()),
        base: Some(PsValue::I32(n)),
        ..PsObject::with_types([type_name, "System.Enum", "System.ValueType", "System.Object"])
    }
    .into()
}

fn generated() -> Vec<(String, PsValue)> {
    let mut out: Vec<(String, PsValue)> = vec![
        ("null".into(), PsValue::Null),
        ("empty string".into(), "".into()),
        ("plain".into(), "Shared Mailbox – Zürich".into()),
        ("crlf tab controls".into(), "line\r\nbreak\ttab\u{1}\u{7F}\u{85}".into()),
        ("literal escape text".into(), "_x0041_ and _X and trailing _".into()),
        ("xml specials".into(), "<a href=\"x\">&amp;</a> 'q'".into()),
        ("supplementary".into(), "emoji 😀 𝄞".into()),
        ("lone surrogate".into(), PsValue::Utf16(vec![0x41, 0xD800, 0x42])),
        ("char".into(), PsValue::Char(0x263A)),
        ("true".into(), true.into()),
        ("false".into(), false.into()),
        ("datetime offset".into(), PsValue::DateTime("2018-06-13T23:45:29.4583203+02:00".into())),
        ("datetime utc".into(), PsValue::DateTime("2021-10-06T19:24:05Z".into())),
        ("datetime local".into(), PsValue::DateTime("2024-02-29T00:00:00".into())),
        ("duration".into(), PsValue::Duration("PT9.0269026S".into())),
        ("duration days".into(), PsValue::Duration("P14DT2H3M4S".into())),
        ("duration negative".into(), PsValue::Duration("-PT0.5S".into())),
        ("u8".into(), PsValue::U8(255)),
        ("i8".into(), PsValue::I8(-128)),
        ("u16".into(), PsValue::U16(65535)),
        ("i16".into(), PsValue::I16(-32768)),
        ("u32".into(), PsValue::U32(u32::MAX)),
        ("i32".into(), PsValue::I32(i32::MIN)),
        ("u64".into(), PsValue::U64(u64::MAX)),
        ("i64".into(), PsValue::I64(i64::MIN)),
        ("single".into(), PsValue::Single(0.1)),
        ("single big".into(), PsValue::Single(3.4e38)),
        ("double".into(), PsValue::Double(0.25)),
        ("double tiny".into(), PsValue::Double(1.5e-300)),
        ("double big".into(), PsValue::Double(1e300)),
        ("double inf".into(), PsValue::Double(f64::INFINITY)),
        ("decimal".into(), PsValue::Decimal("79228162514264337593543950335".into())),
        ("decimal fraction".into(), PsValue::Decimal("-1.50".into())),
        ("bytes".into(), PsValue::Bytes((0..=255).collect())),
        ("empty bytes".into(), PsValue::Bytes(Vec::new())),
        ("guid".into(), PsValue::Guid("7ab70c6f-cd14-48f8-aa12-9debc29d1275".parse().unwrap())),
        ("uri".into(), PsValue::Uri("http://ex1.contoso.com/PowerShell/?SerializationLevel=Full".into())),
        ("version".into(), PsValue::Version("15.1.2375.7".into())),
        ("xml document".into(), PsValue::Xml("<root a=\"1\">text\n</root>".into())),
        ("script block".into(), PsValue::ScriptBlock("param($x)\r\n$x | Get-Mailbox".into())),
        (
            "enum".into(),
            enum_value("Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails", 2, "SharedMailbox"),
        ),
        ("flags enum".into(), enum_value("Contoso.Flags", 3, "A, B")),
    ];
    let addresses =
        PsValue::list(vec!["SMTP:alice@contoso.com".into(), "smtp:alice@contoso.mail.onmicrosoft.com".into()]);
    let shared = Arc::new(PsObject::with_types(["Contoso.Shared", "System.Object"]).note("Id", 7));
    let mut mailbox = PsObject::with_types([
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox",
        "Deserialized.System.Object",
    ]);
    mailbox.to_string = Some("Alice".into());
    mailbox.adapted.push(Property { name: "Adapted_x_name".into(), value: PsValue::I64(42) });
    let mut mailbox = mailbox
        .note("Name", "Alice")
        .note("EmailAddresses", addresses)
        .note("RecipientTypeDetails", enum_value("Contoso.RecipientTypeDetails", 4, "SharedMailbox"))
        .note("ProhibitSendQuota", "99 GB (106,300,440,576 bytes)")
        .note("Nothing", PsValue::Null)
        .note("A", PsValue::Object(shared.clone()))
        .note("B", PsValue::Object(shared));
    mailbox.set("Guid", PsValue::Guid(uuid::Uuid::from_u128(0x1234)));
    out.push(("mailbox-like".into(), mailbox.into()));
    let dict = PsObject {
        container: Some(Container::Dictionary(vec![
            ("key".into(), PsValue::I32(1)),
            (PsValue::I32(2), PsValue::list(vec![PsValue::Null, "x".into()])),
        ])),
        ..PsObject::with_types(["System.Collections.Hashtable", "System.Object"])
    };
    out.push(("dictionary".into(), dict.into()));
    for (name, container) in [
        ("stack", Container::Stack(vec!["top".into(), "bottom".into()])),
        ("queue", Container::Queue(vec![PsValue::I32(1), PsValue::I32(2)])),
        ("enumerable", Container::Enumerable(vec![PsValue::Bool(true)])),
        ("empty list", Container::List(Vec::new())),
    ] {
        let o =
            PsObject { container: Some(container), ..PsObject::with_types(["Contoso.Collection", "System.Object"]) };
        out.push((name.into(), o.into()));
    }
    let nested = PsValue::list(vec![PsValue::list(vec![PsValue::list(vec!["deep".into()])])]);
    out.push(("nested lists".into(), nested));
    let wrapped_string = PsObject {
        to_string: Some("wrapped".into()),
        base: Some("wrapped".into()),
        ..PsObject::with_types(["Contoso.Tagged", "System.String", "System.Object"])
    }
    .note("Tag", "t");
    out.push(("string with notes".into(), wrapped_string.into()));
    let progress = clixml::from_str(
        "<PR><AV>Copying</AV><AI>3</AI><S>item _x0031_</S><PI>-1</PI><PC>40</PC><T>Processing</T><SR>12</SR><SD>Working</SD></PR>",
        &Limits::default(),
    )
    .unwrap();
    out.push(("progress record".into(), progress));
    out
}

#[test]
fn psrpcore_reads_what_we_write_as_we_read_it() {
    let python = venv_python();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts").join("psrpcore_clixml.py");
    let limits = Limits::default();
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    let fixture_docs: Vec<_> = std::fs::read_dir(fixtures().join("clixml"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    assert_eq!(fixture_docs.len(), 8, "the CLIXML fixtures: {fixture_docs:?}");
    for path in &fixture_docs {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let values = clixml::from_document(&std::fs::read_to_string(path).unwrap(), &limits).unwrap();
        let doc = clixml::to_document(&values).unwrap();
        cases.push(
            json!({"name": format!("{name} (document)"), "document": true, "xml": doc.trim_start_matches('\u{FEFF}')}),
        );
        ours.push(Value::Array(values.iter().map(canon).collect()));
        for (i, v) in values.iter().enumerate() {
            cases
                .push(json!({"name": format!("{name} #{i}"), "document": false, "xml": clixml::to_string(v).unwrap()}));
            ours.push(canon(v));
        }
    }
    for (name, v) in generated() {
        cases.push(json!({"name": name, "document": false, "xml": clixml::to_string(&v).unwrap()}));
        ours.push(canon(&v));
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("cases.json");
    std::fs::write(&input, serde_json::to_vec(&cases).unwrap()).unwrap();
    let output = Command::new(&python).arg(&script).arg("canon").arg(&input).output().unwrap();
    assert!(output.status.success(), "psrpcore helper failed: {}", String::from_utf8_lossy(&output.stderr));
    let theirs: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(theirs.len(), cases.len());
    let mut failures = Vec::new();
    for ((case, mine), their) in cases.iter().zip(&ours).zip(&theirs) {
        let name = case["name"].as_str().unwrap();
        if their["ok"] != json!(true) {
            failures.push(format!("{name}: psrpcore could not read it: {}", their["error"]));
        } else if let Some(d) = first_difference(mine, &their["value"], String::new()) {
            failures.push(format!("{name}: {d}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
    assert!(cases.len() > 60, "only {} cases", cases.len());
}
