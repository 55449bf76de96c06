import type { Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it where missing), or LGSP_CHROMIUM. */
export const CHROMIUM = process.env.LGSP_CHROMIUM ?? '/usr/bin/chromium';
/** Headless, and nothing that would reach the network: this machine's Chromium runs offline. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The one Chromium launch of the project: the bench's chart and the dashboard's browser tests. */
export async function launchChromium(): Promise<Browser> {
  // Loaded on first use: every lab command imports @lgsp/lab, few of them draw anything.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
