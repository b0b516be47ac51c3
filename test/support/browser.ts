/**
 * Headless Chromium (Debian's package) driven by playwright-core. The flags keep Chromium off the
 * network it cannot reach here (see the machine notes) and let it run as root in CI.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, chromiumInstalled } from './chromium.js';

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumInstalled()) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
