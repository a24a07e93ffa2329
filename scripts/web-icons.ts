/**
 * Draws the app's PNG icons from apps/web/public/icon.svg with the Chromium the browser tests use,
 * so the icons a phone shows always match the SVG. Run after changing the SVG, and commit the PNGs:
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register scripts/web-icons.ts
 *
 * "maskable" icons keep the drawing inside the middle 80% on the icon's own colour, since a phone
 * may cut them to a circle or a squircle.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../test/browser/chromium';

const dir = path.resolve(__dirname, '../apps/web/public');
const svg = readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon.png', size: 180, maskable: true },
];

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run npm run test:browser-get first.');
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox'] });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      const inner = icon.maskable ? Math.round(icon.size * 0.8) : icon.size;
      const background = icon.maskable ? '#1d5c63' : 'transparent';
      await page.setContent(
        `<html><body style="margin:0;background:${background};display:grid;place-items:center;height:100vh">` +
          `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div>` +
          `</body></html>`,
      );
      await page.screenshot({ path: path.join(dir, icon.file), omitBackground: !icon.maskable });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
