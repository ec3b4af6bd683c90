// harness.mjs: start Reach on a fresh demo database and drive it with
// Debian's Chromium through playwright-core, for the browser tests
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const reach = process.env.REACH;
export const top = process.env.TOP;
export const artifacts = join(top, 'test-artifacts', 'e2e');

// what the sanitizers print when they find something
const sanitizerReport = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/;

// a demo authority in a temporary folder, and a server on a free port;
// stop() ends the server and gives back what it printed on stderr
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'reach-e2e-'));
  const db = join(dir, 'e2e.db');
  const env = { ...process.env, REACH_PWHASH: 'fast' };
  execFileSync(reach, ['--db', db, 'demo', '--children', '400'], { env, stdio: 'ignore' });
  const proc = spawn(reach, ['--db', db, 'serve', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  // a test that throws or times out leaves no server or files behind
  process.on('exit', () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start: ' + err)), 15000);
    proc.stderr.on('data', () => {
      const m = /serving .* at (http:\/\/[^ ]+)/.exec(err);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error('server exited ' + code + ': ' + err)); });
  });
  return {
    url, db, dir,
    // the server's stderr so far
    log() { return err; },
    async stop() {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
      const how = await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      return { ...how, stderr: err, sanitizer: sanitizerReport.test(err) };
    },
  };
}

export async function startBrowser() {
  rmSync(artifacts, { recursive: true, force: true });   // no screenshots of an earlier run
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// rows of a query on the demo database, each an array of strings (the
// sqlite3 program, read only, while the server has it open)
export function sql(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-separator', '\t', db, query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

export async function signIn(page, url, username) {
  await page.goto(url + '/login');
  await page.fill('#username', username);
  await page.fill('#password', username + '-demo-pass');
  await Promise.all([page.waitForURL(/\/search/), page.click('button[type=submit]')]);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, name + '.png'), fullPage: true });
}

// the keys of the English words file: a page that shows one of them as
// text has lost a translation
export function i18nKeys() {
  const keys = [];
  for (const line of readFileSync(join(top, 'i18n', 'en.txt'), 'utf8').split('\n')) {
    const m = /^([a-z][a-z0-9_]*\.[a-z0-9_.]+)\s*=/.exec(line);
    if (m) keys.push(m[1]);
  }
  return keys;
}

export class Failure extends Error {}

// assert(cond, message): a step fails with message unless cond holds
export function assert(cond, message) {
  if (!cond) throw new Failure(message);
}

// run named steps in order, one line each with its time; stop at the first
// failure, with a screenshot, and list the steps that did not run
export async function steps(page, list) {
  let passed = 0;
  for (let i = 0; i < list.length; i++) {
    const [name, fn] = list[i];
    const t0 = performance.now();
    try {
      await fn();
      passed++;
      console.log('ok   ' + name + ' (' + Math.round(performance.now() - t0) + ' ms)');
    } catch (e) {
      await shot(page, 'FAILED-' + name.replace(/\W+/g, '-')).catch(() => {});
      console.log('FAIL ' + name + ': ' + (e && e.message ? e.message.split('\n')[0] : e) +
                  ' (' + Math.round(performance.now() - t0) + ' ms; page ' + page.url() + ')');
      for (const [rest] of list.slice(i + 1))
        console.log('-    ' + rest + ': not run');
      return { passed, failed: 1 };
    }
  }
  return { passed, failed: 0 };
}
