#!/usr/bin/env node
// Makes sure Debian's Chromium is there for the browser and end-to-end tests.
// Installs it with apt when running as root; otherwise stops with the exact command to run.
// No test tool may download a browser of its own.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const cmd = 'apt-get update && apt-get install -y chromium';
  if (process.getuid?.() === 0) {
    console.log(`[consentkit] Chromium not found at ${CHROMIUM}; installing Debian's chromium (${cmd})`);
    execSync(cmd, { stdio: 'inherit', shell: '/bin/bash', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  console.error(`[consentkit] Chromium is needed for the browser tests. Run:\n  sudo sh -c '${cmd}'\nor set CHROME_PATH to a Chromium binary.`);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
