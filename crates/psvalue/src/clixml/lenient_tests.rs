//! Inputs PowerShell's deserializer accepts and a strict reader would refuse, in the shapes real exports and
//! Windows PowerShell 5.1 servers write them.

use super::*;
use crate::object::PsObject;

fn doc(body: &str) -> String {
    format!("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">{body}</Objs>")
}

fn object(v: &PsValue) -> &PsObject {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v:?}"))
}

#[test]
fn an_obj_directly_inside_an_obj_is_its_base_object() {
    // A WSMan configuration item as Windows PowerShell 5.1 writes it: the object wraps another object.
    let xml = r#"<Obj RefId="0"><TN RefId="0"><T>Microsoft.WSMan.Management.WSManConfigLeafElement</T><T>Microsoft.WSMan.Management.WSManConfigElement</T><T>System.Object</T></TN><ToString>Microsoft.WSMan.Management.WSManConfigLeafElement</ToString><Obj RefId="1"><TN RefId="1"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><S N="Name">MaxEnvelopeSizekb</S></MS></Obj><MS><S N="Value">500</S><S N="Type">System.String</S></MS></Obj>"#;
    let v = from_str(xml, &Limits::default()).unwrap();
    let o = object(&v);
    assert_eq!(o.type_names[0], "Microsoft.WSMan.Management.WSManConfigLeafElement");
    assert_eq!(o.get("Value").and_then(PsValue::as_str), Some("500"));
    let base = object(o.base.as_ref().expect("the inner <Obj> is the base"));
    assert_eq!(base.get("Name").and_then(PsValue::as_str), Some("MaxEnvelopeSizekb"));
    // Still one wrapped value per object.
    let two = xml.replace("<MS><S N=\"Value\">", "<I32>1</I32><MS><S N=\"Value\">");
    assert!(from_str(&two, &Limits::default()).is_err());
}

#[test]
fn a_ref_to_an_object_still_being_read_becomes_a_shallow_copy() {
    // PSDriveInfo.Provider.Drives points back at the drive being read.
    let xml = doc(
        r#"<Obj RefId="0"><TN RefId="0"><T>System.Management.Automation.PSDriveInfo</T><T>System.Object</T></TN><ToString>C</ToString><Props><S N="Name">C</S><Obj N="Provider" RefId="1"><TN RefId="1"><T>System.Management.Automation.ProviderInfo</T><T>System.Object</T></TN><ToString>Microsoft.PowerShell.Core\FileSystem</ToString><Props><Obj N="Drives" RefId="2"><TN RefId="2"><T>System.Collections.ObjectModel.Collection`1[[System.Management.Automation.PSDriveInfo]]</T><T>System.Object</T></TN><LST><Ref RefId="0" /></LST></Obj></Props></Obj></Props></Obj>"#,
    );
    let values = from_document(&xml, &Limits::default()).unwrap();
    let drive = object(&values[0]);
    let drives = object(object(drive.get("Provider").unwrap()).get("Drives").unwrap());
    let back = object(&drives.container.as_ref().unwrap().items().unwrap()[0]);
    assert_eq!(back.type_names, drive.type_names);
    assert_eq!(back.to_string.as_deref(), Some("C"));
    assert!(back.adapted.is_empty());
}

#[test]
fn a_duplicate_ref_id_refers_to_the_later_object() {
    let xml = r#"<Obj RefId="0"><LST><Obj RefId="1"><ToString>first</ToString></Obj><Obj RefId="1"><ToString>second</ToString></Obj><Ref RefId="1" /></LST></Obj>"#;
    let v = from_str(xml, &Limits::default()).unwrap();
    let items = v.items().unwrap();
    assert_eq!(object(&items[0]).to_string.as_deref(), Some("first"));
    assert_eq!(object(&items[2]).to_string.as_deref(), Some("second"));
    let tn = r#"<Obj RefId="0"><LST><Obj RefId="1"><TN RefId="0"><T>A</T></TN></Obj><Obj RefId="2"><TN RefId="0"><T>B</T></TN></Obj><Obj RefId="3"><TNRef RefId="0" /></Obj></LST></Obj>"#;
    let v = from_str(tn, &Limits::default()).unwrap();
    assert_eq!(object(&v.items().unwrap()[2]).type_names, ["B"]);
}

#[test]
fn a_pscredential_export_keeps_its_dpapi_password_opaque() {
    // `Get-Credential | Export-Clixml` on Windows: the password is DPAPI-protected hex, readable only there.
    let protected = "01000000d08c9ddf0115d1118c7a00c04fc297eb01000000e4a0c1b6a1f1d54cbb0e0a0e4f3e1c2b00000000020000000000106600000001000020000000";
    let xml = format!(
        "\u{FEFF}<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\r\n  <Obj RefId=\"0\">\r\n    <TN RefId=\"0\">\r\n      <T>System.Management.Automation.PSCredential</T>\r\n      <T>System.Object</T>\r\n    </TN>\r\n    <ToString>System.Management.Automation.PSCredential</ToString>\r\n    <Props>\r\n      <S N=\"UserName\">CONTOSO\\admin</S>\r\n      <SS N=\"Password\">{protected}</SS>\r\n    </Props>\r\n  </Obj>\r\n</Objs>"
    );
    let values = from_document(&xml, &Limits::default()).unwrap();
    let cred = object(&values[0]);
    assert_eq!(cred.get("UserName").and_then(PsValue::as_str), Some("CONTOSO\\admin"));
    let password = object(cred.get("Password").unwrap());
    assert_eq!(password.type_names[0], "System.Security.SecureString");
    assert_eq!(password.get(PROTECTED_TEXT).and_then(PsValue::as_str), Some(protected));
    // A message body still needs the session key for <SS>: there it is a protocol error, not an export.
    assert!(matches!(
        from_str("<SS>AAAA</SS>", &Limits::default()),
        Err(ClixmlError::SecureStringWithoutCipher { .. })
    ));
}

#[test]
fn limits_still_hold_for_lenient_input() {
    // A chain of shallow copies still counts against the value budget.
    let xml = r#"<Obj RefId="0"><LST><Ref RefId="0" /><Ref RefId="0" /><Ref RefId="0" /></LST></Obj>"#;
    let limits = Limits { max_objects: 3, ..Limits::default() };
    let err = from_str(xml, &limits).unwrap_err();
    assert!(matches!(err, ClixmlError::LimitExceeded { .. }), "{err}");
    assert!(from_str(xml, &Limits::default()).is_ok());
}
