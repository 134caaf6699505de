// One web-test-runner config for every package: browser tests are `packages/*/src/**/*.test.ts`
// and run in Debian's Chromium (real DOM, real cookies, real Shadow DOM).
// Run one package: `npx web-test-runner --config web-test-runner.config.mjs "packages/core/src/**/*.test.ts"`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { chromiumArgs, chromiumPath } from './test-support/chromium.mjs';
import { countReporter } from './test-support/count-reporter.mjs';

export default {
  files: ['packages/*/src/**/*.test.ts'],
  rootDir: '.',
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 20 * 60 * 1000,
  browserStartTimeout: 60000,
  reporters: [defaultReporter(), countReporter()],
  plugins: [esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.wtr.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: [...chromiumArgs, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'ck-wtr-'))}`],
      },
    }),
  ],
  // mockServiceWorker.js for msw (used only to play the server's faults).
  middleware: [
    function serviceWorker(ctx, next) {
      if (ctx.path === '/mockServiceWorker.js') ctx.path = '/test-support/public/mockServiceWorker.js';
      return next();
    },
  ],
};
