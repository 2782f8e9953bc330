#!/usr/bin/env python3
"""psrpcore (0.3.1) as an independent CLIXML reader for mbxctl's tests and benchmark.

Usage:
    psrpcore_clixml.py canon CASES.json   -> prints a JSON list, one canonical value per case
    psrpcore_clixml.py bench FILE [RUNS]  -> deserializes an Export-Clixml FILE, prints timings

CASES.json is a list of {"name": str, "xml": str, "document": bool}. A document is an <Objs>
file (psrpcore's deserialize_clixml); otherwise the xml is one message element (deserialize).

The canonical form is what tests/clixml_psrpcore.rs computes from mbxctl's own PsValue, so the
two readers can be compared value by value:
  null; {"B": bool}; {"S": str} or {"S16": [utf-16 units]} (also URI/XD/SBK); {"C": n};
  integers {"I32": "n"} (By SB U16 I16 U32 I32 U64 I64); {"Sg": f32 bits}; {"Db": f64 bits};
  {"D": normalized decimal}; {"G": guid}; {"Version": text}; {"BA": base64};
  {"DT": [wall-clock ticks, utc offset minutes or null]}; {"TS": ticks};
  {"Obj": {"types", "tostring", "base", "adapted", "extended", "container"}}.
Type names are compared without "Deserialized." prefixes: psrpcore adds one to every type it
cannot rehydrate, as PowerShell does.
"""

import base64
import datetime
import decimal
import enum
import json
import queue
import struct
import sys
import time
import uuid
from xml.etree import ElementTree

from psrpcore.types import (
    PSByte,
    PSByteArray,
    PSChar,
    PSDateTime,
    PSDecimal,
    PSDouble,
    PSDuration,
    PSGuid,
    PSInt,
    PSInt16,
    PSInt64,
    PSIEnumerable,
    PSObject,
    PSQueue,
    PSSByte,
    PSScriptBlock,
    PSSingle,
    PSStack,
    PSString,
    PSUInt,
    PSUInt16,
    PSUInt64,
    PSUri,
    PSVersion,
    PSXml,
    deserialize,
    deserialize_clixml,
)
from psrpcore.types._collection import PSDictBase, PSListBase, PSQueueBase, PSStackBase
from psrpcore.types._complex import ProgressRecord
from psrpcore.types._primitive import _timedelta_total_nanoseconds

INTEGERS = [
    (PSByte, "By"),
    (PSSByte, "SB"),
    (PSUInt16, "U16"),
    (PSInt16, "I16"),
    (PSUInt, "U32"),
    (PSInt64, "I64"),
    (PSUInt64, "U64"),
    (PSInt, "I32"),
]
STRINGS = [(PSUri, "URI"), (PSXml, "XD"), (PSScriptBlock, "SBK"), (PSString, "S")]
PRIMITIVE_CLASSES = tuple(
    [c for c, _ in INTEGERS]
    + [c for c, _ in STRINGS]
    + [PSChar, PSSingle, PSDouble, PSDecimal, PSGuid, PSVersion, PSByteArray, PSDateTime, PSDuration]
)
DOTNET_EPOCH = datetime.datetime(1, 1, 1)


def strip_types(names):
    out = []
    for n in names or []:
        while n.startswith("Deserialized."):
            n = n[len("Deserialized.") :]
        out.append(n)
    return out


def text(tag, s):
    try:
        s.encode("utf-8")
        return {tag: str(s)}
    except UnicodeEncodeError:
        raw = s.encode("utf-16-le", "surrogatepass")
        return {tag + "16": list(struct.unpack("<%dH" % (len(raw) // 2), raw))}


def decimal_text(d):
    d = decimal.Decimal(d)
    if d == 0:
        return "0"
    # The default context (28 digits) would round decimal.MaxValue's 29 digits.
    return format(decimal.Context(prec=64).normalize(d), "f")


def primitive(v):
    if isinstance(v, PSChar):
        return {"C": int(v)}
    for cls, tag in INTEGERS:
        if isinstance(v, cls):
            return {tag: str(int(v))}
    for cls, tag in STRINGS:
        if isinstance(v, cls):
            return text(tag, v)
    if isinstance(v, PSSingle):
        return {"Sg": struct.unpack("<I", struct.pack("<f", float(v)))[0]}
    if isinstance(v, PSDouble):
        return {"Db": struct.unpack("<Q", struct.pack("<d", float(v)))[0]}
    if isinstance(v, PSDecimal):
        return {"D": decimal_text(v)}
    if isinstance(v, (PSGuid, uuid.UUID)):
        return {"G": str(v)}
    if isinstance(v, PSVersion):
        return {"Version": str(v)}
    if isinstance(v, (PSByteArray, bytes)):
        return {"BA": base64.b64encode(bytes(v)).decode()}
    if isinstance(v, PSDateTime):
        naive = datetime.datetime(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond)
        ticks = _timedelta_total_nanoseconds(naive - DOTNET_EPOCH) // 100 + (getattr(v, "nanosecond", 0) or 0) // 100
        offset = v.utcoffset()
        return {"DT": [ticks, None if offset is None else int(offset.total_seconds() // 60)]}
    if isinstance(v, PSDuration):
        return {"TS": _timedelta_total_nanoseconds(v) // 100}
    raise TypeError("unsupported primitive %r" % type(v))


def default_types(v):
    return list(type(v).PSObject.type_names) if hasattr(type(v), "PSObject") else []


def explicit_to_string(meta):
    # The ToString that came over the wire; the public property falls back to str(value).
    return getattr(meta, "_to_string", None)


def is_wrapped(v):
    meta = v.PSObject
    return (
        explicit_to_string(meta) is not None
        or bool(meta.adapted_properties)
        or bool(meta.extended_properties)
        or list(meta.type_names) != default_types(v)
    )


def props(v, kind):
    return [[p.name, canon(p.get_value(v))] for p in getattr(v.PSObject, kind)]


def progress_record(v):
    kind = v.RecordType.name if isinstance(v.RecordType, enum.Enum) else str(v.RecordType)
    fields = [
        ("Activity", text("S", v.Activity)),
        ("ActivityId", {"I32": str(int(v.ActivityId))}),
        ("CurrentOperation", None if v.CurrentOperation is None else text("S", v.CurrentOperation)),
        ("ParentActivityId", {"I32": str(int(v.ParentActivityId))}),
        ("PercentComplete", {"I32": str(int(v.PercentComplete))}),
        ("RecordType", {"S": kind}),
        ("SecondsRemaining", {"I32": str(int(v.SecondsRemaining))}),
        ("StatusDescription", text("S", v.StatusDescription)),
    ]
    return {
        "Obj": {
            "types": ["System.Management.Automation.ProgressRecord", "System.Object"],
            "tostring": None,
            "base": None,
            "adapted": [[n, c] for n, c in fields],
            "extended": [],
            "container": None,
        }
    }


def canon(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return {"B": v}
    if isinstance(v, ProgressRecord):
        return progress_record(v)
    if isinstance(v, enum.Enum):
        raise TypeError("psrpcore rehydrated a registered enum (%s); keep such types out of the comparison" % type(v))
    if isinstance(v, PRIMITIVE_CLASSES) and not is_wrapped(v):
        return primitive(v)
    if not isinstance(v, PSObject):
        raise TypeError("unsupported value %r" % type(v))
    meta = v.PSObject
    base = primitive(v) if isinstance(v, PRIMITIVE_CLASSES) else None
    container = None
    if isinstance(v, PSDictBase):
        container = {"DCT": [[canon(k), canon(x)] for k, x in v.items()]}
    elif isinstance(v, PSQueueBase):
        container = {"QUE": [canon(x) for x in list(v.queue)]}
    elif isinstance(v, PSStackBase):
        container = {"STK": [canon(x) for x in v]}
    elif isinstance(v, PSIEnumerable):
        container = {"IE": [canon(x) for x in v]}
    elif isinstance(v, PSListBase):
        container = {"LST": [canon(x) for x in v]}
    return {
        "Obj": {
            "types": strip_types(meta.type_names),
            "tostring": explicit_to_string(meta),
            "base": base,
            "adapted": props(v, "adapted_properties"),
            "extended": props(v, "extended_properties"),
            "container": container,
        }
    }


def run_canon(path):
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    out = []
    for case in cases:
        try:
            if case["document"]:
                values = deserialize_clixml(case["xml"], None)
                value = [canon(x) for x in values]
            else:
                value = canon(deserialize(ElementTree.fromstring(case["xml"]), None))
            out.append({"name": case["name"], "ok": True, "value": value})
        except Exception as e:  # report, don't stop: the Rust test names the failing case
            out.append({"name": case["name"], "ok": False, "error": "%s: %s" % (type(e).__name__, e)})
    json.dump(out, sys.stdout, ensure_ascii=True)


def run_bench(path, runs):
    # newline="" keeps the CRLF bytes the Rust benchmark reads.
    with open(path, encoding="utf-8-sig", newline="") as f:
        xml = f.read()
    best = None
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        values = deserialize_clixml(xml, None)
        elapsed = time.perf_counter() - start
        count = len(values)
        best = elapsed if best is None else min(best, elapsed)
    print(json.dumps({"file": path, "bytes": len(xml.encode()), "objects": count, "runs": runs, "best_seconds": best}))


def main(argv):
    if len(argv) >= 3 and argv[1] == "canon":
        run_canon(argv[2])
    elif len(argv) >= 3 and argv[1] == "bench":
        run_bench(argv[2], int(argv[3]) if len(argv) > 3 else 3)
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
