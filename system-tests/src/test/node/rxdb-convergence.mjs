// Two RxDB databases replicate one collection through a running Tributary server (dialect B,
// /v1/rxdb/{collection}) and must end with the same documents.
//
// Environment:
//   TRIBUTARY_URL         base URL of an ingest instance, e.g. http://127.0.0.1:8080
//   TRIBUTARY_TOKEN_A     bearer token of the first client (read + write)
//   TRIBUTARY_TOKEN_B     bearer token of the second client, same tenant
//   TRIBUTARY_COLLECTION  collection name (the server should run it under client-resolves)
//   TRIBUTARY_TIMEOUT_MS  give up after this long (default 60000)
//
// Prints progress lines, then one line "TRIBUTARY_SUMMARY {json}", and exits 0 only when both
// databases converged to the expected documents.

import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { EventSource } from 'eventsource';

const baseUrl = requireEnv('TRIBUTARY_URL');
const collectionName = requireEnv('TRIBUTARY_COLLECTION');
const tokens = { a: requireEnv('TRIBUTARY_TOKEN_A'), b: requireEnv('TRIBUTARY_TOKEN_B') };
const timeoutMs = Number(process.env.TRIBUTARY_TIMEOUT_MS || 60000);

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    title: { type: 'string' },
    done: { type: 'boolean' },
  },
  required: ['id', 'title'],
};

// Distinct replication errors with their counts (RxDB retries, so one cause repeats).
const errorCounts = new Map();
const errors = [];
const newCounters = () => ({ pulls: 0, pushes: 0, conflicts: 0, streamed: 0, resyncs: 0, streamErrors: 0 });
const counters = { a: newCounters(), b: newCounters() };

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
}

function log(message) {
  console.log(`[rxdb-client] ${message}`);
}

function authHeaders(token, extra = {}) {
  return { ...extra, Authorization: `Bearer ${token}` };
}

async function pullPage(name, checkpoint, batchSize) {
  const query = new URLSearchParams({ limit: String(batchSize) });
  if (checkpoint && checkpoint.cursor) {
    query.set('cursor', checkpoint.cursor);
  }
  const url = `${baseUrl}/v1/rxdb/${collectionName}/pull?${query}`;
  const response = await fetch(url, { headers: authHeaders(tokens[name]) });
  if (!response.ok) {
    throw new Error(`pull answered ${response.status}: ${await response.text()}`);
  }
  const body = await response.json();
  counters[name].pulls++;
  return { documents: body.documents, checkpoint: body.checkpoint };
}

async function pushRows(name, rows) {
  const response = await fetch(`${baseUrl}/v1/rxdb/${collectionName}/push`, {
    method: 'POST',
    headers: authHeaders(tokens[name], { 'Content-Type': 'application/json' }),
    body: JSON.stringify(rows),
  });
  if (!response.ok) {
    throw new Error(`push answered ${response.status}: ${await response.text()}`);
  }
  const conflicts = await response.json();
  counters[name].pushes++;
  counters[name].conflicts += conflicts.length;
  return conflicts;
}

/** The server's pullStream as RxDB's pull.stream$: documents + checkpoint, or 'RESYNC'. */
function openPullStream(name) {
  const subject = new Subject();
  const source = new EventSource(`${baseUrl}/v1/rxdb/${collectionName}/pullStream`, {
    fetch: (url, init) => fetch(url, { ...init, headers: authHeaders(tokens[name], init.headers) }),
  });
  source.onmessage = (event) => {
    const data = JSON.parse(event.data);
    if (data === 'RESYNC') {
      counters[name].resyncs++;
      subject.next('RESYNC');
    } else {
      counters[name].streamed += data.documents.length;
      subject.next({ documents: data.documents, checkpoint: data.checkpoint });
    }
  };
  source.onerror = (error) => {
    // The client reconnects by itself; events may have been missed meanwhile.
    counters[name].streamErrors++;
    if (counters[name].streamErrors <= 3) {
      log(`${name}: stream error ${error && error.message ? error.message : ''}, resyncing`);
    }
    subject.next('RESYNC');
  };
  return { stream$: subject.asObservable(), close: () => { source.close(); subject.complete(); } };
}

async function openClient(name) {
  const database = await createRxDatabase({
    name: `client-${name}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  await database.addCollections({ [collectionName]: { schema } });
  const collection = database[collectionName];
  const stream = openPullStream(name);
  const replication = replicateRxCollection({
    collection,
    replicationIdentifier: `tributary-${collectionName}-${name}`,
    live: true,
    retryTime: 500,
    waitForLeadership: false,
    pull: {
      batchSize: 50,
      handler: (checkpoint, batchSize) => pullPage(name, checkpoint, batchSize),
      stream$: stream.stream$,
    },
    push: {
      batchSize: 20,
      handler: (rows) => pushRows(name, rows),
    },
  });
  replication.error$.subscribe((error) => {
    const cause = error && error.parameters && error.parameters.errors
      ? JSON.stringify(error.parameters.errors)
      : String(error && error.message ? error.message : error);
    const text = `${name}: ${error && error.code ? error.code : 'error'} ${cause.slice(0, 300)}`;
    const seen = errorCounts.get(text) || 0;
    errorCounts.set(text, seen + 1);
    if (seen === 0) {
      log(`replication error ${text}`);
    }
  });
  return { name, database, collection, replication, stream };
}

function distinctErrors() {
  return [...errors, ...[...errorCounts.entries()].slice(0, 20).map(([text, n]) => `${text} (x${n})`)];
}

async function snapshot(client) {
  const docs = await client.collection.find().exec();
  return docs
    .map((doc) => {
      const data = doc.toJSON();
      return { id: data.id, title: data.title, done: data.done === true };
    })
    .sort((x, y) => x.id.localeCompare(y.id));
}

async function waitFor(description, predicate, deadline) {
  while (Date.now() < deadline) {
    if (await predicate()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log(`gave up waiting for ${description}`);
  return false;
}

async function main() {
  const deadline = Date.now() + timeoutMs;
  const a = await openClient('a');
  const b = await openClient('b');
  await Promise.all([a.replication.awaitInitialReplication(), b.replication.awaitInitialReplication()]);
  log('both replications started');

  // Inserts on both sides.
  await a.collection.bulkInsert([
    { id: 'a1', title: 'a1 by a', done: false },
    { id: 'a2', title: 'a2 by a', done: false },
    { id: 'a3', title: 'a3 by a', done: false },
  ]);
  await b.collection.bulkInsert([
    { id: 'b1', title: 'b1 by b', done: false },
    { id: 'b2', title: 'b2 by b', done: false },
  ]);
  const allFive = await waitFor('both sides to hold the five inserts', async () =>
    (await a.collection.count().exec()) === 5 && (await b.collection.count().exec()) === 5, deadline);
  log(`inserts replicated: ${allFive}`);

  // Updates of the other side's documents, and a delete.
  await (await a.collection.findOne('b1').exec()).incrementalPatch({ title: 'b1 edited by a', done: true });
  await (await b.collection.findOne('a1').exec()).incrementalPatch({ title: 'a1 edited by b' });
  await (await a.collection.findOne('a2').exec()).remove();
  await waitFor('updates and delete to replicate', async () => {
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    return JSON.stringify(sa) === JSON.stringify(sb) && sa.length === 4 &&
      sa.find((d) => d.id === 'b1')?.title === 'b1 edited by a' &&
      sa.find((d) => d.id === 'a1')?.title === 'a1 edited by b';
  }, deadline);

  // A concurrent update of one document from both sides: one push conflicts, RxDB's default
  // handler takes the master's state.
  const [docA, docB] = [await a.collection.findOne('a3').exec(), await b.collection.findOne('a3').exec()];
  await Promise.all([
    docA.incrementalPatch({ title: 'a3 concurrently by a' }),
    docB.incrementalPatch({ title: 'a3 concurrently by b' }),
  ]);

  const converged = await waitFor('both databases to converge', async () => {
    await Promise.all([a.replication.awaitInSync(), b.replication.awaitInSync()]);
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    const a3 = sa.find((d) => d.id === 'a3');
    return JSON.stringify(sa) === JSON.stringify(sb) && sa.length === 4 &&
      a3 !== undefined && a3.title.startsWith('a3 concurrently by ');
  }, deadline);

  const [finalA, finalB] = [await snapshot(a), await snapshot(b)];
  const summary = {
    converged,
    documents: finalA.length,
    a: finalA,
    b: finalB,
    counters,
    errors: distinctErrors(),
  };
  console.log(`TRIBUTARY_SUMMARY ${JSON.stringify(summary)}`);

  for (const client of [a, b]) {
    client.stream.close();
    await client.replication.cancel();
    await client.database.close();
  }
  return converged ? 0 : 1;
}

const guard = setTimeout(() => {
  console.log(`TRIBUTARY_SUMMARY ${JSON.stringify({ converged: false, errors: [...distinctErrors(), 'timed out'] })}`);
  process.exit(3);
}, timeoutMs + 15000);

main()
  .then((code) => {
    clearTimeout(guard);
    process.exit(code);
  })
  .catch((error) => {
    clearTimeout(guard);
    console.error(error && error.stack ? error.stack : error);
    console.log(`TRIBUTARY_SUMMARY ${JSON.stringify({ converged: false, errors: [...distinctErrors(), String(error)] })}`);
    process.exit(1);
  });
