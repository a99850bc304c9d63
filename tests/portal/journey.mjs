// The grantee's journey through grants-portal in headless Chromium, in
// English, Polish and Romanian (fresh browser contexts, new addresses):
// sign in by emailed link (read from grantsd's spool), register the group,
// find the open round, draft, save, come back, attach the round's required
// document (an infected one refused) and submit an application, its receipt
// arriving in the group's language.
// Every page visited is checked: <html lang>, the language nav, a skip link
// first, one main#main, one h1, no Content-Security-Policy violations in the
// console, no sideways scrolling on a phone, and axe-core (any serious or
// critical violation fails). Screenshots of the main pages at 360x740 and
// 1280x900 go to SCREENSHOTS_DIR. The refusals: a POST with a missing or a
// wrong csrf_token (403, nothing changes), a tampered session cookie (400),
// another organisation's application (403).
//
// Environment: PORTAL_URL, PORTAL2_URL (a second portal, same keys), SPOOL_DIR (grantsd's --notification-spool),
// SCREENSHOTS_DIR, NODE_MODULES_DIR (playwright-core and axe-core, installed
// by `npm ci`), CHROMIUM (default /usr/bin/chromium), ROUND_NAME, ROUND_ID,
// QUESTION_ID (the seeded round's required question).
// Run by tests/portal/portal_e2e_test.sh; exits 1 with the reasons on failure.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

function env(name, fallback) {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === '') {
    console.error(`journey: set ${name}`);
    process.exit(2);
  }
  return v;
}
const PORTAL = env('PORTAL_URL').replace(/\/$/, '');
const SPOOL = env('SPOOL_DIR');
const SHOTS = env('SCREENSHOTS_DIR');
const NODE_MODULES = env('NODE_MODULES_DIR');
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const ROUND_NAME = env('ROUND_NAME');
const ROUND_ID = env('ROUND_ID');
const QUESTION_ID = env('QUESTION_ID');
const QUESTION_TEXT = env('QUESTION_TEXT');  // the question in English
const QUESTION_RO = env('QUESTION_RO');  // an officer's Romanian translation, added later
const NAME_RO = env('NAME_RO');  // the round's name in Romanian
const DESCRIPTION_EN = env('DESCRIPTION_EN');  // the round's description
const DESCRIPTION_RO = env('DESCRIPTION_RO');  // and its Romanian
const GRANTSCTL = env('GRANTSCTL');
// A second portal behind the same address in production (same session
// key); on another port here, and browsers send a host's cookies to all
// its ports, as they would to one load-balanced address.
const PORTAL2 = env('PORTAL2_URL').replace(/\/$/, '');
const LANGUAGES = ['en', 'pl', 'ro', 'bg', 'pt', 'rom', 'ar'];
const PHONE = { width: 360, height: 740 };
// The EICAR test file (ClamAV's test signature), and a small PDF.
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const DESKTOP = { width: 1280, height: 900 };

// The packages live under the build directory, not beside this file.
const require = createRequire(path.join(NODE_MODULES, '..', 'resolve-from-here.cjs'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Problems that do not stop the journey (accessibility, translation, layout)
// are collected and reported together at the end.
const problems = [];
function problem(where, text) {
  problems.push(`${where}: ${text}`);
  console.log(`  PROBLEM ${where}: ${text.split('\n')[0]}`);
}
const shotNumbers = {}; // per language, so en-05 and pl-05 are the same page
let lastContext = null; // for the screenshot on failure
const headings = { en: {}, pl: {} }; // page name -> h1, to see Polish is translated

// ---------------------------------------------------------------------------
// Checks on every page.

// The page's main response after `action` (a click that submits or
// navigates), following redirects.
async function navigation(page, action) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  return response;
}

async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Evaluated through the DevTools protocol, which the page's CSP does not
    // govern, so the portal's CSP stays in force for the rest of the page.
    await page.evaluate(AXE_SOURCE);
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeViolation(v) {
  const nodes = v.nodes.slice(0, 5).map((n) =>
    `      at ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ')}`);
  return `axe ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
}

// check(page, ctx, name, {status, shot}): asserts what every page has, runs
// axe (at both sizes when a screenshot is taken), saves the screenshots.
async function check(page, ctx, name, { status = 200, response = null, shot = true } = {}) {
  const where = `[${ctx.lang}] ${name} (${new URL(page.url()).pathname})`;
  if (response) {
    assert.equal(response.status(), status, `${where}: HTTP status`);
    const csp = (await response.allHeaders())['content-security-policy'] || '';
    if (!/(script-src|default-src)/.test(csp) || /script-src[^;]*'unsafe-inline'/.test(csp))
      problem(where, `no strict Content-Security-Policy header (got "${csp}")`);
  }
  const facts = await page.evaluate(() => {
    const first = document.querySelector(
      'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])');
    return {
      lang: document.documentElement.getAttribute('lang'),
      dir: document.documentElement.getAttribute('dir'),
      hreflangs: [...document.querySelectorAll('nav#languages a[hreflang]')]
        .map((a) => [a.getAttribute('hreflang'), a.getAttribute('href')]),
      mains: document.querySelectorAll('main#main').length,
      h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
      skip: document.querySelector('a[href="#main"]') !== null,
      firstFocusable: first ? first.outerHTML.slice(0, 120) : '(none)',
      firstIsSkip: first !== null && first.matches('a[href="#main"]'),
      duplicateIds: [...document.querySelectorAll('[id]')].map((e) => e.id)
        .filter((id, i, all) => all.indexOf(id) !== i),
      title: document.title,
    };
  });
  assert.equal(facts.lang, ctx.lang, `${where}: <html lang>`);
  assert.equal(facts.dir, ctx.lang === 'ar' ? 'rtl' : 'ltr', `${where}: <html dir>`);
  assert.deepEqual(facts.hreflangs.map(([l]) => l).sort(), [...LANGUAGES].sort(),
    `${where}: nav#languages links a[hreflang] for ${LANGUAGES.join(', ')}`);
  for (const [l, href] of facts.hreflangs)
    assert.match(href, new RegExp(`[?&]lang=${l}(&|$)`), `${where}: language link for ${l}`);
  assert.equal(facts.mains, 1, `${where}: one main#main`);
  assert.equal(facts.h1s.length, 1, `${where}: one h1 (got ${JSON.stringify(facts.h1s)})`);
  assert.ok(facts.h1s[0].length > 0, `${where}: the h1 is empty`);
  assert.ok(facts.title.trim().length > 0, `${where}: empty <title>`);
  assert.ok(facts.skip, `${where}: no skip link a[href="#main"]`);
  if (!facts.firstIsSkip)
    problem(where, `the skip link is not the first thing to tab to (first: ${facts.firstFocusable})`);
  if (facts.duplicateIds.length)
    problem(where, `ids used more than once: ${[...new Set(facts.duplicateIds)].join(', ')}`);
  headings[ctx.lang] ??= {};
  headings[ctx.lang][name] = facts.h1s[0];

  const csp = ctx.consoleErrors.splice(0).filter((m) => /Content Security Policy/i.test(m));
  for (const m of csp) problem(where, `CSP violation: ${m}`);

  const seen = new Set();
  const report = (violations, size) => {
    for (const v of violations) {
      const key = v.id + v.nodes.map((n) => n.target.join(' ')).join();
      if (seen.has(key)) continue;
      seen.add(key);
      problem(`${where} at ${size}`, describeViolation(v));
    }
  };
  if (shot) {
    shotNumbers[ctx.lang] = (shotNumbers[ctx.lang] ?? 0) + 1;
    const base = `${ctx.lang}-${String(shotNumbers[ctx.lang]).padStart(2, '0')}-${name}`;
    await page.setViewportSize(PHONE);
    report(await axeViolations(page), 'phone');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > PHONE.width + 1)
      problem(where, `scrolls sideways on a phone: ${wide}px wide at ${PHONE.width}px`);
    await page.screenshot({ path: path.join(SHOTS, `${base}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
    report(await axeViolations(page), 'desktop');
    await page.screenshot({ path: path.join(SHOTS, `${base}-desktop.png`), fullPage: true });
  } else {
    report(await axeViolations(page), 'desktop');
  }
  console.log(`  ok ${where}: "${facts.h1s[0]}"`);
  return facts;
}

// The error summary: role=alert, an h2, a link to each field in error that
// exists, with its message beside the field. Returns the linked field ids.
async function checkErrors(page, where, expectIds) {
  const s = await page.evaluate(() => {
    const box = document.querySelector('div.govuk-error-summary');
    if (!box) return null;
    return {
      role: box.getAttribute('role'),
      h2: box.querySelector('h2') !== null,
      text: [...box.querySelectorAll('li')].map((li) => li.textContent.trim()).join('; '),
      links: [...box.querySelectorAll('a[href^="#"]')].map((a) => {
        const id = a.getAttribute('href').slice(1);
        const msg = document.getElementById(`${id}-error`);
        const target = document.getElementById(id);
        return {
          id,
          // The field itself (or its fieldset), inside the form, not a
          // namesake elsewhere on the page.
          target: target !== null && target.matches('main input, main select, main textarea, main fieldset'),
          message: msg !== null && msg.matches('p.govuk-error-message'),
        };
      }),
    };
  });
  assert.ok(s, `${where}: no div.govuk-error-summary`);
  assert.equal(s.role, 'alert', `${where}: the error summary's role`);
  assert.ok(s.h2, `${where}: the error summary has no h2`);
  for (const l of s.links) {
    assert.ok(l.target, `${where}: the error summary links to #${l.id}, which is not a field of the form`);
    assert.ok(l.message, `${where}: no p.govuk-error-message#${l.id}-error beside #${l.id}`);
  }
  const ids = s.links.map((l) => l.id);
  for (const id of expectIds)
    assert.ok(ids.includes(id), `${where}: expected an error for #${id}; summary: ${s.text}`);
  return ids;
}

// ---------------------------------------------------------------------------
// The emailed link.

function parseEmail(text) {
  const split = text.search(/\r?\n\r?\n/);
  const head = text.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: text.slice(split).trim() };
}

// The first message of `kind` to `email` in the spool (the outbox sends
// within seconds).
async function mailTo(email, kind, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    for (const f of fs.readdirSync(SPOOL).filter((n) => n.endsWith('.eml'))) {
      const mail = parseEmail(fs.readFileSync(path.join(SPOOL, f), 'utf8'));
      if ((mail.headers.to || '').toLowerCase().includes(email.toLowerCase()) &&
          mail.headers['x-grants-kind'] === kind)
        return mail;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no ${kind} message to ${email} in ${SPOOL} within ${seconds} s`);
}

async function signInLink(email, seconds = 30, skip = new Set()) {
  const deadline = Date.now() + seconds * 1000;
  const pattern = /https?:\/\/[^\s/]+\/sign-in\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;
  while (Date.now() < deadline) {
    for (const f of fs.readdirSync(SPOOL).filter((n) => n.endsWith('.eml') && !skip.has(n))) {
      const mail = parseEmail(fs.readFileSync(path.join(SPOOL, f), 'utf8'));
      if (!(mail.headers.to || '').toLowerCase().includes(email.toLowerCase())) continue;
      // The group's other messages (a receipt, an offer) go to it too.
      if (mail.headers['x-grants-kind'] !== 'sign_in_link') continue;
      const m = mail.body.match(pattern);
      assert.ok(m, `the sign-in email to ${email} (${f}) has no /sign-in/<code> link:\n${mail.body}`);
      assert.ok(m[0].startsWith(PORTAL), `the link ${m[0]} does not point at the portal ${PORTAL}`);
      return { url: m[0], mail };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no sign-in email to ${email} in ${SPOOL} within ${seconds} s ` +
    `(files: ${fs.readdirSync(SPOOL).join(', ') || 'none'})`);
}

// ---------------------------------------------------------------------------
// The journey.

async function newContext(browser, lang) {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  const ctx = { lang, context, page, consoleErrors: [] };
  lastContext = ctx;
  page.on('console', (m) => { if (m.type() === 'error') ctx.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => ctx.consoleErrors.push(`page error: ${e.message}`));
  return ctx;
}

function tamper(value) {
  // Change one character two thirds of the way in (the signature, whatever
  // the format), keeping the alphabet.
  const i = Math.floor((value.length * 2) / 3);
  const c = value[i];
  const swap = c === 'A' ? 'B' : c === '0' ? '1' : /[a-z]/.test(c) ? (c === 'a' ? 'b' : 'a') : 'A';
  return value.slice(0, i) + swap + value.slice(i + 1);
}

async function fieldValue(page, selector) {
  return page.locator(selector).inputValue();
}

async function journey(browser, lang, person, beforeSubmit = async () => {}) {
  console.log(`journey in ${lang} as ${person.email}`);
  const ctx = await newContext(browser, lang);
  const { page } = ctx;

  // Not signed in: sent to sign in (the way back is kept in the session, or
  // in ?return_to=).
  let response = await page.goto(`${PORTAL}/applications`);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/sign-in', `[${lang}] /applications without a session should go to /sign-in`);
  if (url.searchParams.has('return_to'))
    assert.match(url.searchParams.get('return_to'), /^\/applications/, `[${lang}] return_to in ${page.url()}`);

  // Choosing the language in the nav (English by default).
  response = await page.goto(`${PORTAL}/sign-in`);
  if (lang !== 'en') {
    await check(page, { ...ctx, lang: 'en' }, 'sign-in-english', { response, shot: false });
    response = await navigation(page, () => page.locator(`nav#languages a[hreflang=${lang}]`).click());
  }
  await check(page, ctx, 'sign-in', { response });

  // A wrong address: an error, the value kept.
  await page.fill('#email', 'not-an-email');
  response = await navigation(page, () => page.locator('main form:has(#email) button[type=submit]').click());
  await checkErrors(page, `[${lang}] sign-in`, ['email']);
  assert.equal(await fieldValue(page, '#email'), 'not-an-email', `[${lang}] sign-in: the typed address is kept`);
  await check(page, ctx, 'sign-in-error', { response, status: response.status() });
  assert.ok([200, 400, 422].includes(response.status()), `[${lang}] sign-in error status ${response.status()}`);

  await page.fill('#email', person.email);
  response = await navigation(page, () => page.locator('main form:has(#email) button[type=submit]').click());
  const sent = await check(page, ctx, 'check-email', { response });
  if (lang === 'en') assert.equal(sent.h1s[0], 'Check your email', '[en] after asking for a link');

  const link = await signInLink(person.email);
  const mailLanguage = link.mail.headers['content-language'] || link.mail.headers['x-grants-language'];
  if (mailLanguage !== lang) problem(`[${lang}] sign-in email`, `written in "${mailLanguage}", not ${lang}`);
  const linkUrl = new URL(link.url);
  response = await page.goto(link.url);
  await check(page, ctx, 'sign-in-confirm', { response });
  const form = page.locator('main form[method=post i]', { has: page.locator('button[type=submit]') }).first();
  const action = await form.evaluate((f) => new URL(f.action).pathname);
  assert.equal(action, linkUrl.pathname, `[${lang}] the confirmation form posts to the link's own address`);
  response = await navigation(page, () => form.locator('button[type=submit]').first().click());
  assert.equal(new URL(page.url()).pathname, '/organisation',
    `[${lang}] a new address goes to /organisation after signing in (at ${page.url()})`);
  await check(page, ctx, 'organisation', { response });

  // Registration: errors first, what was typed is kept.
  await page.fill('#name', person.organisation);
  response = await navigation(page, () => page.locator('main form:has(#name) button[type=submit]').click());
  await checkErrors(page, `[${lang}] organisation`, ['contact_name']);
  assert.equal(await fieldValue(page, '#name'), person.organisation, `[${lang}] organisation: name kept`);
  await check(page, ctx, 'organisation-errors', { response, status: response.status() });

  await page.fill('#name', person.organisation);
  await page.selectOption('#legal_form', 'unregistered_group');
  await page.fill('#charity_number', '');
  await page.fill('#company_number', '');
  await page.selectOption('#borough_code', 'E09000030');
  await page.fill('#contact_name', person.contact);
  await page.fill('#contact_phone', '020 7946 0000');
  await page.fill('#annual_income', '48000');
  response = await navigation(page, () => page.locator('main form:has(#name) button[type=submit]').click());
  if (new URL(page.url()).pathname !== '/rounds') {
    const summary = await page.locator('div.govuk-error-summary').textContent().catch(() => '(no error summary)');
    assert.fail(`[${lang}] saving the organisation should lead to /rounds, at ${page.url()}: ${summary}`);
  }
  await check(page, ctx, 'rounds', { response });

  // Bank details: the grantee proposes them; a bad sort code is refused
  // beside its field, good ones wait for the grants team to confirm them.
  response = await page.goto(new URL('/organisation/bank-details', page.url()).href);
  await check(page, ctx, 'bank-details', { response });
  await page.fill('#account_name', person.organisation);
  await page.fill('#sort_code', '12-34');
  await page.fill('#account_number', '12345678');
  response = await navigation(page, () => page.locator('main form:has(#sort_code) button[type=submit]').click());
  await checkErrors(page, `[${lang}] bank details`, ['sort_code']);
  assert.equal(await fieldValue(page, '#account_number'), '12345678', `[${lang}] bank details: number kept`);
  await check(page, ctx, 'bank-details-errors', { response, status: response.status() });
  await page.fill('#sort_code', '12-34-56');
  response = await navigation(page, () => page.locator('main form:has(#sort_code) button[type=submit]').click());
  assert.equal(new URL(page.url()).pathname, '/organisation/bank-details',
    `[${lang}] proposing bank details comes back to the page (at ${page.url()})`);
  const pendingNote = await page.locator('main .portal-bank-pending').innerText();
  assert.ok(pendingNote.includes('5678'), `[${lang}] the proposal waits for confirmation: ${pendingNote}`);
  await check(page, ctx, 'bank-details-pending', { response });
  console.log(`  ok [${lang}] bank details proposed, shown waiting for confirmation`);
  response = await page.goto(new URL('/rounds', page.url()).href);

  // The open round, its deadline in London time, and Apply.
  const body = await page.locator('main').innerText();
  const roundName = lang === 'ro' ? NAME_RO : ROUND_NAME;  // an officer translated it
  assert.ok(body.includes(roundName), `[${lang}] /rounds lists "${roundName}"`);
  assert.ok(/2030/.test(body) && /12[:.]00/.test(body),
    `[${lang}] /rounds shows the deadline (1 April 2030 12:00 London): ${body.slice(0, 400)}`);
  const apply = page.locator(`main form:has(input[name=round_id][value="${ROUND_ID}"])`);
  assert.equal(await apply.count(), 1, `[${lang}] one Apply form for round ${ROUND_ID}`);
  assert.equal(await apply.evaluate((f) => new URL(f.action).pathname), '/applications',
    `[${lang}] Apply posts to /applications`);
  response = await navigation(page, () => apply.locator('button[type=submit]').click());
  const appPath = new URL(page.url()).pathname;
  const appMatch = appPath.match(/^\/applications\/([^/]+)$/);
  assert.ok(appMatch, `[${lang}] Apply should lead to /applications/<id>, at ${page.url()}`);
  const appId = appMatch[1];
  await check(page, ctx, 'application', { response });

  // Submitting an empty draft: errors, the amount kept.
  await page.fill('#amount', '2500');
  response = await navigation(page, () => page.locator('button[name=action][value=submit]').click());
  await checkErrors(page, `[${lang}] application`, ['project_summary']);
  assert.equal(await fieldValue(page, '#amount'), '2500', `[${lang}] application: amount kept`);
  await check(page, ctx, 'application-errors', { response, status: response.status() });

  // Fill in, save, come back.
  const summary = person.summary;
  await page.fill('#amount', '2500');
  await page.fill('#project_summary', summary);
  await page.fill('#planned_activities', 'Weekly drop-in sessions at the community centre, with interpreters.');
  await page.check('input[name=community][value=roma]');
  await page.check('input[name=borough][value=E09000030]');
  await page.check('input[name=project_languages][value=ro]');
  await page.check('input[name=project_languages][value=rom]');
  await page.fill('#other_languages', 'Tigrinya, dari');  // by name, any case
  await page.fill('#supported', '120');
  await page.fill('#reached', '3000');
  await page.fill('#budget_description_1', 'Venue hire');
  await page.fill('#budget_amount_1', '1000');
  await page.fill('#budget_description_2', 'Sessional workers');
  await page.fill('#budget_amount_2', '1500');
  await page.fill(`#answer_${QUESTION_ID}`, 'Through churches, markets and WhatsApp groups.');
  response = await navigation(page, () => page.locator('button[name=action][value=save]').click());
  assert.ok(response.status() < 400, `[${lang}] saving the draft: HTTP ${response.status()}`);
  response = await page.goto(`${PORTAL}${appPath}`);
  await check(page, ctx, 'application-saved', { response, shot: false });
  assert.equal(await fieldValue(page, '#project_summary'), summary, `[${lang}] the saved summary comes back`);
  assert.equal(Number(await fieldValue(page, '#budget_amount_2')), 1500, `[${lang}] the saved budget line comes back`);
  assert.ok(await page.isChecked('input[name=community][value=roma]'), `[${lang}] the community stays ticked`);
  // Other languages come back by name, were stored as codes, and the field
  // suggests names; one it does not know is refused beside it, as typed.
  assert.equal(await fieldValue(page, '#other_languages'), 'Tigrinya, Dari', `[${lang}] other languages by name`);
  const stored = JSON.parse(ctl('-o', 'json', 'application', 'get', appId)).content.languages;
  assert.ok(stored.includes('ti') && stored.includes('prs'), `[${lang}] stored as codes: ${stored}`);
  assert.equal(await page.locator('datalist#other_languages-list option[value="Tigrinya"]').count(), 1,
    `[${lang}] the field suggests language names`);
  await page.fill('#other_languages', 'Tigrinya, Elvish');
  response = await navigation(page, () => page.locator('button[name=action][value=save]').click());
  await checkErrors(page, `[${lang}] an unknown language`, ['other_languages']);
  assert.ok((await page.locator('#other_languages-error').innerText()).includes('Elvish'),
    `[${lang}] the error names the language it does not know`);
  assert.equal(await fieldValue(page, '#other_languages'), 'Tigrinya, Elvish', `[${lang}] kept as typed`);

  // The round asks for the group's accounts: submitting without them is
  // refused beside the file field; an infected file is refused and nothing
  // of it kept; a PDF is attached, and downloads as an attachment of an
  // opaque type, never shown inline.
  response = await page.goto(`${PORTAL}${appPath}`);
  assert.ok((await page.locator('#required-documents').innerText()).length > 0,
    `[${lang}] the round's required documents are listed`);
  response = await navigation(page, () => page.locator('button[name=action][value=submit]').click());
  await checkErrors(page, `[${lang}] submitting without the required document`, ['file']);
  await check(page, ctx, 'application-documents-missing', { response, status: response.status() });
  await page.selectOption('#kind', 'accounts');
  await page.setInputFiles('#file', { name: 'accounts.pdf', mimeType: 'application/pdf', buffer: Buffer.from(EICAR) });
  response = await navigation(page, () => page.locator('#attach-document button[type=submit]').click());
  await checkErrors(page, `[${lang}] an infected file`, ['file']);
  assert.equal(await page.locator('#attached-documents').count(), 0, `[${lang}] the infected file is not listed`);
  await check(page, ctx, 'application-document-infected', { response, status: response.status() });
  if (lang === 'ro') await tooLarge(ctx, appPath);
  await page.selectOption('#kind', 'accounts');
  await page.setInputFiles('#file', { name: 'Accounts 2025.pdf', mimeType: 'application/pdf', buffer: PDF });
  response = await navigation(page, () => page.locator('#attach-document button[type=submit]').click());
  assert.equal(new URL(page.url()).searchParams.get('attached'), '1', `[${lang}] attached: at ${page.url()}`);
  await check(page, ctx, 'application-document', { response });
  const attached = page.locator('#attached-documents a').first();
  assert.equal((await attached.innerText()).trim(), 'Accounts 2025.pdf', `[${lang}] the document is listed`);
  // Clicked, it downloads (the browser never renders it)...
  const [download] = await Promise.all([page.waitForEvent('download'), attached.click()]);
  assert.equal(download.suggestedFilename(), 'Accounts 2025.pdf', `[${lang}] the download's name`);
  assert.ok(fs.readFileSync(await download.path()).equals(PDF), `[${lang}] the same bytes come back`);
  // ...because the portal says so, whatever the bytes.
  const cookie = (await ctx.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const fetched = await ctx.context.request.get(`${PORTAL}${await attached.getAttribute('href')}`,
    { headers: { cookie }, maxRedirects: 0 });
  const headers = fetched.headers();
  assert.equal(fetched.status(), 200, `[${lang}] downloading the document: HTTP ${fetched.status()}`);
  assert.match(headers['content-disposition'] || '', /^attachment;/,
    `[${lang}] a download, not inline: ${JSON.stringify(headers)}`);
  assert.equal(headers['content-type'], 'application/octet-stream', `[${lang}] an opaque type`);
  // A file attached by mistake is removed again; the accounts stay.
  await page.selectOption('#kind', 'other');
  await page.setInputFiles('#file', { name: 'Wrong file.pdf', mimeType: 'application/pdf', buffer: PDF });
  response = await navigation(page, () => page.locator('#attach-document button[type=submit]').click());
  assert.equal(await page.locator('#attached-documents tbody tr').count(), 2, `[${lang}] two documents listed`);
  const wrongRow = page.locator('#attached-documents tbody tr', { hasText: 'Wrong file.pdf' });
  response = await navigation(page, () => wrongRow.locator('form.portal-remove button').click());
  assert.equal(new URL(page.url()).searchParams.get('removed'), '1', `[${lang}] removed: at ${page.url()}`);
  await check(page, ctx, 'application-document-removed', { response, shot: false });
  const listed = await page.locator('#attached-documents').innerText();
  assert.ok(listed.includes('Accounts 2025.pdf') && !listed.includes('Wrong file.pdf'),
    `[${lang}] only the accounts are left: ${listed}`);
  console.log(`  ok [${lang}] a required document: missing refused, EICAR refused, a PDF attached and downloaded, a wrong one removed`);

  await beforeSubmit({ ctx, appId, appPath, summary });
  await page.goto(`${PORTAL}${appPath}`);

  response = await navigation(page, () => page.locator('button[name=action][value=submit]').click());
  const reference = (await page.locator('#reference').textContent({ timeout: 5000 }).catch(() => null))?.trim();
  if (!reference) {
    const errs = await page.locator('div.govuk-error-summary').textContent().catch(() => '(no error summary)');
    assert.fail(`[${lang}] after submitting, no #reference on ${page.url()}: ${errs}`);
  }
  assert.match(reference, /^EUSS-R1-\d{4}$/, `[${lang}] the tracking reference`);
  await check(page, ctx, 'application-submitted', { response });

  // The receipt, in the group's language, with its tracking reference.
  const receipt = await mailTo(person.email, 'application_received');
  const receiptLanguage = receipt.headers['content-language'] || receipt.headers['x-grants-language'];
  if (receiptLanguage !== lang) problem(`[${lang}] the receipt`, `written in "${receiptLanguage}", not ${lang}`);
  assert.ok(receipt.body.includes(reference), `[${lang}] the receipt quotes ${reference}`);

  response = await page.goto(`${PORTAL}/applications`);
  await check(page, ctx, 'applications', { response });
  assert.ok((await page.locator('main').innerText()).includes(reference),
    `[${lang}] /applications lists ${reference}`);

  return { ctx, appId, appPath, summary, reference, email: person.email };
}

// A form POST with the csrf_token missing, then wrong: 403 and nothing changes.
async function csrfRefusals(ctx, appPath, summary) {
  const { page } = ctx;
  for (const [kind, change] of [
    ['missing', () => page.locator('input[name=csrf_token]').evaluateAll((els) => els.forEach((e) => e.remove()))],
    ['wrong', async () => {
      const token = await page.locator('form:has(button[name=action]) input[name=csrf_token]').inputValue();
      const wrong = tamper(token);
      await page.locator('input[name=csrf_token]').evaluateAll((els, v) => els.forEach((e) => { e.value = v; }), wrong);
    }],
  ]) {
    await page.goto(`${PORTAL}${appPath}`);
    assert.equal(await page.locator('form:has(button[name=action]) input[name=csrf_token]').count(), 1,
      `[${ctx.lang}] the application form has a hidden csrf_token`);
    await page.fill('#project_summary', `CHANGED WITH A ${kind} CSRF TOKEN`);
    await change();
    const response = await navigation(page, () => page.locator('button[name=action][value=save]').click());
    await check(page, ctx, `refused-csrf-${kind}`, { response, status: 403, shot: kind === 'missing' });
    await page.goto(`${PORTAL}${appPath}`);
    assert.equal(await fieldValue(page, '#project_summary'), summary,
      `[${ctx.lang}] a POST with a ${kind} csrf_token must change nothing`);
  }
  // Signing out needs the token too.
  await page.goto(`${PORTAL}/applications`);
  const signOut = page.locator('form[action$="/sign-out"]').first();
  await signOut.locator('input[name=csrf_token]').evaluate((e) => e.remove());
  const response = await navigation(page, () => signOut.locator('button[type=submit]').click());
  assert.equal(response.status(), 403, `[${ctx.lang}] POST /sign-out without csrf_token`);
  await page.goto(`${PORTAL}/applications`);
  assert.equal(new URL(page.url()).pathname, '/applications',
    `[${ctx.lang}] a refused sign-out must leave the session signed in`);
  console.log(`  ok [${ctx.lang}] CSRF: missing and wrong tokens refused with 403, nothing changed`);
}

// A copy of the signed-in context whose session cookie is altered: 400.
async function tamperedCookie(browser, ctx) {
  const cookies = await ctx.context.cookies(); // all: Secure ones are not listed for an http:// URL
  const notLanguage = cookies.filter((c) => !/lang/i.test(c.name));
  assert.ok(notLanguage.length > 0, `[${ctx.lang}] no session cookie (cookies: ${cookies.map((c) => c.name)})`);
  const named = notLanguage.filter((c) => /sess/i.test(c.name));
  const targets = named.length ? named : notLanguage;
  for (const c of targets) {
    assert.ok(c.httpOnly, `[${ctx.lang}] the cookie ${c.name} should be HttpOnly`);
    if (c.sameSite === 'None')
      problem(`[${ctx.lang}] cookie ${c.name}`, 'no SameSite=Lax/Strict');
  }
  const other = await newContext(browser, ctx.lang);
  await other.context.addCookies(cookies.map((c) => (targets.includes(c) ? { ...c, value: tamper(c.value) } : c)));
  const response = await other.page.goto(`${PORTAL}/applications`);
  await check(other.page, other, 'refused-tampered-cookie', { response, status: 400 });
  await other.context.close();
  console.log(`  ok [${ctx.lang}] a tampered ${targets.map((c) => c.name).join(', ')} cookie is refused with 400`);
}

// Officer-written text in the grantee's language (#17 item 2). The round's
// name and description have a Romanian translation from the start; its
// question does not yet, so a Polish and a Romanian page both show it in
// English and say so (the officer translates it once a Romanian group has
// applied: laterTranslation).
async function translatedQuestion(draft) {
  const { page } = draft.ctx;
  const label = async () => (await page.locator(`label[for=answer_${QUESTION_ID}]`).innerText()).trim();
  const hint = async () => (await page.locator(`#answer_${QUESTION_ID}-hint`).innerText()).trim();
  let response = await page.goto(`${PORTAL}${draft.appPath}`);
  assert.equal(await label(), QUESTION_TEXT, '[pl] the untranslated question is in English');
  assert.match(await hint(), /tłumaczenia/, '[pl] the hint says the question is shown in English');
  response = await page.goto(`${PORTAL}${draft.appPath}?lang=ro`);
  await check(page, { ...draft.ctx, lang: 'ro' }, 'application-ro', { response });
  assert.equal(await label(), QUESTION_TEXT, '[ro] no Romanian question yet: in English');
  assert.match(await hint(), /engleză/, '[ro] the hint says the question is shown in English');
  assert.equal((await page.locator('h1').innerText()).trim(), NAME_RO, '[ro] the round\'s name in Romanian');
  // The round's name and description likewise, on the rounds page.
  const description = async () => (await page.locator('.portal-description').first().innerText()).trim();
  response = await page.goto(`${PORTAL}/rounds?lang=ro`);
  await check(page, { ...draft.ctx, lang: 'ro' }, 'rounds-ro', { response, shot: false });
  assert.equal(await description(), DESCRIPTION_RO, '[ro] the round\'s description in Romanian');
  assert.equal((await page.locator(`#round-${ROUND_ID}`).innerText()).trim(), NAME_RO,
    '[ro] the round\'s name in Romanian');
  response = await page.goto(`${PORTAL}/rounds?lang=pl`);
  await check(page, draft.ctx, 'rounds-back-to-pl', { response, shot: false });
  assert.ok((await description()).includes(DESCRIPTION_EN) && /tłumaczenia/.test(await description()),
    `[pl] the description in English, saying so: ${await description()}`);
  response = await page.goto(`${PORTAL}${draft.appPath}?lang=pl`);
  await check(page, draft.ctx, 'application-back-to-pl', { response, shot: false });
  assert.equal((await page.locator('h1').innerText()).trim(), ROUND_NAME,
    '[pl] the round\'s name in English (no Polish name)');
  console.log('  ok [ro] the officer\'s Romanian name and description, the question in English saying so; [pl] English, saying so');
}

// After the Romanian group has applied, an officer translates the round's
// question into Romanian: the group's submitted application, which shows
// what it sent, now asks the question in Romanian above its answer.
async function laterTranslation(ro) {
  const { page } = ro.ctx;
  const asked = async () => (await page.locator(`#sent-${QUESTION_ID}`).innerText()).trim();
  let response = await page.goto(`${PORTAL}${ro.appPath}`);
  await check(page, ro.ctx, 'application-sent', { response });
  assert.ok((await asked()).startsWith(QUESTION_TEXT) && /engleză/.test(await asked()),
    `[ro] before the translation, the question in English, saying so: ${await asked()}`);
  assert.ok((await page.locator('#sent-answers').innerText()).includes('Through churches, markets and WhatsApp groups.'),
    '[ro] the submitted application shows the answer sent');
  // A translation replaces the language's earlier one: name and description again.
  ctl('round', 'translate', ROUND_ID, '--language', 'ro', '--name', NAME_RO,
    '--description', DESCRIPTION_RO, '--question', `${QUESTION_ID}=${QUESTION_RO}`);
  response = await page.goto(`${PORTAL}${ro.appPath}`);
  await check(page, ro.ctx, 'application-sent-translated', { response });
  assert.equal(await asked(), QUESTION_RO, '[ro] the question in the officer\'s later Romanian');
  console.log('  ok [ro] an officer\'s Romanian question, added after the group applied, shows on its application');
}

// A file a little over the largest document (10 MiB) is refused beside the
// file field in the grantee's language; a body larger than the portal reads
// at all, and a form longer than grantsd takes, get a page in their
// language that names the limit, never the HTTP library's bare 413; nothing
// of any of them is kept.
async function tooLarge(ctx, appPath) {
  const { page } = ctx;
  const MiB = 1024 * 1024;
  assert.match(await page.locator('#file-hint').innerText(), /10 MB/, '[ro] the file field says the largest size');
  await page.selectOption('#kind', 'accounts');
  await page.setInputFiles('#file', { name: 'Scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * MiB + 100 * 1024, 0x25) });
  let response = await navigation(page, () => page.locator('#attach-document button[type=submit]').click());
  await checkErrors(page, '[ro] a file over 10 MB', ['file']);
  assert.match(await page.locator('#file-error').innerText(), /prea mare/, '[ro] the file is too large, in Romanian');
  await check(page, ctx, 'application-document-too-large', { response, status: 400 });
  // That page's address is the form's: its language links lead on to the
  // application's page, not to a bare 404.
  response = await navigation(page, () => page.locator('a.portal-language[hreflang=en]').click());
  assert.equal(response.status(), 200, `[ro] another language from an answered form: ${response.status()} at ${page.url()}`);
  assert.equal(new URL(page.url()).pathname, appPath, '[ro] the language link leads to the application');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', '[ro] the page in the language chosen');
  await navigation(page, () => page.locator('a.portal-language[hreflang=ro]').click());
  await page.setInputFiles('#file', { name: 'Film.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(21 * MiB, 0x25) });
  response = await navigation(page, () => page.locator('#attach-document button[type=submit]').click());
  await check(page, ctx, 'document-form-too-large', { response, status: 413 });
  let text = await page.locator('main').innerText();
  assert.ok(text.includes('10 MB') && /mai mare decât putem primi/.test(text),
    `[ro] a body over the portal's limit: a Romanian page naming 10 MB: ${text}`);
  response = await page.goto(`${PORTAL}${appPath}`);
  assert.equal(await page.locator('#attached-documents').count(), 0, '[ro] nothing of either file is kept');
  const planned = await fieldValue(page, '#planned_activities');
  // A form over 2 MB (more than any application within its fields' limits;
  // sent as a script would, since a browser types no such thing).
  // (Its cookies by hand: the request context keeps back Secure cookies
  // over http, which the browser sends to 127.0.0.1.)
  const cookie = (await ctx.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const big = await ctx.context.request.post(`${PORTAL}${appPath}`,
    { multipart: { planned_activities: 'ș'.repeat(1100 * 1024) }, headers: { cookie }, maxRedirects: 0 });
  assert.equal(big.status(), 413, `[ro] a form over 2 MB: ${big.status()}`);
  text = await big.text();
  assert.ok(text.includes('2 MB') && /mai lung/.test(text), `[ro] a form over 2 MB: a Romanian page naming it: ${text.slice(0, 2000)}`);
  await page.goto(`${PORTAL}${appPath}`);
  assert.equal(await fieldValue(page, '#planned_activities'), planned, '[ro] the too-long form changed nothing');
  console.log('  ok [ro] a file over 10 MB refused beside its field; a body over the portal\'s limit and a form over 2 MB answered in Romanian');
}

// The Polish grantee reaches for the English grantee's application.
async function otherOrganisation(mine, theirs) {
  const { page } = mine.ctx;
  let response = await page.goto(`${PORTAL}${theirs.appPath}`);
  await check(page, mine.ctx, 'refused-other-organisation', { response, status: 403 });
  assert.ok(!(await page.content()).includes(theirs.summary),
    `[${mine.ctx.lang}] the refusal page shows the other organisation's summary`);
  // A POST with a valid token of its own to the other application's address:
  // its own draft's form, re-aimed.
  await page.goto(`${PORTAL}${mine.appPath}`);
  const form = page.locator('main form:has(button[name=action])').first();
  await form.evaluate((f, p) => {
    f.setAttribute('action', p);
    f.querySelector('[name=project_summary]').value = 'CHANGED BY ANOTHER ORGANISATION';
    const action = document.createElement('input');
    Object.assign(action, { type: 'hidden', name: 'action', value: 'save' });
    f.appendChild(action);
  }, theirs.appPath);
  response = await navigation(page, () => form.evaluate((f) => f.submit()));
  assert.equal(response.status(), 403, `[${mine.ctx.lang}] a POST to another organisation's application`);
  const back = await theirs.ctx.page.goto(`${PORTAL}${theirs.appPath}`);
  assert.equal(back.status(), 200);
  assert.ok(!(await theirs.ctx.page.content()).includes('CHANGED BY ANOTHER ORGANISATION'),
    'another organisation changed the application');
  console.log(`  ok [${mine.ctx.lang}] another organisation's application is refused with 403 (GET and POST)`);
}

// Signs out; with `email`, signs in again from /applications with a new
// link: a registered address comes back to where it was going.
// The session begun on the first portal carries on on the second: the
// application is there, and a change saved through the second portal shows
// on the first.
async function onTheOtherPortal(draft) {
  const { page, lang } = draft.ctx;
  let response = await page.goto(`${PORTAL2}/applications`);
  assert.equal(new URL(page.url()).pathname, '/applications',
    `[${lang}] the second portal should know the session begun on the first (at ${page.url()})`);
  assert.equal(response.status(), 200);
  response = await page.goto(`${PORTAL2}${draft.appPath}`);
  assert.equal(response.status(), 200, `[${lang}] the application on the second portal`);
  const body = await page.locator('main').textContent();
  assert.ok(body.includes(draft.summary) || body.includes(draft.reference ?? '\u0000'),
    `[${lang}] the second portal shows the application begun on the first`);
  await page.goto(`${PORTAL}/applications`);
  assert.equal(new URL(page.url()).pathname, '/applications', `[${lang}] and back on the first`);
  console.log(`  ok [${lang}] signed in on one portal, carried on on the other and back`);
}

async function signOutAndBack(ctx, email) {
  const { page } = ctx;
  await page.goto(`${PORTAL}/applications`);
  const button = page.locator('form[action$="/sign-out"] button[type=submit]').first();
  assert.equal(await button.count(), 1, `[${ctx.lang}] a sign-out button (form POST /sign-out)`);
  await navigation(page, () => button.click());
  await page.goto(`${PORTAL}/applications`);
  assert.equal(new URL(page.url()).pathname, '/sign-in', `[${ctx.lang}] signed out: /applications goes to /sign-in`);
  console.log(`  ok [${ctx.lang}] signed out`);
  if (!email) return;
  const before = new Set(fs.readdirSync(SPOOL));
  await page.fill('#email', email);
  await navigation(page, () => page.locator('main form:has(#email) button[type=submit]').click());
  const link = await signInLink(email, 30, before);
  await page.goto(link.url);
  const form = page.locator('main form[method=post i]', { has: page.locator('button[type=submit]') }).first();
  await navigation(page, () => form.locator('button[type=submit]').first().click());
  assert.equal(new URL(page.url()).pathname, '/applications',
    `[${ctx.lang}] signing in again after asking for /applications should come back to it (at ${page.url()})`);
  console.log(`  ok [${ctx.lang}] signed in again with a new link, back at /applications`);
}

// The officers close the round and offer both applicants a grant
// (grantsctl, four eyes); the English grantee sees the offer in the portal,
// cannot answer the Polish grantee's offer through its own form, and
// accepts its own.
function ctl(...args) {
  return execFileSync(GRANTSCTL, args, { encoding: 'utf8', env: process.env });
}

async function offers(en, pl) {
  ctl('round', 'close', ROUND_ID);
  const awards = {};
  for (const who of [en, pl]) {
    ctl('--subject', 'officer-ann', 'award', 'recommend', who.appId, '--outcome', 'approve', '--amount', '2500');
    ctl('--subject', 'officer-bob', 'award', 'decide', who.appId, '--outcome', 'approve');
    awards[who.ctx.lang] = JSON.parse(ctl('-o', 'json', 'award', 'offer', who.appId, '--amount', '2500',
      '--condition', 'Safeguarding policy provided')).id;
  }
  // The officer gives the Polish group its condition in Polish (#17 item 2).
  ctl('award', 'condition', 'translate', awards.pl, '--language', 'pl',
    '--text', 'Przekazana polityka ochrony dzieci');
  const { page } = en.ctx;
  let response = await page.goto(`${PORTAL}/awards`);
  await check(page, en.ctx, 'awards-offered', { response });
  const main = await page.locator('main').innerText();
  assert.ok(main.includes('2,500.00') && main.includes('Safeguarding policy provided'),
    `[en] /awards shows the offer of 2,500.00 with its condition: ${main}`);
  assert.equal(await page.locator('form[action^="/awards/"]:not([action*="/conditions/"])').count(), 1, '[en] one offer to answer');

  // Its own form, re-aimed at the other organisation's offer: refused.
  const form = page.locator('form[action^="/awards/"]:not([action*="/conditions/"])').first();
  await form.evaluate((f, p) => {
    f.setAttribute('action', p);
    const action = document.createElement('input');
    Object.assign(action, { type: 'hidden', name: 'action', value: 'accept' });
    f.appendChild(action);
  }, `/awards/${awards.pl}`);
  response = await navigation(page, () => form.evaluate((f) => f.submit()));
  assert.ok([403, 404].includes(response.status()),
    `[en] accepting another organisation's offer: HTTP ${response.status()}`);
  assert.match(ctl('-o', 'json', 'award', 'get', awards.pl), /"AWARD_STATE_OFFERED"|"offered"/i,
    '[en] the Polish offer must still be open');

  response = await page.goto(`${PORTAL}/awards`);
  response = await navigation(page, () => page.locator('button[name=action][value=accept]').click());
  assert.equal(new URL(page.url()).pathname, '/awards', '[en] back at /awards after accepting');
  await check(page, en.ctx, 'awards-accepted', { response });
  assert.equal((await page.locator('.portal-award-state').first().innerText()).trim(), 'Accepted',
    '[en] the award is accepted');
  assert.match(ctl('-o', 'json', 'award', 'get', awards.en), /"AWARD_STATE_ACCEPTED"|"accepted"/i);
  console.log('  ok [en] the offer is shown, accepted, and another organisation\'s offer is refused');

  // The officer's schedule shows under the grant: the first instalment due
  // now, the second on a date (grantsd scopes the list to the organisation:
  // PaymentsTest.AGranteeListsOnlyItsOwnPaymentsWithoutOfficersNames).
  // The first instalment waits for the offer's condition to be signed off.
  ctl('payment', 'schedule', awards.en, '--instalment', '1500@conditions', '--instalment', '1000@2030-01-01');
  response = await page.goto(`${PORTAL}/awards`);
  await check(page, en.ctx, 'awards-payments', { response });
  const table = await page.locator('main table').innerText();
  assert.ok(table.includes('1,500.00') && table.includes('1,000.00') && table.includes('2030-01-01'),
    `[en] /awards shows both instalments: ${table}`);
  const firstRow = () => page.locator('main table tbody tr').first().innerText();
  assert.ok(/When the conditions are signed off/.test(await firstRow()) && /Scheduled/.test(await firstRow()),
    `[en] the first instalment waits for the conditions: ${await firstRow()}`);
  console.log('  ok [en] the grant\'s payments are listed, the first waiting for its condition');

  // The grantee meets the condition with a document; an officer signs it
  // off; the first instalment is due.
  const condition = page.locator('ul.portal-conditions li').first();
  // An infected file first: refused beside the condition's file field,
  // with the statement kept.
  await condition.locator('textarea').fill('Our safeguarding policy, adopted in March.');
  await condition.locator('input[type=file]').setInputFiles({ name: 'policy.pdf', mimeType: 'application/pdf', buffer: Buffer.from(EICAR) });
  response = await navigation(page, () => condition.locator('button[type=submit]').click());
  const fileField = await condition.locator('input[type=file]').getAttribute('id');
  await checkErrors(page, '[en] an infected condition document', [fileField]);
  await check(page, en.ctx, 'awards-condition-infected', { response, status: 400 });
  assert.equal(await condition.locator('textarea').inputValue(), 'Our safeguarding policy, adopted in March.',
    '[en] the condition\'s statement is kept');
  await condition.locator('input[type=file]').setInputFiles({ name: 'Safeguarding policy.pdf', mimeType: 'application/pdf', buffer: PDF });
  response = await navigation(page, () => condition.locator('button[type=submit]').click());
  assert.equal(new URL(page.url()).searchParams.get('met'), '1', `[en] the condition is sent: at ${page.url()}`);
  await check(page, en.ctx, 'awards-condition-met', { response });
  assert.equal((await page.locator('.portal-condition-state').first().innerText()).trim(),
    'Sent: the grants team is checking it', '[en] the condition waits for the grants team');
  const items = JSON.parse(ctl('-o', 'json', 'award', 'conditions', awards.en)).condition_items;
  assert.equal(items[0].document_ids.length, 1, '[en] the condition carries the document');
  ctl('--subject', 'officer-bob', 'award', 'condition', 'sign-off', items[0].id);
  response = await page.goto(`${PORTAL}/awards`);
  await check(page, en.ctx, 'awards-payment-due', { response });
  assert.ok(/\bDue\b/.test(await firstRow()), `[en] the first instalment is due: ${await firstRow()}`);
  console.log('  ok [en] a condition met with a document, signed off, and the payment due');

  // The officer asks for an interim and a final report; the grantee reports
  // (a part above its total is refused beside its field), the officer
  // accepts, and the portal shows it.
  ctl('report', 'requirements', 'set', awards.en, '--require', 'interim@2030-01-31',
    '--require', 'final@2030-06-30');
  response = await page.goto(`${PORTAL}/reports`);
  await check(page, en.ctx, 'reports', { response });
  assert.equal(await page.locator('main tbody tr').count(), 2, '[en] two reports asked for');
  response = await navigation(page, () => page.locator('main tbody tr a').first().click());
  await check(page, en.ctx, 'report', { response });
  await page.fill('#period_start', '2026-01-01');
  await page.fill('#period_end', '2026-03-31');
  await page.fill('#activities', 'Twelve drop-in sessions with interpreters.');
  await page.fill('#sessions_held', '12');
  await page.fill('#people_supported', '40');
  await page.fill('#people_reached', '800');
  await page.fill('#applications_assisted', '25');
  await page.fill('#community_roma_supported', '50');
  await page.fill('#spend', '1000');
  await page.fill('#story', 'A family of five got settled status in time.');
  // Evidence goes to the award before the report does: grantsd refuses
  // this report, and nothing of its evidence stays with the award.
  await page.setInputFiles('#evidence', { name: 'Attendance.pdf', mimeType: 'application/pdf', buffer: PDF });
  response = await navigation(page, () => page.locator('main form button[type=submit]').click());
  await checkErrors(page, '[en] report', ['community_roma_supported']);
  const leftOver = JSON.parse(ctl('-o', 'json', 'document', 'list', '--award', awards.en));
  assert.equal((leftOver.documents || []).filter((d) => d.file_name === 'Attendance.pdf').length, 0,
    `[en] a refused report's evidence is not kept: ${JSON.stringify(leftOver)}`);
  await check(page, en.ctx, 'report-errors', { response, status: response.status() });
  assert.equal(await fieldValue(page, '#activities'), 'Twelve drop-in sessions with interpreters.',
    '[en] the report keeps what was typed');
  await page.fill('#community_roma_supported', '30');
  await page.fill('#community_roma_reached', '600');
  await page.fill('#age_25_to_64_supported', '30');
  // Evidence over the largest document: refused beside its field, in the
  // page's words, and the report as typed is kept.
  await page.setInputFiles('#evidence', { name: 'Attendance scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 100 * 1024, 0x25) });
  response = await navigation(page, () => page.locator('main form button[type=submit]').click());
  await checkErrors(page, '[en] evidence over 10 MB', ['evidence']);
  assert.match(await page.locator('#evidence-error').innerText(), /too large/, '[en] the evidence is too large');
  assert.equal(await fieldValue(page, '#activities'), 'Twelve drop-in sessions with interpreters.',
    '[en] the report keeps what was typed beside a file too large');
  assert.equal(await fieldValue(page, '#community_roma_supported'), '30', '[en] and the corrected numbers');
  await page.setInputFiles('#evidence', { name: 'Attendance.pdf', mimeType: 'application/pdf', buffer: PDF });
  response = await navigation(page, () => page.locator('main form button[type=submit]').click());
  assert.equal(new URL(page.url()).pathname, '/reports', `[en] after sending the report: ${page.url()}`);
  const sent = await page.locator('.portal-report-state').first().innerText();
  assert.equal(sent.trim(), 'Sent: waiting for review', '[en] the report waits for review');
  const requirements = JSON.parse(ctl('-o', 'json', 'report', 'requirements', 'list', '--award', awards.en));
  const reportId = requirements.requirements.find((r) => r.latestReportId || r.latest_report_id);
  const sentReport = JSON.parse(ctl('-o', 'json', 'report', 'get', reportId.latestReportId || reportId.latest_report_id));
  assert.equal(sentReport.content.document_ids.length, 1, '[en] the report carries its evidence');
  ctl('report', 'review', reportId.latestReportId || reportId.latest_report_id, '--accept');
  response = await page.goto(`${PORTAL}/reports`);
  await check(page, en.ctx, 'reports-accepted', { response });
  assert.equal((await page.locator('.portal-report-state').first().innerText()).trim(), 'Accepted',
    '[en] the accepted report shows as accepted');
  console.log('  ok [en] a report is sent (a part above its total refused beside its field) and accepted');

  // In Polish: the other grantee updates its organisation, then declines
  // its offer with a reason.
  const other = pl.ctx.page;
  response = await other.goto(`${PORTAL}/organisation`);
  await check(other, pl.ctx, 'organisation-update', { response });
  await other.fill('#contact_phone', '020 7946 0999');
  response = await navigation(other, () => other.locator('main form button[type=submit]').click());
  assert.equal(new URL(other.url()).pathname, '/rounds', `[pl] saving the organisation: ${other.url()}`);
  await other.goto(`${PORTAL}/organisation`);
  assert.equal(await fieldValue(other, '#contact_phone'), '020 7946 0999', '[pl] the organisation keeps the change');
  response = await other.goto(`${PORTAL}/awards`);
  await check(other, pl.ctx, 'awards-offered', { response });
  const conditionText = await other.locator('ul.portal-conditions li').first().innerText();
  assert.ok(conditionText.includes('Przekazana polityka ochrony dzieci') &&
    !conditionText.includes('Safeguarding policy provided'),
  `[pl] the condition in the officer's Polish: ${conditionText}`);
  await other.fill('main textarea[name^="reason-"]', 'Nie mamy teraz wolontariuszy.');
  response = await navigation(other, () => other.locator('button[name=action][value=decline]').click());
  await check(other, pl.ctx, 'awards-declined', { response });
  const declined = (await other.locator('.portal-award-state').first().innerText()).trim();
  assert.ok(declined.length > 0 && declined !== 'Declined', `[pl] the declined state in Polish: ${declined}`);
  assert.match(ctl('-o', 'json', 'award', 'get', awards.pl), /"AWARD_STATE_DECLINED"|"declined"/i);
  assert.match(ctl('-o', 'json', 'award', 'get', awards.pl), /Nie mamy teraz wolontariuszy/);
  console.log('  ok [pl] the condition in Polish; the organisation is updated and the offer declined with a reason');
}

// The Romanian group asked for help by phone: an officer accepts its offer
// for it. Its application page shows who did what for it and why, in
// Romanian, and its acceptance message names the officer and the reason.
async function acceptedOnBehalf(ro) {
  const reason = 'Accepted by phone through an interpreter';
  ctl('--subject', 'officer-ann', 'award', 'recommend', ro.appId, '--outcome', 'approve', '--amount', '2000');
  ctl('--subject', 'officer-bob', 'award', 'decide', ro.appId, '--outcome', 'approve');
  const awardId = JSON.parse(ctl('-o', 'json', 'award', 'offer', ro.appId, '--amount', '2000')).id;
  const app = JSON.parse(ctl('-o', 'json', 'application', 'get', ro.appId));
  const orgId = app.organisationId || app.organisation_id;
  ctl('--subject', 'officer-oli', 'award', 'accept', awardId, '--on-behalf', orgId, '--on-behalf-reason', reason);
  const { page } = ro.ctx;
  const response = await page.goto(`${PORTAL}${ro.appPath}`);
  await check(page, ro.ctx, 'application-acts-on-behalf', { response });
  const acts = await page.locator('#acts-on-behalf tbody tr').allInnerTexts();
  assert.equal(acts.length, 1, `[ro] one act for the group: ${acts}`);
  assert.ok(acts[0].includes('A acceptat oferta') && acts[0].includes('officer-oli') && acts[0].includes(reason),
    `[ro] the act in Romanian, with the officer and the reason: ${acts[0]}`);
  const told = await mailTo(ro.email, 'offer_accepted');
  const language = told.headers['content-language'] || told.headers['x-grants-language'];
  assert.equal(language, 'ro', '[ro] the acceptance message in Romanian');
  assert.ok(told.body.includes('officer-oli') && told.body.includes(reason) && told.body.includes('2,000.00'),
    `[ro] the acceptance message names the officer and the reason: ${told.body}`);
  console.log('  ok [ro] an officer accepts the offer for the group: shown on its application and told to it, in Romanian');
}

// A signed-in group's pages in Arabic: right to left, each passing axe.
async function arabicPages(signedIn) {
  const { page } = signedIn.ctx;
  const ar = { ...signedIn.ctx, lang: 'ar' };
  for (const [name, where] of [['applications', '/applications'], ['application', signedIn.appPath],
    ['awards', '/awards'], ['reports', '/reports'], ['organisation', '/organisation'],
    ['bank-details', '/organisation/bank-details'], ['rounds', '/rounds']]) {
    const response = await page.goto(`${PORTAL}${where}${where.includes('?') ? '&' : '?'}lang=ar`);
    const facts = await check(page, ar, name, { response });
    assert.ok(facts.h1s.length > 0, `[ar] ${where} has a heading`);
  }
  const response = await page.goto(`${PORTAL}/applications?lang=${signedIn.ctx.lang}`);
  await check(page, signedIn.ctx, 'applications-back', { response, shot: false });
  console.log('  ok [ar] a signed-in group\'s pages run right to left and pass axe');
}

// Arabic pages run right to left (and pass axe like every other page).
async function arabicRightToLeft(browser) {
  const ctx = await newContext(browser, 'ar');
  let response = await ctx.page.goto(`${PORTAL}/sign-in`);
  response = await navigation(ctx.page, () => ctx.page.locator('nav#languages a[hreflang=ar]').click());
  const facts = await check(ctx.page, ctx, 'sign-in', { response });
  assert.notEqual(facts.h1s[0], headings.en['sign-in'], '[ar] the sign-in heading is in Arabic');
  await ctx.context.close();
  console.log('  ok [ar] the sign-in page runs right to left');
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const args = ['--disable-dev-shm-usage'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  console.log(`chromium ${browser.version()}, portal ${PORTAL}`);
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  try {
    const en = await journey(browser, 'en', {
      email: `ana.popescu+${tag}@example.org`, organisation: 'Roma Support Group',
      contact: 'Ana Popescu', summary: 'Drop-in EUSS sessions for Roma families',
    }, (draft) => csrfRefusals(draft.ctx, draft.appPath, draft.summary));
    await onTheOtherPortal(en);
    await tamperedCookie(browser, en.ctx);
    const pl = await journey(browser, 'pl', {
      email: `zofia.nowak+${tag}@example.org`, organisation: 'Polskie Stowarzyszenie Wsparcia',
      contact: 'Zofia Nowak', summary: 'Dyżury w sprawie statusu osiedleńczego dla polskich rodzin',
    }, async (draft) => {
      await otherOrganisation(draft, en);
      await translatedQuestion(draft);
    });
    for (const name of ['sign-in', 'check-email', 'organisation', 'rounds', 'applications']) {
      if (headings.pl[name] && headings.pl[name] === headings.en[name])
        problem(`[pl] ${name}`, `the h1 "${headings.pl[name]}" is not translated`);
    }
    // In Romanian on a phone-sized group's first visit: the same journey,
    // its required document attached, its receipt in Romanian.
    const ro = await journey(browser, 'ro', {
      email: `ioana.dumitru+${tag}@example.org`, organisation: 'Asociația Femeilor Rome din Londra',
      contact: 'Ioana Dumitru', summary: 'Sesiuni de sprijin pentru familiile rome care cer statut',
    });
    await laterTranslation(ro);
    await signOutAndBack(pl.ctx, pl.email);
    await signOutAndBack(en.ctx, en.email);
    await offers(en, pl);
    await acceptedOnBehalf(ro);
    await arabicPages(ro);
    await ro.ctx.context.close();
    await arabicRightToLeft(browser);
  } catch (e) {
    console.error(`\nFAIL: ${e.message}`);
    for (const c of [lastContext].filter(Boolean)) {
      const file = path.join(SHOTS, `FAILED-${c.lang}.png`);
      await c.page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`  at ${c.page.url()} (screenshot ${file})`);
    }
    if (problems.length) console.error(`and ${problems.length} other problem(s):\n${problems.join('\n')}`);
    await browser.close();
    process.exit(1);
  }
  await browser.close();
  if (problems.length) {
    console.error(`\nFAIL: ${problems.length} problem(s):\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log(`journey passed: screenshots in ${SHOTS}`);
}

await main();
