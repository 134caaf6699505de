/**
 * The server suite again on a real PostgreSQL (`DATABASE_URL`), run by scripts/test.mjs.
 * Same tests as the `unit` project; one difference: node's `--conditions` list leaves out
 * `import`. With it (as in the root vitest.config.ts), `pg`'s CommonJS `require('pg-pool')`
 * loads pg-pool's ESM build and pg fails to load ("Class extends value [object Module]").
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const conditions = ['development', 'node', 'default'];

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['development'] } },
  test: {
    name: 'server-postgres',
    include: ['packages/server/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
