/**
 * `consentkit-server [--config file.json] [--port 8787] [--host 127.0.0.1] [--data-dir .data/pglite]
 *                    [--dev | --production] [--static /prefix/=folder …]`
 * Environment: DATABASE_URL (PostgreSQL instead of PGlite), CONSENTKIT_DATA_DIR, PORT, HOST,
 * NODE_ENV=production, and the admin key variable named by the config's `adminKeyEnv`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from './config.js';
import { DEV_ADMIN_KEY, startServer, type RunningServer } from './index.js';

export async function main(argv = process.argv.slice(2)): Promise<RunningServer | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      dev: { type: 'boolean' },
      production: { type: 'boolean' },
      static: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: consentkit-server [--config file.json] [--port 8787] [--host 127.0.0.1] [--data-dir .data/pglite] [--dev|--production] [--static /prefix/=folder]');
    return undefined;
  }
  const dev = values.production ? false : values.dev ? true : process.env['NODE_ENV'] !== 'production';
  const databaseUrl = process.env['DATABASE_URL'] || undefined;
  const dataDir = resolve(values['data-dir'] ?? process.env['CONSENTKIT_DATA_DIR'] ?? '.data/pglite');
  const statics: Record<string, string> = {};
  for (const s of values.static ?? []) {
    const i = s.indexOf('=');
    if (i < 1) throw new ConfigError(`--static expects /prefix/=folder, got ${s}`);
    statics[s.slice(0, i)] = resolve(s.slice(i + 1));
  }
  let server: RunningServer;
  try {
    server = await startServer({
      config: values.config ? resolve(values.config) : undefined,
      port: Number(values.port ?? process.env['PORT'] ?? 8787),
      host: values.host ?? process.env['HOST'] ?? '127.0.0.1',
      databaseUrl,
      dataDir,
      dev,
      static: statics,
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exitCode = 1;
      return undefined;
    }
    throw err;
  }
  const db = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`;
  console.error(`consentkit-server listening on ${server.url.replace('127.0.0.1', 'localhost')} (${dev ? 'development' : 'production'}, ${db})`);
  if (server.deps.adminKey === DEV_ADMIN_KEY)
    console.error(`Admin API key (development default; set ${server.config.adminKeyEnv} to change it): ${DEV_ADMIN_KEY}`);
  else if (!server.deps.adminKey) console.error(`Admin API disabled: set ${server.config.adminKeyEnv}.`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return void process.exit(1);
    stopping = true;
    console.error(`${signal}: finishing requests in flight, then closing the database…`);
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return server;
}
