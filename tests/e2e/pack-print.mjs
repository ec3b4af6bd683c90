// pack-print.mjs: look at a data pack as a person would: a screenshot and
// Chromium's print to PDF (A4) of a standalone pack file or of the pack page
// of a running server (signing in first), for test-artifacts/
//
//   node tests/e2e/pack-print.mjs FILE.html OUT
//   node tests/e2e/pack-print.mjs http://127.0.0.1:PORT/packs/view?... OUT USER [lang]
//
// writes OUT.png (the first screen) and OUT.pdf (the page printed)
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';

const [, , target, out, user, lang] = process.argv;
if (!target || !out) {
  console.error('usage: pack-print.mjs FILE|URL OUT [USER [LANG]]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  // a standalone pack must not ask for anything: count the requests it makes
  let requests = 0;
  page.on('request', () => { requests++; });
  if (user) {
    const base = new URL(target).origin;
    await page.goto(base + '/login');
    await page.fill('#username', user);
    await page.fill('#password', user + '-demo-pass');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await page.goto(target + (lang ? '&lang=' + lang : ''));
  } else {
    await page.goto('file://' + resolve(target));
    if (requests !== 1) throw new Error(`the standalone pack made ${requests - 1} requests`);
  }
  await page.screenshot({ path: out + '.png' });
  await page.pdf({ path: out + '.pdf', format: 'A4', printBackground: true });
} finally {
  await browser.close();
}
