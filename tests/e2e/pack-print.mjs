import { chromium } from 'playwright-core';
const [,, file, out] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1100, height: 900 } });
await p.goto('file://' + file);
await p.screenshot({ path: out + '.png', fullPage: false });
await p.pdf({ path: out + '.pdf', format: 'A4', printBackground: true });
await b.close();
