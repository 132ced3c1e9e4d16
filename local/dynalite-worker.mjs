// dynalite (local DynamoDB) on a thread of its own (local/stack.ts): the handlers and the database no
// longer share one event loop, as in AWS they never do. Plain JavaScript: a worker runs without tsx.
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import dynalite from 'dynalite';

// dynalite reads (and decodes) the table's description from LevelDB before every request: a quarter of
// its time under load. An active table's description is kept here instead, as JSON (each request gets
// its own copy), and forgotten on any write of it (create, update, delete), so nothing it answers changes.
const dynaliteDb = createRequire(import.meta.url)('dynalite/db');
const createStore = dynaliteDb.create;
dynaliteDb.create = (options) => {
  const store = createStore(options);
  const kept = new Map();
  let writes = 0;
  const read = store.getTable;
  store.getTable = (name, checkStatus, cb) => {
    const done = typeof checkStatus === 'function' ? checkStatus : cb;
    const json = kept.get(name);
    if (json !== undefined) return process.nextTick(() => done(null, JSON.parse(json)));
    const before = writes;
    read(name, checkStatus, (err, table) => {
      const active =
        !err && table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
      // Not if the description was written meanwhile (what was read may be the older one).
      if (active && writes === before) kept.set(name, JSON.stringify(table));
      done(err, table);
    });
  };
  for (const op of ['put', 'del', 'batch']) {
    const write = store.tableDb[op];
    store.tableDb[op] = (...args) => {
      writes++;
      kept.clear();
      return write(...args);
    };
  }
  return store;
};

const server = dynalite(workerData.options);
server.once('error', (e) => parentPort.postMessage({ error: String(e) }));
server.listen(workerData.port, workerData.host, () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  server.closeAllConnections?.();
  // dynalite closes its LevelDB store when its server closes, which releases the data directory.
  server.close(() => parentPort.postMessage({ closed: true }));
});
