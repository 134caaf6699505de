// Builds the one-script-tag distribution into dist/:
//   consentkit.js      the loader: a small classic script (IIFE), minified
//   consentkit.dev.js  the same with the development leak detector, not minified
//   ui.js, send.js     lazy ES-module chunks the loader imports relative to its own URL
//   chunks/*.js        shared code split out of them (Lit, the client, element chunks, locales)
// @consentkit/* workspace packages are bundled from their sources; everything else from npm.
import * as esbuild from 'esbuild';
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const out = join(pkg, 'dist');
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

export async function build() {
  rmSync(out, { recursive: true, force: true });
  await Promise.all([
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
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build();
  console.log('built', out);
}
