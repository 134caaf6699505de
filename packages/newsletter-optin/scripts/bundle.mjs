#!/usr/bin/env node
// Bundles src/standalone.ts (elements + lit + core + privacy notice) into dist/standalone.js for
// the example pages, and prints the size the newsletter elements add beyond what a page with the
// consent banner already loads (lit, @lit/context, @consentkit/core, i18next, zod/mini external).
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, format: 'esm', target: 'es2022', minify: true, conditions: ['development', 'browser'], absWorkingDir: root, logLevel: 'warning' };

await esbuild.build({ ...common, entryPoints: ['src/standalone.ts'], outdir: 'dist/standalone', splitting: true, entryNames: 'standalone', chunkNames: 'chunks/[name]-[hash]' });

if (process.argv.includes('--size')) {
  const shared = ['lit', 'lit/*', '@lit/*', '@consentkit/core', '@consentkit/core/*', 'i18next', 'zod', 'zod/*', 'js-cookie'];
  const out = await esbuild.build({ ...common, entryPoints: ['src/define.ts'], write: false, external: shared, loader: { '.json': 'json' }, splitting: true, outdir: 'out' });
  const files = out.outputFiles.map((f) => ({ name: f.path.slice(f.path.lastIndexOf('/') + 1), bytes: f.contents }));
  const br = (b) => brotliCompressSync(b).length;
  const gz = (b) => gzipSync(b).length;
  const entry = files.find((f) => f.name === 'define.js');
  const en = files.filter((f) => f.name !== 'define.js').map((f) => ({ f, text: Buffer.from(f.bytes).toString() })).filter(({ text }) => text.includes('Check your inbox') || text.includes('Fields marked'));
  console.log('newsletter elements beyond the banner (JS+CSS, minified):');
  console.log(`  define.js (3 elements + privacy-notice + floating-ui): ${entry.bytes.length} B, gzip ${gz(entry.bytes)} B, brotli ${br(entry.bytes)} B`);
  for (const { f } of en) console.log(`  ${f.name} (lazy strings, one language): ${f.bytes.length} B, brotli ${br(f.bytes)} B`);
  console.log(`  all chunks (10 languages of both namespaces): brotli ${files.reduce((n, f) => n + br(f.bytes), 0)} B`);
}
