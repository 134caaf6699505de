/**
 * Shared library-mode build settings. Each package's vite.config.ts calls
 * `libraryConfig(import.meta.url, { entryName: 'src/entry.ts' })`: ES modules into dist/,
 * every bare import left external (npm users' bundlers dedupe lit, zod, i18next…).
 * The one-script-tag build (packages/embed) bundles instead and sets its own options.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

export function libraryConfig(pkgUrl: string, entries: Record<string, string>): UserConfig {
  const root = fileURLToPath(new URL('.', pkgUrl));
  return defineConfig({
    root,
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: true,
      minify: false,
      sourcemap: true,
      lib: {
        entry: Object.fromEntries(
          Object.entries(entries).map(([name, file]) => [name, fileURLToPath(new URL(file, pkgUrl))]),
        ),
        formats: ['es'],
      },
      rolldownOptions: {
        // Bare specifiers (packages) stay imports; relative and absolute paths are bundled.
        external: (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
  });
}
