#!/usr/bin/env node
// Bundles src/standalone.ts (widget + privacy notice + lit + core) into dist/standalone/ for the
// example page, and with --size prints what the booking widget adds beyond what a page with the
// consent banner already loads (lit, @lit/context, @consentkit/core, i18next, zod/mini, js-cookie
// are shared and left out): JS + CSS (CSS is inside the JS), minified, brotli.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, format: 'esm', target: 'es2022', minify: true, conditions: ['development', 'browser'], absWorkingDir: root, logLevel: 'warning' };

// The example bundle: consentkit packages from their sources (the `development` export), every
// other package (Lit…) in its production build.
const consentkitSources = {
  name: 'consentkit-sources',
  setup(build) {
    build.onResolve({ filter: /^@consentkit\// }, ({ path }) => {
      const [scope, name, ...rest] = path.split('/');
      const dir = fileURLToPath(new URL(`../../${name}/`, import.meta.url));
      const pkg = JSON.parse(readFileSync(`${dir}package.json`, 'utf8'));
      const target = pkg.exports[rest.length ? `./${rest.join('/')}` : '.']?.development;
      return target ? { path: `${dir}${target.slice(2)}` } : undefined;
    });
  },
};
await esbuild.build({ ...common, conditions: ['browser'], plugins: [consentkitSources], entryPoints: ['src/standalone.ts'], outdir: 'dist/standalone', splitting: true, entryNames: 'standalone', chunkNames: 'chunks/[name]-[hash]' });

if (process.argv.includes('--size')) {
  // Shared with the banner: lit, @lit/*, core (client, transport, i18n, lit glue), i18next, zod, js-cookie.
  // Counted here: core's wire schemas (the banner does not load them), the widget, the notice, floating-ui.
  const isShared = (p) => /^(lit|lit-html|lit-element|@lit\/|i18next|zod|js-cookie)(\/|$)/.test(p) || (/^@consentkit\/core(\/|$)/.test(p) && p !== '@consentkit/core/wire');
  const sharedPlugin = { name: 'shared', setup: (b) => b.onResolve({ filter: /^[@a-z]/ }, ({ path }) => (isShared(path) ? { path, external: true } : undefined)) };
  const out = await esbuild.build({ ...common, entryPoints: ['src/define.ts'], write: false, plugins: [sharedPlugin], splitting: true, outdir: 'out', metafile: true });
  const br = (b) => brotliCompressSync(b).length;
  const gz = (b) => gzipSync(b).length;
  const files = out.outputFiles.map((f) => ({ name: f.path.slice(f.path.lastIndexOf('/') + 1), bytes: f.contents, text: Buffer.from(f.contents).toString() }));
  const entry = files.find((f) => f.name === 'define.js');
  // Strings load lazily, one language per namespace: count English for both namespaces.
  const en = files.filter((f) => f !== entry && (f.text.includes('Fields marked * are required') || f.text.includes('Full privacy notice')));
  const beyond = br(entry.bytes) + en.reduce((n, f) => n + br(f.bytes), 0);
  console.log('booking widget beyond the banner (JS+CSS, minified):');
  console.log(`  define.js (booking widget + privacy notice + @floating-ui/dom + core's wire schemas): ${entry.bytes.length} B, gzip ${gz(entry.bytes)} B, brotli ${br(entry.bytes)} B`);
  for (const f of en) console.log(`  ${f.name} (lazy strings, English): ${f.bytes.length} B, brotli ${br(f.bytes)} B`);
  console.log(`  total loaded for an English page: brotli ${beyond} B = ${(beyond / 1024).toFixed(1)} KiB (target ≤ 20 KiB)`);
  console.log(`  all chunks (10 languages of both namespaces): brotli ${files.reduce((n, f) => n + br(f.bytes), 0)} B`);
}
