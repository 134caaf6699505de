#!/usr/bin/env node
// The consentkit reference API server. See `consentkit-server --help`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('consentkit-server: dist/ is missing; run `npm run build -w @consentkit/server` first.');
  process.exit(1);
}
const { main } = await import(cli.href);
await main();
