#!/usr/bin/env node
// Consent POSTs per second and latency of the reference server on loopback, with PGlite and
// (when TEST_DATABASE_URL or DATABASE_URL is set) PostgreSQL, beside a bare node:http
// hello-world measured in the same run. autocannon, 127.0.0.1 only, BENCH_SECONDS (default 10)
// per target, 10 connections. Each server runs in its own child process, so the load
// generator does not share its event loop. A measurement, never a test.
//   node bench/server.mjs           (builds packages/server first when dist/ is missing)
import { execSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

// ---------------------------------------------------------------- child: one server, prints its URL
async function child(kind) {
  if (kind === 'hello') {
    const s = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello'));
    s.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${s.address().port}` }));
    return;
  }
  const { startServer } = await import(join(root, 'packages/server/dist/index.js'));
  const dataDir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'ck-bench-')) : undefined;
  const server = await startServer({
    config: {
      publicUrl: 'http://127.0.0.1:1',
      mail: { from: 'bench <no-reply@bench.test>' },
      limits: { consentsPerMinute: 10_000_000 },
      sites: [{ id: 'bench', name: 'Bench', origins: ['http://127.0.0.1:1'], policyUrl: '/' }],
    },
    databaseUrl: kind === 'postgres' ? process.env.BENCH_DATABASE_URL : '',
    dataDir,
    log: 'quiet',
    dev: false,
    adminKey: 'bench',
  });
  process.send({ url: server.url });
  process.on('message', async (m) => {
    if (m === 'stop') {
      await server.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- parent
function spawnServer(kind, env = {}) {
  const cp = fork(self, ['--child', kind], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((ok, fail) => {
    cp.once('message', (m) => ok({ url: m.url, stop: () => new Promise((done) => (cp.once('exit', done), cp.send('stop'), setTimeout(() => cp.kill(), 5000))) }));
    cp.once('exit', (code) => fail(new Error(`${kind} server exited (${code})`)));
  });
}

const record = () =>
  JSON.stringify({
    id: randomUUID(),
    consentId: randomUUID(),
    site: 'bench',
    revision: 1,
    granted: ['necessary', 'analytics'],
    denied: ['marketing'],
    action: 'custom',
    source: 'banner',
    gpc: false,
    locale: 'en',
    textHash: 'abcdef0123456789',
    pagePath: '/',
    clientTime: new Date().toISOString(),
  });

async function load(url, post, duration = seconds) {
  const opts = { url, connections, duration, pipelining: 1 };
  if (post) {
    opts.url = `${url}/v1/consents`;
    opts.requests = [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: record() }) }];
  }
  const r = await autocannon(opts);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

async function measure(kind, post, env) {
  const srv = await spawnServer(kind, env);
  try {
    await load(srv.url, post, 2); // warm-up (JIT, connection pool), not reported
    return await load(srv.url, post);
  } finally {
    await srv.stop();
  }
}

export async function benchServer() {
  if (!existsSync(join(root, 'packages/server/dist/index.js'))) execSync('npm run build -w packages/server', { cwd: root, stdio: 'inherit' });
  const out = {};
  out['node:http hello-world (GET)'] = await measure('hello', false);
  out['POST /v1/consents, PGlite (on disk)'] = await measure('pglite', true);
  const pg = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (pg) out['POST /v1/consents, PostgreSQL 127.0.0.1'] = await measure('postgres', true, { BENCH_DATABASE_URL: pg });
  return out;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]);
} else if (process.argv[1] === self) {
  const results = await benchServer();
  console.log(`\n${seconds} s per target, ${connections} connections, 127.0.0.1\n`);
  console.log('| target | req/s | p50 ms | p99 ms | requests | non-2xx | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [k, v] of Object.entries(results)) console.log(`| ${k} | ${Math.round(v.rps)} | ${v.p50} | ${v.p99} | ${v.requests} | ${v.non2xx} | ${v.errors} |`);
  if (!(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL)) console.log('\n(PostgreSQL not measured: set TEST_DATABASE_URL=postgres://…)');
}
