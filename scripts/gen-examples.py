#!/usr/bin/env python3
"""Extracts every EXAMPLES code block of Microsoft's Exchange cmdlet pages into tests/data/ms-examples.

Reads the cmdlet pages of the MicrosoftDocs/office-docs-powershell repository
(exchange/exchange-ps/ExchangePowerShell/*.md) from a git repository (bare or not) at one commit,
by default the commit src/cmdlet/catalogue/generated.txt records (so the examples and the
catalogue describe the same pages), and writes one file per page that has examples:

    tests/data/ms-examples/<Cmdlet>.ps1

Each code block of the page's `## EXAMPLES` section is written as it stands, after a comment line
naming its heading (`# Example 1`). tests/validate_examples.rs cuts the file at those lines and
runs `validate` on each block on its own (a slip in one example must not spill into the next),
comparing the errors with the judged list in tests/data/ms-examples.expected.

The code in that repository is MIT-licensed (its LICENSE-CODE); the script writes the notice and
the source commit into tests/data/ms-examples/README.md.

Python 3 standard library only. CI never runs this (it cannot reach GitHub); a maintainer does,
after regenerating the catalogue, and commits the output:

    python3 scripts/gen-examples.py --repo /tmp/odp
"""

import argparse
import os
import re
import subprocess
import sys

REPOSITORY = "MicrosoftDocs/office-docs-powershell"
PAGES = "exchange/exchange-ps/ExchangePowerShell"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
CATALOGUE = os.path.join(ROOT, "src", "cmdlet", "catalogue", "generated.txt")
# The marker the test cuts blocks at. A page's own comment never starts with it: checked below.
MARKER = "# Example "


def git(repo, *args, binary=False):
    out = subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout
    return out if binary else out.decode("utf-8")


def catalogue_commit():
    """The commit the committed catalogue was generated from (second line of generated.txt)."""
    with open(CATALOGUE, encoding="utf-8") as f:
        f.readline()
        fields = f.readline().rstrip("\n").split("\t")
    if len(fields) < 3 or fields[0] != "source":
        sys.exit(f"error: {CATALOGUE}: no source line; regenerate it with scripts/gen-catalogue.py")
    return fields[2]


def examples(text, page):
    """[(heading, [lines])] of the code blocks under `## EXAMPLES`, in page order."""
    lines = [l.rstrip("\r") for l in text.split("\n")]
    out = []
    in_examples = False
    heading = None
    block = None
    lang = ""
    n = 0
    for line in lines:
        if block is None and line.startswith("## "):
            in_examples = line[3:].strip().upper() == "EXAMPLES"
            continue
        if not in_examples:
            continue
        if block is None and line.startswith("### "):
            heading = line[4:].strip()
            n = 0
            continue
        fence = line.strip().startswith("```")
        if block is None and fence:
            lang = line.strip()[3:].strip().lower()
            block = []
        elif block is not None and fence:
            # Only PowerShell (or unlabelled) blocks are scripts; none of the pages has another
            # language under EXAMPLES today, but output listings would not be PowerShell.
            if lang in ("", "powershell", "ps", "pwsh"):
                n += 1
                name = heading or "(no heading)"
                if n > 1:
                    name += f" (block {n})"
                out.append((name, block))
            block = None
        elif block is not None:
            if line.startswith(MARKER):
                sys.exit(f"error: {page}: an example line starts with '{MARKER}', the block marker")
            block.append(line)
    if block is not None:
        sys.exit(f"error: {page}: an EXAMPLES code block is not closed")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", required=True, help="a clone (bare is fine) of " + REPOSITORY)
    ap.add_argument("--commit", default=None, help="the commit to read (default: the catalogue's)")
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "ms-examples"))
    args = ap.parse_args()
    commit = git(args.repo, "rev-parse", (args.commit or catalogue_commit()) + "^{commit}").strip()
    listing = git(args.repo, "ls-tree", "-r", "--name-only", commit, PAGES + "/").split()
    paths = sorted(p for p in listing if p.endswith(".md") and os.path.basename(p) != "ExchangePowerShell.md")
    licence = git(args.repo, "show", f"{commit}:LICENSE-CODE")

    os.makedirs(args.out, exist_ok=True)
    written = set()
    blocks = commands = 0
    for path in paths:
        text = git(args.repo, "show", f"{commit}:{path}", binary=True).decode("utf-8-sig")
        found = examples(text, path)
        if not found:
            continue
        name = os.path.basename(path)[: -len(".md")] + ".ps1"
        body = []
        for heading, lines in found:
            body.append(MARKER + heading[len("Example "):] if heading.startswith("Example ") else MARKER + heading)
            body.extend(lines)
            blocks += 1
            commands += sum(1 for l in lines if re.match(r"\s*[A-Za-z]+-[A-Za-z]", l))
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(body) + "\n")
        written.add(name)
    for stale in os.listdir(args.out):
        if stale.endswith(".ps1") and stale not in written:
            os.remove(os.path.join(args.out, stale))

    readme = f"""# Microsoft's cmdlet examples

Every code block of the `## EXAMPLES` section of each Exchange cmdlet page, one file per page,
extracted by `scripts/gen-examples.py` from

    {REPOSITORY} @ {commit}
    {PAGES}/<Cmdlet>.md

(the pages behind learn.microsoft.com/powershell/module/exchangepowershell), the commit the
catalogue (src/cmdlet/catalogue/generated.txt) is generated from. Each block follows a
`# Example <heading>` line; the code is as the page writes it. `tests/validate_examples.rs` runs
`validate` on each block; `tests/data/ms-examples.expected` lists the errors judged true, each with
its reason (docs/catalogue.md, "The EXAMPLES check").

{len(written)} pages, {blocks} blocks.

## Licence

The code in {REPOSITORY} is licensed under the MIT License (its LICENSE-CODE, reproduced below);
its documentation text under CC BY 4.0. These files hold only the code blocks.

```
{licence.strip()}
```
"""
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme)
    print(f"{len(written)} pages, {blocks} blocks, ~{commands} command lines -> {args.out} "
          f"(source {REPOSITORY}@{commit})")


if __name__ == "__main__":
    main()
