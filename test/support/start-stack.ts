/**
 * A local stack on a data directory in a process of its own, as a cold Lambda container sees the
 * world: no framework registered beforehand (vitest's setupFiles register 4203 in the test process).
 * Prints `URL <url>` once it listens; SIGTERM stops it. Usage: node --import tsx start-stack.ts <dataDir>
 */
import '../../local/polyfills.js';
import { registerTestProvince } from './fixture-province.js';

registerTestProvince();
const { startLocalStack } = await import('../../local/stack.js');
const stack = await startLocalStack({ port: 0, dataDir: process.argv[2]!, seed: true });
process.stdout.write(`URL ${stack.url}\n`);
process.on('SIGTERM', () => {
  void stack.stop().then(() => process.exit(0));
});
