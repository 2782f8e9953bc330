#!/usr/bin/env python3
"""Regenerates mbxctl's generated cmdlet catalogue from Microsoft's cmdlet reference.

Reads the cmdlet pages of the MicrosoftDocs/office-docs-powershell repository
(exchange/exchange-ps/ExchangePowerShell/*.md) straight from a git repository (bare or not), at a
given commit, and writes src/cmdlet/catalogue/generated.txt: every cmdlet with its parameter sets,
and every parameter with its type, aliases, position, pipeline binding, the sets it belongs to,
the sets where it is mandatory, and where it applies (Exchange Server versions, Exchange Online,
Security & Compliance). The format is described in docs/catalogue.md.

Python 3 standard library only; CI never runs this (it cannot reach GitHub), a maintainer does, and
commits the output:

    git clone --bare https://github.com/MicrosoftDocs/office-docs-powershell /tmp/odp
    python3 scripts/gen-catalogue.py --repo /tmp/odp --commit <sha>

Facts come from two places on each page, as Microsoft writes them:
  * the SYNTAX blocks (one per parameter set): which parameters each set has, and whether each is
    mandatory there (`-Name <T>` and `[-Name] <T>` are mandatory, `[-Name <T>]` and
    `[[-Name] <T>]` are not). A parameter's `Required:` line cannot say this per set.
  * each parameter's section: `> Applicable:` and the yaml block (`Type:`, `Parameter Sets:`,
    `Aliases:`, `Required:`, `Position:`, `Accept pipeline input:`).
Set membership is the union of both (the pages sometimes leave a parameter out of a SYNTAX block);
mandatory-ness comes from SYNTAX when the parameter appears in any SYNTAX block, else from
`Required:`. The type is the yaml's, unless a SYNTAX block shows it as a list (`<T[]>`).
"""

import argparse
import os
import re
import subprocess
import sys

FORMAT_VERSION = 2
REPOSITORY = "MicrosoftDocs/office-docs-powershell"
PAGES = "exchange/exchange-ps/ExchangePowerShell"

# Bits of the "applies" masks (kept in step with APPLIES_* in src/cmdlet/catalogue/generated.rs).
PRODUCTS = [
    ("Exchange Server 2010", 0x001),
    ("Exchange Server 2013", 0x002),
    ("Exchange Server 2016", 0x004),
    ("Exchange Server 2019", 0x008),
    ("Exchange Server SE", 0x010),
    ("Exchange Online", 0x020),
    ("Security & Compliance", 0x040),
    ("Exchange Online Protection", 0x080),
    ("Built-in security add-on for on-premises mailboxes", 0x100),
]
# A typo on one page; read as what it obviously means.
ALIASES_OF_PRODUCTS = {"Exchange Server SE Online Protection": 0x010 | 0x080}

PIPELINE = {"false": 0, "true (byvalue)": 1, "true (bypropertyname)": 2, "true (bypropertyname, byvalue)": 3,
            "true (byvalue, bypropertyname)": 3, "true": 4}


def fail(page, why):
    sys.exit(f"error: {page}: {why}")


def applies_mask(text, page):
    mask = 0
    for item in (s.strip() for s in text.split(",")):
        # One page repeats the label ("> Applicable: Applicable: ...").
        while item.startswith("Applicable:"):
            item = item[len("Applicable:"):].strip()
        if not item:
            continue
        bit = dict(PRODUCTS).get(item) or ALIASES_OF_PRODUCTS.get(item)
        if bit is None:
            fail(page, f"unknown product '{item}' in an Applicable line; add it to PRODUCTS")
        mask |= bit
    return mask


def clean(text):
    """One line, no tabs, no markdown emphasis or links."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("\t", " ")
    return " ".join(text.split())


def synopsis(lines, page):
    """The first sentence that says what the cmdlet does (not where it is available)."""
    for para in lines:
        para = clean(para)
        if not para or para.startswith("This cmdlet is") or para.startswith("For information about"):
            continue
        if para.startswith("Note:") or para.startswith("**Note"):
            continue
        m = re.match(r"(.+?\.)(\s|$)", para)
        return (m.group(1) if m else para)[:240]
    return ""


SYNTAX_PARAM = re.compile(r"(?:(?<=\s)|^)(\[*)-([A-Za-z][A-Za-z0-9_]*)(\]?)(\s*<[^>]*>)?")


def parse_syntax_block(text):
    """{lowercase parameter name: (name, mandatory)} of one SYNTAX block, in order."""
    out = {}
    for m in SYNTAX_PARAM.finditer(text):
        opens, name, close, value = m.group(1), m.group(2), m.group(3), m.group(4)
        if opens == "":
            mandatory = True  # -Name <T> or -Switch
        elif opens == "[" and close == "]" and value:
            mandatory = True  # [-Name] <T>: positional, mandatory
        else:
            mandatory = False  # [-Name <T>], [-Switch], [[-Name] <T>]
        # Keyed case-insensitively: a page may spell a name two ways (Enable-UMMailbox -PIN/-Pin),
        # and PowerShell does not tell them apart.
        out.setdefault(name.lower(), (name, mandatory))
    return out


def parse_page(text, page):
    lines = text.split("\n")
    lines = [l.rstrip("\r") for l in lines]
    front = {}
    i = 0
    if lines and lines[0] == "---":
        i = 1
        while i < len(lines) and lines[i] != "---":
            k, _, v = lines[i].partition(":")
            front[k.strip().lower()] = v.strip()
            i += 1
        i += 1
    name = front.get("title")
    sections = {}
    current = None
    for line in lines[i:]:
        if line.startswith("# ") and name is None:
            name = line[2:].strip()
        if line.startswith("## "):
            current = line[3:].strip().upper()
            sections[current] = []
            continue
        if current is not None:
            sections[current].append(line)
    if not name:
        fail(page, "no title")
    if "SYNTAX" not in sections or "PARAMETERS" not in sections:
        fail(page, "no SYNTAX or PARAMETERS section")
    page_applies = applies_mask(front.get("applicable", ""), page)

    # SYNTAX: (set name, is default, {param: mandatory})
    sets = []
    heading = None
    block = None
    for line in sections["SYNTAX"]:
        if line.startswith("### "):
            if block is not None:  # an unclosed block ends at the next heading
                sets.append([heading, " ".join(block)])
                block = None
            heading = line[4:].strip()
        elif line.strip().startswith("```"):  # Set-Mailbox indents one closing fence
            if block is None:
                block = []
            else:
                sets.append([heading, " ".join(block)])
                heading = None
                block = None
        elif block is not None:
            block.append(line)
    parsed_sets = []
    for heading, body in sets:
        default = False
        if heading and heading.endswith("(Default)"):
            default = True
            heading = heading[: -len("(Default)")].strip()
        body = body.strip()
        if body.lower().startswith(name.lower()):
            body = body[len(name):]
        parsed_sets.append([heading, default, parse_syntax_block(" " + body)])

    # PARAMETERS
    params = []  # dicts in page order
    by_name = {}
    cur = None
    in_yaml = False
    yaml = None
    for line in sections["PARAMETERS"]:
        if line.startswith("### "):
            title = line[4:].strip()
            if title == "CommonParameters" or not title.startswith("-"):
                cur = None
                continue
            pname = title[1:].strip()
            cur = by_name.get(pname.lower())
            if cur is None:
                cur = {"name": pname, "applies": None, "blocks": [], "text": []}
                by_name[pname.lower()] = cur
                params.append(cur)
            continue
        if cur is None:
            continue
        if not in_yaml and not cur["blocks"]:
            cur["text"].append(line)
        if line.startswith("> Applicable:"):
            cur["applies"] = applies_mask(line[len("> Applicable:"):], page)
        elif line.strip().startswith("```yaml"):
            in_yaml = True
            yaml = {}
        elif in_yaml and line.strip().startswith("```"):
            in_yaml = False
            cur["blocks"].append(yaml)
        elif in_yaml:
            k, _, v = line.partition(":")
            yaml[k.strip().lower()] = v.strip()

    # Set names. Pages with a single unnamed SYNTAX block name their one set in the yaml, if at all.
    if not parsed_sets:
        parsed_sets = [[None, False, {}]]
    if len(parsed_sets) == 1 and parsed_sets[0][0] is None:
        named = {s.strip() for p in params for b in p["blocks"] for s in b.get("parameter sets", "").split(",")}
        named.discard("(All)")
        named.discard("")
        parsed_sets[0][0] = named.pop() if len(named) == 1 else "Default"
    for n, s in enumerate(parsed_sets):
        if s[0] is None:
            s[0] = f"Set{n + 1}"
    set_names = []
    for s in parsed_sets:
        if s[0] not in set_names:
            set_names.append(s[0])
        else:  # a page repeating a heading: merge the two blocks
            idx = set_names.index(s[0])
            for k, v in s[2].items():
                parsed_sets[idx][2].setdefault(k, v)
    if len(set_names) > 64:
        fail(page, "more than 64 parameter sets")
    default = next((i for i, s in enumerate(parsed_sets) if s[1]), None)
    if default is None:
        default = set_names.index("Identity") if "Identity" in set_names else 0
    all_sets = (1 << len(set_names)) - 1

    # Parameters named only in SYNTAX still exist.
    syntax_only = []
    for s in parsed_sets:
        for key, (pname, _) in s[2].items():
            if key not in by_name:
                p = {"name": pname, "applies": None, "blocks": [], "text": []}
                by_name[key] = p
                syntax_only.append(p)
    params.extend(syntax_only)

    out_params = []
    for p in params:
        blocks = p["blocks"]
        type_name = ""
        aliases = []
        position = ""
        pipeline = 0
        yaml_sets = 0
        yaml_required = False
        for b in blocks:
            type_name = type_name or b.get("type", "").strip("<>").strip()
            for a in b.get("aliases", "").split(","):
                a = a.strip()
                if a and a not in aliases:
                    aliases.append(a)
            pos = b.get("position", "")
            if pos.isdigit() and position == "":
                position = pos
            pipe = b.get("accept pipeline input", "false").lower()
            pipeline = max(pipeline, PIPELINE.get(pipe, 0))
            yaml_required = yaml_required or b.get("required", "").lower() == "true"
            for s in b.get("parameter sets", "(All)").split(","):
                s = s.strip()
                if s == "(All)" or s == "":
                    yaml_sets |= all_sets
                elif s in set_names:
                    yaml_sets |= 1 << set_names.index(s)
        if not blocks:
            yaml_sets = 0
        in_syntax = 0
        mandatory = 0
        for idx, s in enumerate(parsed_sets):
            if p["name"].lower() in s[2]:
                in_syntax |= 1 << idx
                if s[2][p["name"].lower()][1]:
                    mandatory |= 1 << idx
        member = in_syntax | yaml_sets
        if member == 0:
            member = all_sets
        if yaml_required and in_syntax == 0:
            # Only the yaml knows it: its one `Required:` line speaks for every set. Where SYNTAX
            # shows the parameter, SYNTAX alone says where it is mandatory (a `Required: True`
            # there often means "in some set", e.g. Remove-MailboxPermission -ResetDefault).
            mandatory |= member
        # A set may take a list where the yaml's one `Type:` line names a single value
        # (Restore-RecoverableItems -Identity: `<T>` on-premises, `<T[]>` in Exchange Online):
        # the list type is the one that accepts both.
        if type_name and not type_name.endswith("[]"):
            for heading, body in sets:
                if re.search(r"-" + re.escape(p["name"]) + r"\]?\s*<" + re.escape(type_name) + r"\[\]>", body):
                    type_name += "[]"
                    break
        if not type_name:
            type_name = "SwitchParameter"
            # SYNTAX gives the type in angle brackets; find it there.
            for heading, body in sets:
                m = re.search(r"-" + re.escape(p["name"]) + r"\]?\s*<([^>]*)>", body)
                if m:
                    type_name = m.group(1)
                    break
        applies = p["applies"] if p["applies"] is not None else page_applies
        out_params.append({
            "name": p["name"], "type": type_name, "aliases": aliases, "position": position,
            "pipeline": pipeline, "applies": applies, "sets": member, "mandatory": mandatory,
            "values": listed_values(p["text"], type_name),
        })
    synopsis_text = synopsis(sections.get("SYNOPSIS", []), page)
    if page_applies == 0:
        page_applies = 0
        for p in out_params:
            page_applies |= p["applies"]
    return {
        "name": name, "applies": page_applies, "default": default, "sets": set_names,
        "synopsis": synopsis_text, "params": out_params,
    }


# Types whose values are not names from a fixed list: text, numbers, identities, sizes, times,
# addresses, paths, tables. A parameter of any other type is taken for an enum, and the names its
# description lists (below) are the values the page documents.
NOT_ENUM = re.compile(
    r"(String|string|Boolean|bool|SwitchParameter|MultiValuedProperty|MulitValuedProperty|Fqdn|Hostname|"
    r"Unlimited.*|U?Int(16|32|64)|int|long|Double|Decimal|Byte|.*IdParameter|.*Identity|.*Id|"
    r"EnhancedTimeSpan|TimeSpan|DateTime|ExDateTime|DateTimeOffset|Uri|SmtpAddress|SmtpDomain.*|Guid|"
    r"PswsHashtable|Hashtable|PSCredential|SecureString|.*Path|.*ByteQuantifiedSize|CultureInfo|"
    r"IPAddress|IPRange|IPAddressOrRange|ProxyAddress.*|HeaderName|Word|Pattern|Version|Stream|Object|"
    r"ScriptBlock|Schedule|.*Collection|.*Parameter|X509Certificate2|PSSessionOption|AsciiString|"
    r".*PresentationObject|.*AceObject|.*Template|.*Entry|Required)"
)
# The sentences that introduce a list of a parameter's valid values.
VALUES_INTRO = re.compile(
    r"(Valid values (are|for this parameter are|include)|The valid values are|You can use the following values|"
    r"The following individual permissions are available|The roles that are available|The following roles apply)"
)
VALUE_BULLET = re.compile(r"-\s+`?([A-Za-z][A-Za-z0-9_]*(?:,[A-Za-z][A-Za-z0-9_]*)*)`?(?:\s*\[sic\])?(?=$|:|\s+\(|\s+-\s)")


def listed_values(text_lines, type_name):
    """The names a parameter's description lists as its valid values, for enum-typed parameters.

    Only a clean list counts: the bullets right after a sentence such as "Valid values are:",
    each a bare name (`- Enabled: ...`, `- All (this is the default value)`). A list with any
    other bullet (an example address, a range, a sentence) is not a value list, and nothing is
    recorded. mbxctl reports a value outside the list as a warning, not an error: pages sometimes
    list only the values that matter for the cmdlet.
    """
    element = type_name.strip().strip("<>").removesuffix("[]").split(".")[-1]
    if not element or NOT_ENUM.fullmatch(element):
        return []
    values = []
    collecting = False  # after an introducing sentence
    in_bullets = False
    for line in text_lines:
        s = line.strip()
        if not collecting:
            if VALUES_INTRO.search(s) and s.endswith(":"):
                collecting, in_bullets = True, False
            continue
        if s.startswith("- "):
            m = VALUE_BULLET.match(s)
            if not m:
                return []
            for v in m.group(1).split(","):
                if v not in values:
                    values.append(v)
            in_bullets = True
        elif s == "":
            continue
        elif in_bullets:
            collecting = False
            # A second list (folder permissions, then roles) may follow its own introduction.
            if VALUES_INTRO.search(s) and s.endswith(":"):
                collecting, in_bullets = True, False
        else:
            return []
    return values


def read_pages(repo, commit):
    """(path, text) of every cmdlet page at the commit, read with git cat-file."""
    listing = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", commit, PAGES + "/"],
                             check=True, capture_output=True, text=True).stdout.split()
    paths = [p for p in listing if p.endswith(".md") and os.path.basename(p) != "ExchangePowerShell.md"]
    proc = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    out = []
    for path in paths:
        proc.stdin.write(f"{commit}:{path}\n".encode())
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        size = int(header[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        out.append((path, data.decode("utf-8-sig")))
    proc.stdin.close()
    proc.wait()
    return out


def hexs(n):
    return format(n, "x")


def render(cmdlets, commit):
    types = sorted({p["type"] for c in cmdlets for p in c["params"]})
    type_index = {t: i for i, t in enumerate(types)}
    records = []
    for c in sorted(cmdlets, key=lambda c: c["name"].lower()):
        lines = ["\t".join(["C", c["name"], hexs(c["applies"]), str(c["default"]), ";".join(c["sets"]),
                            c["synopsis"]])]
        for p in c["params"]:
            lines.append("\t".join(["P", p["name"], str(type_index[p["type"]]), ",".join(p["aliases"]),
                                    p["position"], str(p["pipeline"]), hexs(p["applies"]), hexs(p["sets"]),
                                    hexs(p["mandatory"]), ",".join(p["values"])]))
        records.append((c, "\n".join(lines) + "\n"))
    head = [f"mbxctl-catalogue\t{FORMAT_VERSION}", f"source\t{REPOSITORY}\t{commit}\t{PAGES}",
            f"types\t{len(types)}"]
    head.extend(types)
    head.append(f"index\t{len(records)}")
    offset = 0
    for c, rec in records:
        head.append("\t".join([c["name"], hexs(c["applies"]), str(offset), str(len(rec.encode()))]))
        offset += len(rec.encode())
    head.append("data")
    return "\n".join(head) + "\n" + "".join(r for _, r in records)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", required=True, help="a clone (bare is fine) of " + REPOSITORY)
    ap.add_argument("--commit", default="HEAD", help="the commit to read (default HEAD)")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "src", "cmdlet", "catalogue", "generated.txt"))
    args = ap.parse_args()
    commit = subprocess.run(["git", "-C", args.repo, "rev-parse", args.commit + "^{commit}"], check=True,
                            capture_output=True, text=True).stdout.strip()
    cmdlets = []
    seen = set()
    for path, text in read_pages(args.repo, commit):
        c = parse_page(text, path)
        if c["name"].lower() in seen:
            fail(path, f"{c['name']} is described twice")
        seen.add(c["name"].lower())
        cmdlets.append(c)
    data = render(cmdlets, commit)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    print(f"{len(cmdlets)} cmdlets, {sum(len(c['params']) for c in cmdlets)} parameters, "
          f"{len(data.encode())} bytes -> {args.out} (source {REPOSITORY}@{commit})")


if __name__ == "__main__":
    main()
