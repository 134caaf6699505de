// Brotli sizes of the one-script-tag paths (reused by bench/):
//   returning visitor: consentkit.js only (a valid stored choice loads nothing else);
//   first visit: consentkit.js + ui.js + every chunk ui.js imports statically, plus the English
//   strings (loaded lazily but always needed before the banner shows). CSS is inside the JS (Lit).
// Usage: node packages/embed/scripts/size.mjs [--json]   (build first: npm run build -w consentkit)
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Files reached from `entry` through static `import … from "./x.js"` (not dynamic import()). */
function staticClosure(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(join(dist, entry), 'utf8');
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w${},*\s]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
    staticClosure(join(dirname(entry), m[1]).replace(/\\/g, '/'), seen);
  }
  return seen;
}

export function sizes() {
  const loader = br(readFileSync(join(dist, 'consentkit.js')));
  // ui.js imports the banner's define chunk dynamically, but always on a first visit.
  const entries = JSON.parse(readFileSync(join(dist, 'entries.json'), 'utf8'));
  const define = entries['packages/consent-banner/src/define.ts'];
  const ui = [...staticClosure(define, staticClosure('ui.js'))];
  const en = [entries['packages/consent-banner/src/locales/en.json']];
  const files = ['consentkit.js', ...ui, ...en];
  const firstVisit = files.reduce((n, f) => n + br(readFileSync(join(dist, f))), 0);
  return { returningVisitor: loader, firstVisit, firstVisitFiles: files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = sizes();
  if (process.argv.includes('--json')) console.log(JSON.stringify(s));
  else {
    console.log(`returning visitor (consentkit.js): ${s.returningVisitor} B brotli (target ≤ 3072)`);
    console.log(`first visit (loader + banner JS/CSS + en strings): ${s.firstVisit} B brotli (target ≤ 24576)`);
    console.log(`  files: ${s.firstVisitFiles.join(', ')}`);
  }
}
