// Bytes a page downloads for each banner: raw, gzip -9, brotli -q 11.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url);
export function bytes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
}
/** Sizes of a list of files, compressed one by one (as a server sends them) and summed. */
export function filesSize(paths) {
  const total = { raw: 0, gzip: 0, brotli: 0, files: [] };
  for (const p of paths) {
    const b = bytes(readFileSync(new URL(p, root)));
    total.raw += b.raw;
    total.gzip += b.gzip;
    total.brotli += b.brotli;
    total.files.push(p);
  }
  return total;
}

export function peerSizes() {
  return {
    'vanilla-cookieconsent 3.1.0 (JS+CSS)': filesSize(['node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js', 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css']),
    'Klaro 0.7.22 (klaro.js)': filesSize(['node_modules/klaro/dist/klaro.js']),
  };
}
