#!/usr/bin/env node
// Bundles src/standalone.ts (elements + lit + core + privacy notice) into dist/standalone.js for
// the example pages, and prints the size the newsletter elements add beyond what a page with the
// consent banner already loads (lit, @lit/context, @consentkit/core, i18next, zod/mini external).
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// @consentkit/* from their sources (src/<subpath>.ts), everything else in its production build
// (the `development` condition would pull Lit's dev mode).
const sources = {
  name: 'consentkit-sources',
  setup(build) {
    build.onResolve({ filter: /^@consentkit\/[^/]+(\/.*)?$/ }, (args) => {
      const [, pkg, sub] = /^@consentkit\/([^/]+)(?:\/(.*))?$/.exec(args.path);
      return { path: fileURLToPath(new URL(`../../${pkg}/src/${sub ?? 'index'}.ts`, import.meta.url)) };
    });
  },
};
const common = { bundle: true, format: 'esm', target: 'es2022', minify: true, conditions: ['browser'], plugins: [sources], absWorkingDir: root, logLevel: 'warning' };

await esbuild.build({ ...common, entryPoints: ['src/standalone.ts'], outdir: 'dist/standalone', splitting: true, entryNames: 'standalone', chunkNames: 'chunks/[name]-[hash]' });

if (process.argv.includes('--size')) {
  // What a page pays for the newsletter elements on top of the consent banner: bundle the banner
  // alone, then banner + newsletter, everything included (lit, core, i18next, zod/mini…), and
  // compare what loads eagerly (entry + statically imported chunks) plus the English strings.
  const br = (b) => brotliCompressSync(b).length;
  async function eager(entries) {
    const out = await esbuild.build({ ...common, stdin: { contents: entries.map((e) => `import '${e}';`).join('\n'), resolveDir: root, loader: 'ts' }, write: false, splitting: true, outdir: 'out', metafile: true });
    const files = new Map(out.outputFiles.map((f) => [f.path.slice(f.path.indexOf('/out/') + 1), f.contents]));
    const seen = new Set();
    const visit = (name) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const imp of out.metafile.outputs[name].imports) if (imp.kind === 'import-statement') visit(imp.path);
    };
    visit(Object.keys(out.metafile.outputs).find((n) => out.metafile.outputs[n].entryPoint === '<stdin>'));
    // English strings of each namespace (loaded lazily, one language per page).
    for (const [name, o] of Object.entries(out.metafile.outputs)) if (Object.keys(o.inputs).some((i) => /\/locales\/en\.json$/.test(i))) visit(name);
    const bytes = [...seen].map((n) => files.get(n) ?? new Uint8Array());
    const joined = Buffer.concat(bytes.map((b) => Buffer.from(b)));
    return { raw: joined.length, br: br(joined) };
  }
  const banner = '../consent-banner/src/define.ts';
  const mine = './src/define.ts';
  const a = await eager([banner]);
  const b = await eager([banner, mine]);
  const alone = await eager([mine]);
  console.log(`banner alone (eager JS+CSS + en strings): ${a.raw} B min, ${a.br} B brotli`);
  console.log(`banner + newsletter elements:              ${b.raw} B min, ${b.br} B brotli`);
  console.log(`newsletter beyond the banner:              ${b.raw - a.raw} B min, ${b.br - a.br} B brotli (incl. <ck-privacy-notice> + @floating-ui/dom)`);
  console.log(`newsletter elements on a page without the banner: ${alone.raw} B min, ${alone.br} B brotli`);
}
