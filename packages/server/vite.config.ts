import { libraryConfig } from '../../vite.config.ts';

const config = libraryConfig(import.meta.url, {
  index: './src/index.ts',
  cli: './src/cli.ts',
});
// A Node program: no browser target, JSON locales bundled.
config.build!.target = 'node20';
config.build!.sourcemap = true;
export default config;
