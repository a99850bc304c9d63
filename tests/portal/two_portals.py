#!/usr/bin/env python3
"""Two grants-portal processes (A and B, one session key) in front of one
grantsd, driven over plain HTTP; C holds another key, D a small per-client
limit. Started by tests/portal/two_portals_test.sh, which sets up grantsd and
an open round and passes: PORTAL (the binary), GRANTSD_ADDRESS, CREDS, WORK,
PORTS ("a b c d"), OTHER_KEY, SPOOL_DIR, ROUND_ID. Exits 1 on the first
failed check."""

import html
import http.client
import os
import re
import subprocess
import sys
import time
import urllib.parse

PORTAL = os.environ["PORTAL"]
CREDS = os.environ["CREDS"]
WORK = os.environ["WORK"]
SPOOL = os.environ["SPOOL_DIR"]
ROUND_ID = os.environ["ROUND_ID"]
PORTS = dict(zip("abcd", os.environ["PORTS"].split()))
EMAIL = "carol.two@example.org"

processes = {}


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print(f"  ok {what}")


def start(name, key, *flags):
    log = open(os.path.join(WORK, f"portal-{name}.log"), "ab")
    processes[name] = subprocess.Popen(
        [PORTAL, "--listen", f"127.0.0.1:{PORTS[name]}",
         "--grantsd", os.environ["GRANTSD_ADDRESS"],
         "--ca", f"{CREDS}/ca.pem", "--client-cert", f"{CREDS}/portal.pem",
         "--client-key", f"{CREDS}/portal.key", "--session-key-file", key,
         *flags], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", PORTS[name], timeout=1).request(
                "GET", "/static/portal.css")
            return
        except OSError:
            if processes[name].poll() is not None:
                raise AssertionError(f"portal {name} exited")
            time.sleep(0.1)
    raise AssertionError(f"portal {name} did not start")


def stop(name):
    processes[name].terminate()
    processes[name].wait(10)


class Browser:
    """A cookie jar and a few requests; redirects are not followed."""

    def __init__(self):
        self.cookies = {}

    def request(self, portal, method, path, form=None, multipart=False):
        conn = http.client.HTTPConnection("127.0.0.1", PORTS[portal], timeout=20)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None and multipart:  # as a browser sends enctype="multipart/form-data"
            boundary = "----portaltest" + os.urandom(8).hex()
            parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                     for k, v in form.items()]
            body = ("".join(parts) + f"--{boundary}--\r\n").encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        text = r.read().decode()
        for cookie in r.msg.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in cookie:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return r.status, r, text

    def get(self, portal, path):
        return self.request(portal, "GET", path)

    def post(self, portal, path, form, multipart=False):
        return self.request(portal, "POST", path, form, multipart)


def hidden_fields(page, action):
    """The hidden inputs of the first form posting to `action`."""
    for m in re.finditer(r'<form method="post" action="([^"]*)"[^>]*>(.*?)</form>', page, re.S):
        if html.unescape(m.group(1)) == action:
            return {html.unescape(n): html.unescape(v) for n, v in re.findall(
                r'<input type="hidden" name="([^"]*)" value="([^"]*)"', m.group(2))}
    raise AssertionError(f"no form posting to {action} in:\n{page[:2000]}")


def ask_for_link(browser, portal, email, return_to=None):
    """Asks for a sign-in link; returns (status, page, spool files before)."""
    path = "/sign-in" + (f"?return_to={return_to}" if return_to is not None else "")
    status, _, page = browser.get(portal, path)
    check(status == 200, f"GET {path} on {portal}: {status}")
    before = set(os.listdir(SPOOL))
    status, _, page = browser.post(portal, "/sign-in", {**hidden_fields(page, "/sign-in"), "email": email})
    return status, page, before


USED_CODES = set()


def link_code(email, before):
    """A link sent to `email` since `before` that no earlier step used
    (under load a mail may reach the spool after the next ask)."""
    deadline = time.time() + 30
    while time.time() < deadline:
        for name in sorted(set(os.listdir(SPOOL)) - before):
            with open(os.path.join(SPOOL, name), encoding="utf-8", errors="replace", newline="") as f:
                mail = f.read()
            m = re.search(r"/sign-in/([A-Za-z0-9_-]{43})", mail)
            if f"To: {email}\r\n" in mail and m and m.group(1) not in USED_CODES:
                USED_CODES.add(m.group(1))
                return m.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no sign-in link for {email} in {SPOOL}")


def sign_in(browser, ask_on, redeem_on, email, return_to=None):
    """Signs in (asking on one portal, redeeming on another); returns where
    the portal sends the grantee next."""
    status, page, before = ask_for_link(browser, ask_on, email, return_to)
    check(status == 200 and "sign-in link" in page, f"a link is sent to {email} (through {ask_on})")
    code = link_code(email, before)
    status, _, page = browser.get(redeem_on, f"/sign-in/{code}")
    check(status == 200, f"the link's page opens on {redeem_on}")
    status, r, _ = browser.post(redeem_on, f"/sign-in/{code}", hidden_fields(page, f"/sign-in/{code}"))
    check(status == 303, f"signing in on {redeem_on}: {status}")
    return r.getheader("Location")


def applications_listed(browser, portal):
    status, _, page = browser.get(portal, "/applications")
    check(status == 200, f"/applications on {portal} is shown to the signed-in grantee ({status})")
    return set(re.findall(r"/applications/([0-9a-f-]{36})", page))


def main():
    start("a", f"{CREDS}/portal-session.key")
    start("b", f"{CREDS}/portal-session.key")
    start("c", os.environ["OTHER_KEY"])
    start("d", f"{CREDS}/portal-session.key", "--post-burst", "3", "--posts-per-minute", "1")

    print("signing in through A, carrying on through B")
    carol = Browser()
    status, _, _ = carol.get("a", "/rounds")
    check(status == 303, "a cookieless visitor is sent to sign in")
    where = sign_in(carol, "a", "b", EMAIL)
    check(where == "/organisation", f"a new address registers first (sent to {where})")
    status, _, page = carol.get("a", "/organisation")
    check(status == 200, "portal A knows the grantee signed in on portal B")
    status, r, _ = carol.post("a", "/organisation", {
        **hidden_fields(page, "/organisation"), "name": "Two Portals Group",
        "legal_form": "unregistered_group", "charity_number": "", "company_number": "",
        "borough_code": "E09000030", "contact_name": "Carol Two",
        "contact_phone": "020 7946 0000", "annual_income": "48000"})
    check(status == 303 and r.getheader("Location") == "/rounds",
          f"the organisation is registered through A ({status} {r.getheader('Location')})")

    print("one form, sent twice (a lost reply), makes one application")
    status, _, page = carol.get("b", "/rounds")
    check(status == 200, "the open rounds through B")
    form = {**hidden_fields(page, "/applications"), "round_id": ROUND_ID}
    check(re.fullmatch(r"[0-9a-f-]{36}", form.get("request_id", "")) is not None,
          "the apply form carries a request id")
    _, first, _ = carol.post("b", "/applications", form)
    _, again, _ = carol.post("a", "/applications", form)
    check(first.status == 303 and again.status == 303
          and re.fullmatch(r"/applications/[0-9a-f-]{36}", first.getheader("Location") or ""),
          f"both sends are answered with the application ({first.status}, {again.status})")
    check(first.getheader("Location") == again.getheader("Location"),
          f"the resend leads to the same application ({first.getheader('Location')})")
    check(len(applications_listed(carol, "a")) == 1, "one application exists")
    _, _, page = carol.get("a", "/rounds")
    # The rounds page no longer offers to apply (below); a form with a fresh
    # id (the sign-out form's: each rendering has its own) is a new request.
    fresh = {**hidden_fields(page, "/sign-out"), "round_id": ROUND_ID}
    check(fresh["request_id"] != form["request_id"], "each rendering of a form has its own id")
    # grantsd allows one application a round: without the form's id, the
    # resend above would have been refused like this one.
    status, _, page = carol.post("a", "/applications", fresh)
    check(status == 400 and "There is a problem" in page,
          f"the form rendered afresh is a new request, refused as a second application ({status})")
    check(len(applications_listed(carol, "b")) == 1, "still one application")

    print("the rounds page leads to the application instead of offering to apply again")
    app_path = first.getheader("Location")
    _, _, page = carol.get("a", "/rounds")
    check(f'href="{app_path}"' in page and 'name="round_id"' not in page,
          "the round links to the group's application, with no apply form")

    print("a long Romanian draft (1,900 + 3,800 characters, over cpp-httplib's default 8 KiB form) is saved")
    _, _, page = carol.get("b", app_path)
    summary = ("Îngrijim și sprijinim familiile rome în situații grele: ajutăm la cereri, țin legătura. "
               * 40)[:1900]
    plan = ("Organizăm întâlniri săptămânale cu consilieri, traducători și voluntari în școli și biserici. "
            * 60)[:3800]
    form = {**hidden_fields(page, app_path), "action": "save", "amount": "2500",
            "project_summary": summary, "planned_activities": plan,
            "project_languages": "rom", "other_languages": "ti", "supported": "40", "reached": "400",
            "budget_description_1": "Consilieri", "budget_amount_1": "2500"}
    body = len(urllib.parse.urlencode(form).encode())
    check(body > 8192, f"the form ({body} bytes url-encoded) is over cpp-httplib's 8 KiB limit")
    check('enctype="multipart/form-data"' in page, "the application form posts as multipart/form-data")
    status, r, page = carol.post("b", app_path, form, multipart=True)
    check(status == 303 and r.getheader("Location") == f"{app_path}?saved=1",
          f"a {body}-byte form is saved ({status} {r.getheader('Location')}): {page[:300]}")
    _, _, page = carol.get("a", f"{app_path}?saved=1")
    check('id="confirmation"' in page, "the page says the draft is saved")
    check(html.escape(summary[:200], quote=False) in page and html.escape(plan[-200:], quote=False) in page,
          "both texts come back whole")

    print("a restart keeps the session")
    stop("a")
    start("a", f"{CREDS}/portal-session.key")
    check(len(applications_listed(carol, "a")) == 1, "after the restart, A still knows the grantee")

    print("a changed cookie, or another key's, is refused")
    sealed = carol.cookies["grants_session"]
    i = len(sealed) * 2 // 3
    for portal in "ab":
        forged = Browser()  # a fresh one each time: a refusal clears the cookie
        forged.cookies["grants_session"] = sealed[:i] + ("A" if sealed[i] != "A" else "B") + sealed[i + 1:]
        status, _, page = forged.get(portal, "/applications")
        check(status == 400 and "changed" in page, f"a changed cookie is refused by {portal} ({status})")
    copy = Browser()
    copy.cookies["grants_session"] = sealed
    status, _, _ = copy.get("c", "/applications")
    check(status == 400, f"a portal with another key refuses the cookie ({status})")
    copy = Browser()
    copy.cookies["grants_session"] = sealed
    status, _, _ = copy.get("b", "/applications")
    check(status == 200, "the unchanged copy opens on B (the checks above can fail)")

    print("return_to stays on the site")
    for variant in ["/%09/evil.example", "/%0D%0A/evil.example", "//evil.example"]:
        where = sign_in(Browser(), "a", "b", EMAIL, return_to=variant)
        check(where == "/rounds", f"return_to={variant} leads to {where}, not off the site")
    where = sign_in(Browser(), "b", "a", EMAIL, return_to="/applications")
    check(where == "/applications", "a plain return_to is followed (the checks above can fail)")

    print("the sign-in limit holds for the mailbox, however it is written")
    for variant in [" Carol.Two+again@Example.ORG ", "carol.two+x@example.org"]:
        status, page, _ = ask_for_link(Browser(), "b", variant)
        check(status == 400 and "Too many sign-in links" in page,
              f"a sixth link to the mailbox, as {variant.strip()!r}, is refused ({status})")
    status, page, _ = ask_for_link(Browser(), "b", f"x<{EMAIL}>.1")
    check(status == 400 and "right format" in page, f"x<{EMAIL}>.1 is not an address ({status})")
    status, page, _ = ask_for_link(Browser(), "b", "dave.two@example.org")
    check(status == 200, "another mailbox still gets its link")

    print("sign-out")
    kept = Browser()
    kept.cookies = dict(carol.cookies)
    _, _, page = carol.get("a", "/applications")
    status, r, _ = carol.post("a", "/sign-out", hidden_fields(page, "/sign-out"))
    check(status == 303 and r.getheader("Location") == "/sign-in", "signed out on A")
    status, r, _ = carol.get("b", "/applications")
    check(status == 303 and r.getheader("Location") == "/sign-in", "the browser is signed out on B too")
    status, r, _ = kept.get("a", "/applications")
    check(status == 303, "a copy of the signed-out cookie no longer works on A")
    # B never saw the sign-out, but grantsd revoked the session's token.
    status, r, _ = kept.get("b", "/applications")
    check(status == 303 and r.getheader("Location") == "/sign-in",
          f"nor on B, which grantsd tells the session is over ({status})")

    print("the per-client limit")
    hasty = Browser()
    _, _, page = hasty.get("d", "/sign-in")
    fields = hidden_fields(page, "/sign-in")
    statuses = [hasty.post("d", "/sign-in", {**fields, "email": "not-an-address"})[0] for _ in range(3)]
    check(statuses == [400, 400, 400], f"three posts within the burst are answered ({statuses})")
    status, r, page = hasty.post("d", "/sign-in", {**fields, "email": "not-an-address"})
    check(status == 429 and int(r.getheader("Retry-After", "0")) > 0 and "Too many requests" in page
          and "<h1" in page, f"the fourth gets 429 with a page and Retry-After ({status})")
    status, _, _ = hasty.get("d", "/sign-in")
    check(status == 200, "pages can still be read")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
    finally:
        for p in processes.values():
            p.kill()
    print("two portals: passed")
