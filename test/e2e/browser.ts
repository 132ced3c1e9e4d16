/**
 * Headless Chromium for the e2e tests and the web bench (playwright-core, no downloaded browsers).
 * `npm test` is the only step a new user runs, so a machine without Chromium gets Debian's package here
 * when it may (root with apt); anywhere else the error says the one command to run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get install -y chromium';

const onPath = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Where Chromium is, installing Debian's package first when it is missing and this process may. */
export function ensureChromium(log: (line: string) => void = (l) => console.log(l)): string {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH is ${wanted}, but there is no file there.`);
    return wanted;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const root = process.getuid?.() === 0;
  if (!root || !onPath('apt-get'))
    throw new Error(
      `Chromium not found at ${DEBIAN_CHROMIUM}. Install it once with \`sudo ${INSTALL}\` (Debian/Ubuntu), ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable, then run npm test again.',
    );
  log(`Chromium is missing: installing Debian's package (${INSTALL})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => execFileSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  try {
    run(['update', '-qq']);
    run(['install', '-y', '-qq', 'chromium']);
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`Installing Chromium failed (${INSTALL}): ${stderr || String(e)}`);
  }
  if (!existsSync(DEBIAN_CHROMIUM)) throw new Error(`${INSTALL} finished, but ${DEBIAN_CHROMIUM} is still missing.`);
  log(`Chromium installed at ${DEBIAN_CHROMIUM}.`);
  return DEBIAN_CHROMIUM;
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  const executablePath = ensureChromium();
  // No --user-data-dir here: playwright refuses it in launch() and gives every launch a fresh
  // temporary profile of its own, which it deletes on close.
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
