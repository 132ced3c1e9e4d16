// dynalite (local DynamoDB) on a thread of its own (local/stack.ts): the handlers and the database no
// longer share one event loop, as in AWS they never do. Plain JavaScript: a worker runs without tsx.
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const server = dynalite(workerData.options);
server.once('error', (e) => parentPort.postMessage({ error: String(e) }));
server.listen(workerData.port, workerData.host, () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  server.closeAllConnections?.();
  // dynalite closes its LevelDB store when its server closes, which releases the data directory.
  server.close(() => parentPort.postMessage({ closed: true }));
});
