// Debian's Chromium through playwright-core, as every browser test launches it: headless, no sandbox (tests may run
// as root), and none of the background requests a closed network refuses (updates, sync, QUIC).
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, else Debian's package path. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A headless Chromium for one test file; close it in afterAll. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
