// Builds the one-script-tag distribution into dist/:
//   consentkit.js      the loader: a small classic script (IIFE), minified
//   consentkit.dev.js  the same with the development leak detector, not minified
//   ui.js, send.js     lazy ES-module chunks the loader imports relative to its own URL
//   chunks/*.js        shared code split out of them (Lit, the client, element chunks, locales)
// @consentkit/* workspace packages are bundled from their sources; everything else from npm.
// esbuild bundles and minifies; Vite's Oxc minifier then takes ≈ 3 % more off (brotli), which
// keeps the returning visitor under its 3 KiB budget.
import * as esbuild from 'esbuild';
import { minify } from 'vite';
import { readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const dist = join(pkg, 'dist');
const root = resolve(pkg, '..', '..');

/** Resolve `@consentkit/<name>[/<sub>]` to the source file its `development` export names. */
const workspaceSources = {
  name: 'consentkit-sources',
  setup(build) {
    build.onResolve({ filter: /^@consentkit\// }, (args) => {
      const m = /^(@consentkit\/[^/]+)(\/.*)?$/.exec(args.path);
      const manifest = realpathSync(join(root, 'node_modules', m[1], 'package.json'));
      const exp = JSON.parse(readFileSync(manifest, 'utf8')).exports[`.${m[2] ?? ''}`];
      if (!exp?.development) return undefined;
      return { path: join(dirname(manifest), exp.development) };
    });
  },
};

const common = {
  bundle: true,
  target: 'es2022',
  platform: 'browser',
  conditions: ['browser', 'production'],
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [workspaceSources],
  loader: { '.json': 'json' },
  define: { 'process.env.NODE_ENV': '"production"' },
};

/**
 * Builds into `target` (default dist/). Written to a fresh folder first and swapped in, so a
 * concurrent reader (another test, the dev server) never sees a half-written dist.
 */
export async function build(target = dist) {
  const out = `${target}.tmp-${process.pid}-${Date.now()}`;
  const [, , esm] = await Promise.all([
    esbuild.build({ ...common, entryPoints: { consentkit: join(pkg, 'src/loader.ts') }, format: 'iife', minify: true, outdir: out, define: { ...common.define, __DEV__: 'false' } }),
    esbuild.build({ ...common, entryPoints: { 'consentkit.dev': join(pkg, 'src/loader.ts') }, format: 'iife', minify: false, outdir: out, define: { ...common.define, __DEV__: 'true' } }),
    esbuild.build({
      ...common,
      entryPoints: { ui: join(pkg, 'src/ui.ts'), send: join(pkg, 'src/send.ts') },
      format: 'esm',
      splitting: true,
      minify: true,
      outdir: out,
      chunkNames: 'chunks/[name]-[hash]',
      metafile: true,
    }),
  ]);
  // Which chunk holds which entry (the size script and the bench read it).
  const entries = {};
  for (const [file, o] of Object.entries(esm.metafile.outputs)) {
    if (o.entryPoint) entries[relative(root, resolve(o.entryPoint))] = relative(out, resolve(file));
  }
  writeFileSync(join(out, 'entries.json'), JSON.stringify(entries, null, 2));
  // A second minifier pass over esbuild's output (not the .dev.js): ≈ 3 % fewer brotli bytes.
  for (const file of [join(out, 'consentkit.js'), ...Object.keys(esm.metafile.outputs).map((f) => resolve(f))]) {
    const module = !file.endsWith(`${sep}consentkit.js`);
    const min = await minify(file, readFileSync(file, 'utf8'), { compress: { target: 'es2022' }, mangle: { toplevel: module }, module });
    if (min.errors.length) throw new Error(`minifying ${file}: ${min.errors.map((e) => e.message).join('; ')}`);
    writeFileSync(file, min.code);
  }
  const old = `${target}.old-${process.pid}-${Date.now()}`;
  try {
    renameSync(target, old);
  } catch {
    /* first build */
  }
  renameSync(out, target);
  rmSync(old, { recursive: true, force: true });
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log('built', await build());
}
