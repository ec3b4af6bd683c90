// harness.mjs: start Reach on a fresh demo database and drive it with
// Debian's Chromium through playwright-core, for the browser tests
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const reach = process.env.REACH;
export const top = process.env.TOP;
export const artifacts = join(top, 'test-artifacts', 'e2e');

// a demo authority in a temporary folder, and a server on a free port
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'reach-e2e-'));
  const db = join(dir, 'e2e.db');
  const env = { ...process.env, REACH_PWHASH: 'fast' };
  execFileSync(reach, ['--db', db, 'demo', '--children', '400'], { env, stdio: 'ignore' });
  const proc = spawn(reach, ['--db', db, 'serve', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + err)), 15000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = /serving .* at (http:\/\/[^ ]+)/.exec(err);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    });
    proc.on('exit', (code) => reject(new Error('server exited ' + code + ': ' + err)));
  });
  return {
    url, db, dir,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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

// run named steps in order; stop at the first failure, with a screenshot
export async function steps(page, list) {
  let passed = 0;
  for (const [name, fn] of list) {
    try {
      await fn();
      passed++;
      console.log('ok   ' + name);
    } catch (e) {
      await shot(page, 'FAILED-' + name.replace(/\W+/g, '-')).catch(() => {});
      console.log('FAIL ' + name + ': ' + (e && e.message ? e.message.split('\n')[0] : e));
      return { passed, failed: 1 };
    }
  }
  return { passed, failed: 0 };
}
