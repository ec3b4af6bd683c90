// browser.mjs: a worker's day in Chromium (sign in, search, register a
// family with an Arabic name, record a visit, take a register, see the reach
// page change, Arabic pages, a phone's screen, sign out) and an analyst's
// limits; one line per step, exit 1 on any failure
import { startServer, startBrowser, signIn, shot, steps, sql, assert, i18nKeys, artifacts } from './harness.mjs';
import { join } from 'node:path';

const t0 = performance.now();
const limit = 240;   // seconds: a hung page or server fails the test instead of CI
setTimeout(() => { console.log(`FAIL the browser tests took over ${limit} s`); process.exit(1); }, limit * 1000).unref();
const server = await startServer();
const browser = await startBrowser();
const url = server.url;
const db = server.db;
const keys = i18nKeys();
const notes = [];       // what a user would see as wrong, but not what the steps check
const pageErrors = [];  // JavaScript errors and server errors seen by the browser

// ---- dates (the server's today is UTC) and the data the steps use
const iso = (d) => d.toISOString().slice(0, 10);
const today = iso(new Date());
const yearStart = today.slice(0, 4) + '-01-01';

// a CC01 child and the surname to search for
const [[surname, knownFamily]] = sql(db, `SELECT p.last_name, f.ext_id FROM people p
  JOIN families f ON f.id = p.family_id JOIN centres c ON c.id = f.centre_id
  WHERE c.code = 'CC01' AND p.role = 'child' ORDER BY p.id LIMIT 1`);
const knownMembers = sql(db, `SELECT p.first_name || ' ' || p.last_name FROM people p
  JOIN families f ON f.id = p.family_id WHERE f.ext_id = '${knownFamily}'`).map((r) => r[0]);
// a postcode in CC01's reach area where a CC01 family with a child under
// four lives, that family's surname and the child's names and date of birth:
// a new child of that surname at that postcode born the same day, with the
// first name one letter longer (the same child typed again) is a possible
// duplicate for the matching engine (a first name nothing like it would be
// a twin, and is not)
const [[postcode, dupSurname, dupFamily, dupDob, dupFirst]] = sql(db, `SELECT f.postcode, p.last_name, f.ext_id, p.date_of_birth, p.first_name FROM people p
  JOIN families f ON f.id = p.family_id JOIN postcodes pc ON pc.postcode = f.postcode
  JOIN reach_areas ra ON ra.lsoa_code = pc.lsoa_code JOIN centres c ON c.id = ra.centre_id
  WHERE c.code = 'CC01' AND f.centre_id = c.id AND p.role = 'child'
  AND p.date_of_birth > date('now', '-4 years') ORDER BY p.id LIMIT 1`);
const childDob = new Date(dupDob + 'T00:00:00Z');
const carer = { first: 'فاطمة', last: 'الحسن' };
const child = { first: dupFirst + dupFirst.slice(-1), last: dupSurname };
assert(sql(db, `SELECT 1 FROM people WHERE first_name = '${child.first}' AND last_name = '${child.last.replace(/'/g, "''")}'`).length === 0,
       'the demo has a ' + child.first + ' ' + child.last + ' already');
const activity = 'Sing and Sign';   // an activity the demo does not have
assert(sql(db, `SELECT 1 FROM activities WHERE name = '${activity}'`).length === 0, 'the demo has ' + activity + ' already');
let newFamily = '';        // the ext ID of the family registered in step 3
let reachBefore = null;    // CC01's row on /reach before the family was registered

// ---- what every page is checked for
function watch(page) {
  page.on('pageerror', (e) => pageErrors.push(page.url() + ': ' + e.message));
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.status() >= 500 || (r.status() >= 400 && path.startsWith('/assets/')))
      pageErrors.push(r.url() + ': status ' + r.status());
  });
  // (a resource that failed to load is in the responses above; the browser's
  // own /favicon.ico request is not, and is not the page's)
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      pageErrors.push(page.url() + ': console: ' + m.text());
  });
}

// keys of the words file shown raw as text
async function rawKeys(page) {
  const text = await page.evaluate(() => document.body.innerText);
  return keys.filter((k) => new RegExp('(^|[^\\w.])' + k.replace(/\./g, '\\.') + '($|[^\\w.])').test(text));
}

// the page is wider than the screen: the widest elements that stick out,
// for the message
async function overflow(page, width) {
  return page.evaluate((w) => {
    const sw = document.documentElement.scrollWidth;
    if (sw <= w + 1) return null;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1 && out.length < 3) {
        out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') +
                 ' right=' + Math.round(r.right));
      }
    }
    return 'scrollWidth ' + sw + ': ' + out.join(', ');
  }, width);
}

// screenshots of the page as it is at 1100 px and at 360 px (name-1100.png,
// name-360.png); a raw key fails the step, overflow at 360 px is noted
// (the phone step fails on it)
async function snap(page, name) {
  const raw = await rawKeys(page);
  assert(raw.length === 0, name + ': untranslated keys shown: ' + raw.join(', '));
  const vp = page.viewportSize();
  await resize(page, 1100, 900);
  await shot(page, name + '-1100');
  await resize(page, 360, 740);
  const o = await overflow(page, 360);
  if (o) notes.push(name + ' at 360 px is wider than the screen: ' + o);
  await shot(page, name + '-360');
  await resize(page, vp.width, vp.height);
}

// a new window size, laid out and painted before a screenshot
async function resize(page, width, height) {
  await page.setViewportSize({ width, height });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function text(page, selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

async function texts(page, selector) {
  return (await page.locator(selector).allInnerTexts()).map((s) => s.trim());
}

// CC01's row of the reach table: population, registered, took part
async function reachRow(page) {
  await page.goto(`${url}/reach?from=${yearStart}&to=${today}&by=centre`);
  const intro = await text(page, 'main p.govuk-body');
  assert(intro.includes(yearStart) && intro.includes(today), 'reach page is not for the period asked: ' + intro);
  const row = page.locator('main table tr', { has: page.locator('th', { hasText: '(CC01)' }) }).first();
  assert(await row.count() === 1, 'no CC01 row on the reach page');
  const cells = (await row.locator('td').allInnerTexts()).map((s) => parseInt(s.replace(/,/g, ''), 10));
  assert(cells.length >= 3 && cells.slice(0, 3).every(Number.isFinite), 'CC01 row is not numbers: ' + cells);
  return { population: cells[0], registered: cells[1], engaged: cells[2] };
}

async function visitCount(page, kind) {
  await page.goto(`${url}/visits?from=${today}&to=${today}`);
  const row = page.locator('main table tr', { has: page.locator('th', { hasText: kind }) }).first();
  assert(await row.count() === 1, 'no row "' + kind + '" on /visits');
  return parseInt(await row.locator('td').first().innerText(), 10);
}

// ---- the worker
const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
const page = await ctx.newPage();
page.setDefaultTimeout(10000);
watch(page);
let visitsBefore = 0;

const worker = await steps(page, [
  ['1 worker signs in and sees their name', async () => {
    await page.goto(url + '/search');
    assert(/\/login/.test(page.url()), 'a signed-out /search did not go to the sign-in page: ' + page.url());
    assert((await text(page, 'h1')) === 'Sign in to Reach', 'sign-in heading: ' + await text(page, 'h1'));
    await snap(page, '01-sign-in');
    await signIn(page, url, 'worker');
    const who = await text(page, '.reach-account__name');
    assert(who === 'Signed in as worker', 'header says: ' + who);
    assert(await page.locator('header button', { hasText: 'Sign out' }).isVisible(), 'no sign-out button');
    reachBefore = await reachRow(page);
    await page.goto(url + '/search');
    await snap(page, '01-search-empty');
  }],

  ['2 searches a surname and opens the family', async () => {
    await page.fill('#q', surname);
    await Promise.all([page.waitForURL(/\/search\?q=/), page.click('main button[type=submit]')]);
    const heading = await text(page, 'main h2');
    assert(new RegExp('^\\d+ results? for ‘' + surname + '’$').test(heading), 'results heading: ' + heading);
    const cards = page.locator('main .govuk-summary-card');
    assert(await cards.count() >= 1, 'no result cards');
    const card = cards.filter({ has: page.locator(`a[href="/families/${knownFamily}"]`) });
    assert(await card.count() === 1, 'family ' + knownFamily + ' is not among the results');
    assert((await card.innerText()).includes(surname), 'the card of ' + knownFamily + ' does not show ' + surname);
    await snap(page, '02-search-results');
    await Promise.all([page.waitForURL(new RegExp('/families/' + knownFamily + '$')),
                       card.locator('a[href^="/families/"]').first().click()]);
    assert((await text(page, 'h1')) === 'Family ' + knownFamily, 'family heading: ' + await text(page, 'h1'));
    const members = await texts(page, 'main .govuk-summary-card__title');
    for (const m of knownMembers)
      assert(members.includes(m), 'member ' + m + ' not shown; shown: ' + members.join(', '));
    await snap(page, '02-family');
  }],

  ['3 registers a family with an Arabic carer name', async () => {
    await Promise.all([page.waitForURL(/\/families\/new$/), page.click('nav a:text-is("Register a family")')]);
    assert((await text(page, 'h1')) === 'Register a family', 'form heading: ' + await text(page, 'h1'));
    await page.fill('#address_line1', '12 Rose Street');
    await page.fill('#postcode', postcode.toLowerCase().replace(' ', ''));
    await page.fill('#carer1_first_name', carer.first);
    await page.fill('#carer1_last_name', carer.last);
    await page.check('#carer1_relationship');              // mother
    await page.check('#carer1_sex');                       // female
    await page.getByLabel('Arabic', { exact: true }).first().check();
    await page.fill('#child1_first_name', child.first);
    await page.fill('#child1_last_name', child.last);
    await page.fill('#child1_dob-day', String(childDob.getUTCDate()));
    await page.fill('#child1_dob-month', String(childDob.getUTCMonth() + 1));
    await page.fill('#child1_dob-year', String(childDob.getUTCFullYear()));
    await page.check('#child1_sex');
    const centre = page.locator('#centre');
    if (await centre.count() && await centre.evaluate((e) => e.tagName === 'SELECT'))
      await centre.selectOption('CC01');
    await page.check('#consent_contact');                  // yes
    await page.check('#consent_share');                    // yes
    await snap(page, '03-register-form');
    await page.click('main button:text-is("Save family")');
    await page.waitForLoadState();
    // a child of that surname at that postcode born that day: "Is this the same family?"
    assert((await text(page, 'h1')) === 'Is this the same family?', 'no duplicate warning: ' + await text(page, 'h1'));
    assert(await page.locator(`main a[href="/families/${dupFamily}"]`).count() >= 1,
           'the warning does not offer family ' + dupFamily + ' (same postcode, surname ' + dupSurname + ', born ' + dupDob + ')');
    assert((await text(page, 'main table')).includes('likely to be ' + child.first + ' ' + child.last),
           'the warning does not say how likely');
    await snap(page, '03-duplicate-warning');
    await Promise.all([page.waitForURL(/registered=1/), page.click('#dup-new')]);
    const m = /\/families\/([A-Z0-9]+)\?registered=1$/.exec(page.url());
    assert(m, 'did not land on the new family: ' + page.url() + ' (' + await text(page, 'h1') + ')');
    newFamily = m[1];
    const banner = page.locator('.govuk-notification-banner--success');
    assert(await banner.isVisible(), 'no success banner');
    assert((await banner.innerText()).includes('Family registered'), 'banner: ' + await banner.innerText());
    assert((await banner.innerText()).includes(newFamily), 'the banner does not give the family ID');
    const members = await texts(page, 'main .govuk-summary-card__title');
    assert(members.includes(carer.first + ' ' + carer.last), 'the Arabic name is not shown exactly; shown: ' + members.join(', '));
    assert(members.includes(child.first + ' ' + child.last), 'the child is not shown; shown: ' + members.join(', '));
    assert((await page.locator('main').innerText()).includes(postcode), 'the postcode ' + postcode + ' is not shown');
    const stored = sql(db, `SELECT hex(p.first_name), hex(p.last_name) FROM people p JOIN families f ON f.id = p.family_id
      WHERE f.ext_id = '${newFamily}' AND p.role = 'carer'`);
    assert(stored.length === 1 && stored[0][0] === Buffer.from(carer.first).toString('hex').toUpperCase() &&
           stored[0][1] === Buffer.from(carer.last).toString('hex').toUpperCase(), 'the Arabic name is not stored byte for byte');
    await snap(page, '03-family-registered');
    // the new family is found by its Arabic surname
    await page.goto(url + '/search?q=' + encodeURIComponent(carer.last));
    assert(await page.locator(`main a[href="/families/${newFamily}"]`).count() === 1, 'searching ' + carer.last + ' does not find ' + newFamily);
    await snap(page, '03-search-arabic');
  }],

  ['4 records a new birth visit', async () => {
    visitsBefore = await visitCount(page, 'New birth visit');
    await page.goto(url + '/families/' + newFamily);
    await Promise.all([page.waitForURL(/\/visits\/new$/), page.click('main a:text-is("Record a visit")')]);
    await page.getByLabel('New birth visit', { exact: true }).check();
    const day = page.locator('#visit_date-day');
    if (!(await day.inputValue())) {
      await day.fill(String(Number(today.slice(8, 10))));
      await page.fill('#visit_date-month', String(Number(today.slice(5, 7))));
      await page.fill('#visit_date-year', today.slice(0, 4));
    }
    // the visit's centre: the family's own centre unless one is chosen already
    const centre = page.locator('select#centre');
    if (await centre.count() && !(await centre.inputValue())) {
      const label = (await centre.locator('option').allInnerTexts()).find((t) => t.includes(centreName));
      assert(label, 'no ' + centreName + ' among the visit centres');
      await centre.selectOption({ label });
    }
    await page.fill('#notes', 'Met mum and baby at home; gave the timetable.');
    await snap(page, '04-visit-form');
    await Promise.all([page.waitForURL(new RegExp('/families/' + newFamily)), page.click('main form button[type=submit]')]);
    const banner = page.locator('.govuk-notification-banner--success');
    assert(await banner.isVisible() && (await banner.innerText()).includes('Visit recorded'), 'no "Visit recorded" banner');
    const main = await page.locator('main').innerText();
    assert(main.includes('New birth visit'), 'the family page does not show the visit');
    await snap(page, '04-family-with-visit');
    const after = await visitCount(page, 'New birth visit');
    assert(after === visitsBefore + 1, `/visits counts ${after} new birth visits today, expected ${visitsBefore + 1}`);
    assert(await page.locator(`main a[href="/families/${newFamily}"]`).count() >= 1, '/visits does not list the visit to ' + newFamily);
    await snap(page, '04-visits');
  }],

  ['5 takes a register and the reach page changes', async () => {
    // the family registered today: one more registered child in CC01's area, none more took part
    const mid = await reachRow(page);
    assert(mid.registered === reachBefore.registered + 1,
           `registered ${mid.registered} after registering the family, expected ${reachBefore.registered + 1}`);
    assert(mid.engaged === reachBefore.engaged, `took part ${mid.engaged} before the register, expected ${reachBefore.engaged}`);
    await snap(page, '05-reach-before');
    await Promise.all([page.waitForURL(/\/registers/), page.click('nav a:text-is("Registers")')]);
    await page.fill('#activity_other', activity);
    assert((await page.inputValue('#date')) === today, 'the register date is not today: ' + await page.inputValue('#date'));
    await Promise.all([page.waitForURL(/\/registers\/take/), page.click('main button:text-is("Open register")')]);
    assert((await text(page, 'h1')).includes(activity), 'register heading: ' + await text(page, 'h1'));
    await page.fill('#q', child.first + ' ' + child.last);
    await Promise.all([page.waitForURL(/[?&]q=/), page.click('main button:text-is("Search")')]);
    const box = page.getByLabel(child.first + ' ' + child.last, { exact: true });
    assert(await box.count() === 1, 'the child is not offered on the register');
    await box.check();
    await snap(page, '05-register');
    await Promise.all([page.waitForURL(/saved=1/), page.click('main button:text-is("Save register")')]);
    const banner = page.locator('.govuk-notification-banner--success');
    assert(await banner.isVisible(), 'no banner after saving');
    assert((await banner.innerText()).includes('Register saved'), 'banner: ' + await banner.innerText());
    assert(await page.getByLabel(child.first + ' ' + child.last, { exact: true }).isChecked(), 'the child is not ticked on the saved register');
    await snap(page, '05-register-saved');
    const after = await reachRow(page);
    assert(after.registered === reachBefore.registered + 1, `registered ${after.registered}, expected ${reachBefore.registered + 1}`);
    assert(after.engaged === reachBefore.engaged + 1, `took part ${after.engaged}, expected ${reachBefore.engaged + 1}`);
    assert(after.population === reachBefore.population, 'the population changed');
    await snap(page, '05-reach-after');
  }],

  ['6 switches to Arabic and back', async () => {
    await page.goto(url + '/families/' + newFamily);
    await Promise.all([page.waitForURL(/lang=ar/), page.click('a[hreflang="ar"]')]);
    const html = page.locator('html');
    assert((await html.getAttribute('dir')) === 'rtl' && (await html.getAttribute('lang')) === 'ar',
           'html is not dir="rtl" lang="ar"');
    const h2 = await texts(page, 'main h2');
    assert(h2.length && h2.every((h) => /[\u0600-\u06ff]/.test(h)), 'headings not in Arabic: ' + h2.join(' | '));
    assert((await page.locator('main').innerText()).includes(carer.first + ' ' + carer.last), 'the Arabic name is lost');
    await snap(page, '06-family-ar');
    await Promise.all([page.waitForURL(/\/search$/), page.click('nav.govuk-service-navigation__wrapper a[href="/search"]')]);
    assert((await page.locator('html').getAttribute('dir')) === 'rtl', 'Arabic is not kept from page to page');
    assert(/[\u0600-\u06ff]/.test(await text(page, 'h1, main label.govuk-label--l')), 'search heading not in Arabic');
    await snap(page, '06-search-ar');
    await Promise.all([page.waitForURL(/lang=en/), page.click('a[hreflang="en"]')]);
    assert((await page.locator('html').getAttribute('dir')) === 'ltr', 'not back to dir="ltr"');
    assert((await text(page, 'main label.govuk-label--l')) === 'Find a family', 'not back to English');
  }],

  ['7 a phone: search and family pages fit 360 px', async () => {
    await resize(page, 360, 740);
    const pages = [
      ['07-search', `/search?q=${encodeURIComponent(surname)}`, true],
      ['07-family', `/families/${newFamily}`, true],
      ['07-family-known', `/families/${knownFamily}`, true],
      ['07-register-form', '/families/new', false],
      ['07-reach', `/reach?from=${yearStart}&to=${today}`, false],
      ['07-visits', '/visits', false],
      ['07-registers', '/registers', false],
    ];
    const bad = [];
    for (const [name, path, must] of pages) {
      await page.goto(url + path);
      const o = await overflow(page, 360);
      if (o && must) bad.push(path + ' ' + o);
      else if (o) notes.push(path + ' at 360 px is wider than the screen: ' + o);
      await shot(page, name + '-360');
    }
    // the menu is a button on a phone
    await page.goto(url + '/search');
    const toggle = page.locator('.govuk-service-navigation__toggle');
    if (await toggle.isVisible()) {
      await toggle.click();
      assert(await page.locator('nav a:text-is("Register a family")').isVisible(), 'the phone menu does not open');
      await shot(page, '07-menu-open-360');
    } else {
      notes.push('the menu button is not shown at 360 px');
    }
    await resize(page, 1100, 900);
    assert(bad.length === 0, 'wider than 360 px: ' + bad.join('; '));
  }],

  ['8 signs out; back and /search go to the sign-in page', async () => {
    await page.goto(url + '/families/' + newFamily);
    assert((await page.locator('main').innerText()).includes(carer.first), 'the family page does not show the carer');
    await Promise.all([page.waitForURL(/\/login/), page.click('header button:text-is("Sign out")')]);
    assert(await page.locator('#username').isVisible(), 'no sign-in form after signing out');
    await snap(page, '08-signed-out');
    // the browser's back button does not bring the family's record back
    await page.goBack();
    assert(!(await page.locator('body').innerText()).includes(carer.first),
           'back after signing out shows the family record (' + page.url() + ')');
    await page.goto(url + '/search');
    assert(/\/login/.test(page.url()), '/search after signing out is ' + page.url());
    assert(await page.locator('#username').isVisible(), 'no sign-in form');
  }],
]);

// ---- the analyst: all centres, reports and exports, no changes to families
const actx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
const apage = await actx.newPage();
apage.setDefaultTimeout(10000);
watch(apage);
const analyst = await steps(apage, [
  ['9 analyst cannot register a family, can export', async () => {
    await signIn(apage, url, 'analyst');
    assert((await text(apage, '.reach-account__name')) === 'Signed in as analyst', 'analyst header');
    assert(await apage.locator('nav a:text-is("Register a family")').count() === 0, 'the analyst is offered "Register a family"');
    const r = await apage.goto(url + '/families/new');
    assert(r.status() === 403, '/families/new gave ' + r.status());
    assert((await text(apage, 'h1')) === 'You cannot see this page', '403 heading: ' + await text(apage, 'h1'));
    assert(await apage.locator('#carer1_first_name').count() === 0, 'the form is shown anyway');
    await snap(apage, '09-analyst-403');
    // the reach page (all centres for an analyst) leads to the export
    await apage.goto(url + '/reach');
    assert(await apage.locator('main table tr', { has: apage.locator('th', { hasText: '(CC01)' }) }).count() === 1,
           'the analyst does not see CC01 on the reach page');
    const [e] = await Promise.all([apage.waitForResponse((r) => new URL(r.url()).pathname === '/export'),
                                   apage.click('main a[href="/export"]')]);
    assert(e.status() === 200, '/export gave ' + e.status());
    assert((await text(apage, 'h1')) === 'Download a mail-merge list', 'export heading: ' + await text(apage, 'h1'));
    assert(await apage.locator('main form').count() >= 1, 'no export form');
    await snap(apage, '09-analyst-export');
    const [dl] = await Promise.all([apage.waitForEvent('download'), apage.click('main button[type=submit], main form .govuk-button >> nth=0')]);
    const csv = await (await import('node:fs/promises')).readFile(await dl.path(), 'utf8');
    const lines = csv.split('\n').filter((l) => l);
    assert(lines.length >= 1 && /^family_id,/.test(lines[0]), 'the export is not a CSV of families: ' + lines[0]);
    if (newFamily)
      assert(lines.some((l) => l.startsWith(newFamily + ',')), 'the new family (agreed to be contacted) is not in the export');
  }],
  ['10 analyst reads the authority\'s data pack and prints it', async () => {
    await apage.click('nav a[href="/packs"]');
    assert((await text(apage, 'h1')) === 'Data packs', 'packs heading: ' + await text(apage, 'h1'));
    await apage.selectOption('#area', 'la');
    await Promise.all([apage.waitForURL(/\/packs\/view\?/), apage.click('main form button[type=submit]')]);
    assert((await text(apage, '.govuk-caption-l')) === 'Local authority data pack', 'pack caption');
    assert(await apage.locator('.reach-pack__section').count() >= 6, 'the pack has fewer than 6 sections');
    assert(await apage.locator('.reach-pack svg[role=img]').count() >= 1, 'the pack has no chart');
    assert(await apage.locator('main a[href^="/packs/pack.pdf?"]').count() === 1, 'no PDF download');
    await snap(apage, '10-analyst-pack');
    // printed: the menus and the download box are left out
    await apage.emulateMedia({ media: 'print' });
    assert(!(await apage.locator('.govuk-service-navigation').isVisible()), 'the menu is printed');
    assert(!(await apage.locator('.reach-pack-noprint').isVisible()), 'the download box is printed');
    await apage.emulateMedia({ media: 'screen' });
    await apage.pdf({ path: join(artifacts, '10-analyst-pack.pdf'), format: 'A4' });
  }],
]);

await browser.close();
const stopped = await server.stop();
let failed = worker.failed + analyst.failed;
if (pageErrors.length) {
  console.log('FAIL no errors in the browser: ' + pageErrors.slice(0, 5).join('; '));
  failed++;
} else {
  console.log('ok   no JavaScript, console, asset or server errors in the browser');
}
if (stopped.code !== 0) {
  console.log('FAIL the server stops cleanly: exit ' + stopped.code + ' ' + (stopped.signal || '') + '\n' + stopped.stderr.split('\n').slice(-20).join('\n'));
  failed++;
}
if (stopped.sanitizer) {
  console.log('FAIL the server is clean under the sanitizers:\n' + stopped.stderr.split('\n').slice(0, 40).join('\n'));
  failed++;
}
for (const n of notes) console.log('note ' + n);
console.log(`${worker.passed + analyst.passed} steps passed, ${failed} failed in ${((performance.now() - t0) / 1000).toFixed(1)} s; screenshots in test-artifacts/e2e/`);
process.exit(failed ? 1 : 0);
