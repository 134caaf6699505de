#!/usr/bin/env node
// `npm start`: build every package, then serve examples/ on http://localhost:8787.
// (The reference API server takes this over when packages/server exists.)
import { execSync } from 'node:child_process';
import { serveStatic } from './static-server.mjs';

const port = Number(process.env.PORT ?? 8787);
execSync('npm run build', { stdio: 'inherit' });
const { origin } = await serveStatic({ roots: { '/': 'examples', '/packages/': 'packages' }, port });
console.log(`\nconsentkit examples: ${origin.replace('127.0.0.1', 'localhost')}/  (Ctrl+C to stop)`);
