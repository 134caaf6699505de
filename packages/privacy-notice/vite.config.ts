import { mergeConfig } from 'vite';
import { libraryConfig } from '../../vite.config.ts';

const base = libraryConfig(import.meta.url, {
  index: './src/index.ts',
  define: './src/define.ts',
});
// Decorator helpers are bundled, not imported from @oxc-project/runtime (not a dependency).
export default mergeConfig(base, {
  build: { rolldownOptions: { external: (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !id.startsWith('@oxc-project/runtime') } },
});
