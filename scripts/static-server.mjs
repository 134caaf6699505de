// A small static file server on 127.0.0.1 (examples, test pages, the "third party" origin).
// Counts every request by path so tests can assert what a page fetched.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.ics': 'text/calendar',
};

/**
 * @param {{ roots: Record<string, string>, port?: number, host?: string,
 *   routes?: Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void>,
 *   headers?: Record<string, string> }} opts
 *   roots: URL prefix → folder, e.g. { '/': 'examples', '/dist/': 'packages/embed/dist' }
 */
export async function serveStatic({ roots, port = 0, host = '127.0.0.1', routes = {}, headers = {} }) {
  const hits = new Map();
  const prefixes = Object.keys(roots).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    const route = routes[url.pathname];
    if (route) return route(req, res);
    const prefix = prefixes.find((p) => url.pathname.startsWith(p));
    if (!prefix) return void res.writeHead(404).end('not found');
    const base = resolve(roots[prefix]);
    let file = normalize(join(base, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(base)) return void res.writeHead(403).end('forbidden');
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      return void res.writeHead(404).end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const addr = server.address();
  return {
    origin: `http://${host}:${addr.port}`,
    hits,
    close: () => new Promise((ok) => (server.closeAllConnections?.(), server.close(() => ok()))),
  };
}
