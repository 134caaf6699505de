import { libraryConfig } from '../../vite.config.ts';

export default libraryConfig(import.meta.url, {
  index: './src/index.ts',
  define: './src/define.ts',
});
