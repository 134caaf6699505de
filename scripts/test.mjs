#!/usr/bin/env node
// `npm test`: every test runner, in order, then one closing line `N passed, N failed`.
//   1. unit      vitest (node): core logic, server against PGlite (and PostgreSQL when DATABASE_URL is set)
//   2. browser   web-test-runner in Debian's Chromium: components, cookies, msw-played server faults
//   3. e2e       vitest + playwright-core in Chromium against real local servers
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
});

const steps = [
  vitest('unit', `${RESULTS}/unit.json`),
  {
    name: 'browser',
    cmd: ['npx', 'web-test-runner', '--config', 'web-test-runner.config.mjs'],
    file: `${RESULTS}/browser.json`,
    parse: (r) => r,
  },
  vitest('e2e', `${RESULTS}/e2e.json`),
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const lines = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
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
