#!/usr/bin/env node
// `npm test`: every test runner, in order, then one closing line `N passed, N failed`.
//   1. unit      vitest (node): core logic, server against PGlite (and PostgreSQL when DATABASE_URL is set)
//   2. browser   web-test-runner in Debian's Chromium: components, cookies, msw-played server faults
//   3. e2e       vitest + playwright-core in Chromium against real local servers
//   4. server-postgres  the server suite again on a real PostgreSQL, when TEST_DATABASE_URL (or
//                DATABASE_URL) is set; .ci/run sets it up. CK_POSTGRES_REQUIRED=1 makes a missing
//                database a failure instead of a skipped step.
// Chromium is installed from Debian first when missing (see ensure-chromium.mjs).
// Extra suites (e.g. a size budget) add a step below; each step reports {passed, failed}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const RESULTS = '.test-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
ensureChromium();

const vitest = (project, file) => ({
  name: project,
  cmd: ['npx', 'vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
  file,
  parse: (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) }),
  // The default runs use PGlite; PostgreSQL has its own step below.
  env: { DATABASE_URL: undefined },
});
const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

const steps = [
  vitest('unit', `${RESULTS}/unit.json`),
  {
    name: 'browser',
    cmd: ['npx', 'web-test-runner', '--config', 'web-test-runner.config.mjs'],
    file: `${RESULTS}/browser.json`,
    parse: (r) => r,
  },
  vitest('e2e', `${RESULTS}/e2e.json`),
  pgUrl
    ? {
        ...vitest('server-postgres', `${RESULTS}/server-postgres.json`),
        cmd: ['npx', 'vitest', 'run', '--config', 'packages/server/vitest.pg.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/server-postgres.json`],
        env: { DATABASE_URL: pgUrl },
      }
    : process.env.CK_POSTGRES_REQUIRED === '1'
      ? { name: 'server-postgres', missing: 'CK_POSTGRES_REQUIRED=1 but no TEST_DATABASE_URL: PostgreSQL could not be set up' }
      : { name: 'server-postgres', skip: 'set TEST_DATABASE_URL=postgres://… to run the server suite on PostgreSQL too' },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const lines = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  if (step.skip) {
    console.log(`\n=== ${step.name}: skipped (${step.skip})`);
    lines.push(`${step.name}: skipped`);
    continue;
  }
  if (step.missing) {
    console.log(`\n=== ${step.name}: FAILED (${step.missing})`);
    failed += 1;
    lines.push(`${step.name}: 0 passed, 1 failed`);
    continue;
  }
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const env = { ...process.env, ...step.env };
  for (const [k, v] of Object.entries(step.env ?? {})) if (v === undefined) delete env[k];
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env });
  let counts = { passed: 0, failed: 0 };
  if (existsSync(step.file)) counts = step.parse(JSON.parse(readFileSync(step.file, 'utf8')));
  // A runner that crashed or exited non-zero with no failure counted still fails the run.
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  lines.push(`${step.name}: ${counts.passed} passed, ${counts.failed} failed`);
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
