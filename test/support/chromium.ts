/** Where the browser tests find Debian's Chromium (CHROMIUM_PATH overrides), and whether it is there. */
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);
