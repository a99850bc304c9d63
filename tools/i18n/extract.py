#!/usr/bin/env python3
"""Lists the texts the code translates, as (context, English) pairs, and
checks or updates common/i18n/po/messages.pot with them.

The portal's pages translate with c.T("...") / c.TF("...") (context "portal"),
reads the error words of clients/portal/errors.cc (context "error"), and
passes the labels of its tables (LegalForms, StateLabel, AwardStateLabel,
PaymentStateLabel)
through c.T; and the
notifications' subjects and bodies from the Texts() table of
services/notifications/message.cc (contexts "email subject" and "email
body", with the "email body" texts message.cc translates itself). The
context "report kind" is kept as it is in the template.

  extract.py --check   exit 1 when a text the portal uses is missing from
                       messages.pot (or the template has portal texts no
                       code uses)
  extract.py --update  append the missing texts to messages.pot and to
                       every <language>.po (untranslated), drop unused ones
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO_DIR = ROOT / "common/i18n/po"
PORTAL = ROOT / "clients/portal"
MESSAGES = ROOT / "services/notifications/message.cc"
# The contexts this script manages.
OWNED = ("portal", "error", "email subject", "email body")

STRING = r'"((?:[^"\\]|\\.)*)"'


def unescape(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def used():
    keys = set()
    # The portal's pages: portal.cc, page.cc and the *_pages.cc files.
    portal = "\n".join(p.read_text() for p in sorted(PORTAL.glob("*.cc"))
                        if not p.name.endswith("_test.cc") and p.name != "errors.cc")
    # c.T("a") and c.TF("a " "b", ...): adjacent literals are one text
    # (c_.T in a class holding the call).
    for m in re.finditer(r'\bc_?\.TF?\(\s*((?:' + STRING + r'\s*)+)', portal):
        keys.add(("portal", unescape("".join(re.findall(STRING, m.group(1))))))
    tables = ""
    for name in ("LegalForms", "AgeBands"):
        tables += re.search(name + r'\(\)(.*?)\n}\n', portal, re.S).group(1)
    # The definitions of the ...Label functions (StateLabel, DimensionLabel...).
    for m in re.finditer(r'^std::string \w*Label\(.*?\n}\n', portal, re.S | re.M):
        tables += m.group(0)
    for m in re.finditer(r'(?:,\s*|return )' + STRING + r'[}\s;]', tables):
        if m.group(1) != "Unknown":
            keys.add(("portal", unescape(m.group(1))))
    errors = (PORTAL / "errors.cc").read_text()
    block = re.search(r'Messages\(\)(.*?)\n}\n', errors, re.S).group(1)
    for m in re.finditer(r'\{"[A-Z_]+",\s*((?:' + STRING + r'\s*)+)\}', block):
        keys.add(("error", unescape("".join(re.findall(STRING, m.group(1))))))
    # The messages: {"kind", {"subject", "body" "body"...}} in Texts().
    messages = MESSAGES.read_text()
    table = re.search(r'Texts\(\)(.*?)\n}\n', messages, re.S).group(1)
    for m in re.finditer(r'\{"\w+",\s*\{' + STRING + r',\s*((?:' + STRING +
                         r'\s*)+)\}\}', table):
        keys.add(("email subject", unescape(m.group(1))))
        keys.add(("email body", unescape("".join(re.findall(STRING, m.group(2))))))
    for m in re.finditer(r'Translate\([^,]+,\s*"email body",\s*((?:' + STRING +
                         r'\s*)+)\)', messages):
        keys.add(("email body", unescape("".join(re.findall(STRING, m.group(1))))))
    return keys


def entries(text):
    """(context, msgid) of a .po text, in order."""
    out, ctx, cur, field = [], "", None, None
    for line in text.splitlines() + [""]:
        if line.startswith("msgctxt"):
            ctx, field = unescape(re.match(r'msgctxt\s+' + STRING, line).group(1)), "ctx"
        elif line.startswith("msgid"):
            cur, field = unescape(re.match(r'msgid\s+' + STRING, line).group(1)), "id"
        elif line.startswith('"') and field == "id":
            cur += unescape(re.match(STRING, line).group(1))
        elif line.startswith('"') and field == "ctx":
            ctx += unescape(re.match(STRING, line).group(1))
        elif line.startswith("msgstr"):
            if cur:
                out.append((ctx, cur))
            ctx, cur, field = "", None, "str"
    return out


def quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    parts = s.split("\n")
    if len(parts) == 1:
        return '"' + s + '"'
    lines = ['"' + p + ("\\n" if i < len(parts) - 1 else "") + '"'
             for i, p in enumerate(parts)]
    return '""\n' + "\n".join(l for l in lines if l != '""')


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "--check"
    want = used()
    pot = PO_DIR / "messages.pot"
    have = {k for k in entries(pot.read_text()) if k[0] in OWNED}
    missing, unused = sorted(want - have), sorted(have - want)
    if mode == "--check":
        for k in missing:
            print(f"missing from messages.pot: [{k[0]}] {k[1]!r}")
        for k in unused:
            print(f"in messages.pot but unused: [{k[0]}] {k[1]!r}")
        return 1 if missing or unused else 0
    for path in [pot] + sorted(PO_DIR.glob("*.po")):
        text = path.read_text()
        for ctx, msgid in unused:  # drop whole entries, with their comments
            pattern = (r'\n(?:#[^\n]*\n)*msgctxt "' + re.escape(ctx) + r'"\nmsgid ' +
                       re.escape(quote(msgid)) + r'\nmsgstr (?:"(?:[^"\\]|\\.)*"\n?)+')
            text = re.sub(pattern, "\n", text)
        text = text.rstrip("\n") + "\n"
        for ctx, msgid in missing:
            text += f'\nmsgctxt "{ctx}"\nmsgid {quote(msgid)}\nmsgstr ""\n'
        path.write_text(text)
    print(f"added {len(missing)}, removed {len(unused)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
