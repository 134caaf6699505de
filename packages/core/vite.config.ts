import { libraryConfig } from '../../vite.config.ts';

export default libraryConfig(import.meta.url, {
  index: './src/index.ts',
  wire: './src/wire.ts',
  i18n: './src/i18n.ts',
  lite: './src/lite.ts',
  send: './src/send.ts',
  lit: './src/lit.ts',
});
