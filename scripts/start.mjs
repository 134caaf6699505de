#!/usr/bin/env node
// `npm start`: build the packages, then run ONE reference server on http://localhost:8787 that
// serves examples/ at /, the one-script-tag build at /embed/, package builds at /packages/,
// the API under /v1 and the development mailbox at /dev/mailbox. Data (PGlite) is kept in
// .data/pglite between runs (CONSENTKIT_DATA_DIR overrides it; DATABASE_URL uses PostgreSQL).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8787);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// 1. Build every workspace that has sources (a package still being written is skipped, said so).
const hasSources = (dir) => existsSync(join(dir, 'src')) && readdirSync(join(dir, 'src'), { recursive: true }).some((f) => String(f).endsWith('.ts'));
for (const ws of pkg.workspaces) {
  const dir = join(root, ws);
  const { name, scripts = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!scripts.build) continue;
  if (!hasSources(dir)) {
    console.log(`· ${name}: no sources yet, not built`);
    continue;
  }
  console.log(`· building ${name}`);
  try {
    execFileSync('npm', ['run', 'build', '--silent', '-w', ws], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    console.error(`\nnpm start: building ${name} failed (see above). Fix it, or run its build alone: npm run build -w ${ws}`);
    process.exit(1);
  }
}

// 2. One server: API, mailbox, examples and builds.
const { startServer, loadConfig, demoConfigPath } = await import('../packages/server/dist/index.js');
const config = loadConfig(demoConfigPath);
if (port !== 8787) {
  // The demo config names port 8787; follow PORT for the links in mails and the allowed origins.
  config.publicUrl = `http://localhost:${port}`;
  for (const site of config.sites) site.origins = [...site.origins, `http://localhost:${port}`, `http://127.0.0.1:${port}`];
}
const dataDir = resolve(root, process.env.CONSENTKIT_DATA_DIR ?? '.data/pglite');
const statics = { '/': join(root, 'examples'), '/packages/': join(root, 'packages') };
if (existsSync(join(root, 'packages/embed/dist'))) statics['/embed/'] = join(root, 'packages/embed/dist');

let server;
try {
  server = await startServer({ config, port, host: '127.0.0.1', dataDir, dev: true, static: statics, log: 'quiet' });
} catch (err) {
  if (err?.code === 'EADDRINUSE') console.error(`npm start: port ${port} is in use; stop the other server or run PORT=8788 npm start`);
  else console.error(err?.message ?? err);
  process.exit(1);
}

const base = `http://localhost:${port}`;
const pages = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.html') && f !== 'index.html')
  .map((f) => {
    const title = /<title>([^<]*)<\/title>/i.exec(readFileSync(join(root, 'examples', f), 'utf8'))?.[1]?.trim() ?? f;
    return `    ${base}/${f}  ${title}`;
  });
console.log(`
consentkit is running on ${base}/  (Ctrl+C to stop)

  Open first:   ${base}/            the examples index
${pages.join('\n')}
  Mails sent:   ${base}/dev/mailbox  (the development mailbox: follow confirmation links here)
  API:          ${base}/v1/…        health at ${base}/healthz
  Admin API:    curl -H "Authorization: Bearer ${server.deps.adminKey}" ${base}/v1/admin/consents?format=csv
  One-script-tag build: ${statics['/embed/'] ? `${base}/embed/consentkit.js` : '(packages/embed not built yet)'}
  Database:     ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir} (kept between runs)`}
`);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('\nStopping: finishing requests in flight, closing the database…');
    server.close().then(() => process.exit(0), () => process.exit(1));
  });
}
