/**
 * Node-side tests. Two projects:
 *  - unit: `packages/<pkg>/test/**\/*.test.ts` (core logic, server against PGlite/PostgreSQL);
 *  - e2e:  `e2e/**\/*.test.ts`, playwright-core driving Debian's Chromium against local servers.
 * Browser component tests (`packages/<pkg>/src/**\/*.test.ts`) run in web-test-runner instead.
 */
import { defineConfig } from 'vitest/config';

const conditions = ['development', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['development'] } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['packages/*/test/**/*.test.ts'], environment: 'node', testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
