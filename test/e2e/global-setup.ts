/** Once per run, before any browser test: Chromium is there (installed if it may be), outside every test's timeout. */
import { ensureChromium } from './browser.js';

export default function setup(): void {
  ensureChromium();
}
