/**
 * `startServer()` runs the real server (CLI, `npm start`, and other packages' end-to-end tests):
 *
 *   const server = await startServer({ port: 0 });   // demo config, in-memory PGlite
 *   fetch(`${server.url}/v1/consents`, …); await server.close();
 *
 * Database: `databaseUrl` (or env DATABASE_URL) → PostgreSQL; else PGlite in `dataDir`
 * (default in memory). `close()` stops accepting, finishes requests in flight and background
 * work (mails), then closes the database.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { demoConfigPath, loadConfig, parseServerConfig, type ServerConfig, type ServerConfigInput } from './config.js';
import { openDatabase } from './db/index.js';
import { createDeps, type Deps } from './deps.js';
import { jsonLogger, quietLogger, type Logger } from './log.js';
import { createMailer } from './mail.js';
import { dbRateLimiter } from './ratelimit.js';
import { startRetention } from './retention.js';

export interface StartOptions {
  /** A config object, or the path of a JSON config file (default: the demo config). */
  config?: ServerConfigInput | string | undefined;
  /** Default 0 (any free port). */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** postgres://… (default: env DATABASE_URL). */
  databaseUrl?: string | undefined;
  /** PGlite data folder (default: in memory). */
  dataDir?: string | undefined;
  /** Development mode: dev mailbox, default admin key (default: NODE_ENV !== 'production'). */
  dev?: boolean | undefined;
  /** Admin API key (default: env named by `adminKeyEnv`; in dev mode `dev-admin-key`). */
  adminKey?: string | undefined;
  /** URL prefix → folder of static files. */
  static?: Record<string, string> | undefined;
  /** Logger, or 'quiet' (warnings/errors only) — default JSON lines on stdout. */
  log?: Logger | 'quiet' | undefined;
  now?: (() => Date) | undefined;
  /** Retention purge interval (default 1 h). */
  retentionIntervalMs?: number | undefined;
  /** Override `publicUrl` (e.g. when the port is only known after listen: pass `'auto'`). */
  publicUrl?: string | 'auto' | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  config: ServerConfig;
  deps: Deps;
  app: Hono;
  dbKind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export const DEV_ADMIN_KEY = 'dev-admin-key';

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const cfgIn = opts.config ?? demoConfigPath;
  let config = typeof cfgIn === 'string' ? loadConfig(cfgIn) : parseServerConfig(cfgIn, '(config object)');
  const dev = opts.dev ?? process.env['NODE_ENV'] !== 'production';
  const log: Logger = opts.log === 'quiet' ? quietLogger() : opts.log ?? jsonLogger();
  const now = opts.now ?? (() => new Date());
  const databaseUrl = opts.databaseUrl ?? process.env['DATABASE_URL'] ?? undefined;
  const opened = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir: opts.dataDir });
  const host = opts.host ?? '127.0.0.1';

  const state = { draining: false };
  let deps!: Deps;
  let app!: Hono;
  const build = () => {
    const mailer = createMailer({ db: opened.db, config, log, now });
    deps = createDeps({
      db: opened.db,
      config,
      mailer,
      limiter: dbRateLimiter(opened.db, now),
      now,
      log,
      dev,
      adminKey: opts.adminKey ?? process.env[config.adminKeyEnv] ?? (dev ? DEV_ADMIN_KEY : undefined),
    });
    app = createApp(deps, { static: opts.static, state });
  };
  build();

  // Requests being handled: shutdown waits for them even when their client has gone away
  // (a closed socket does not stop a handler that is still writing to the database).
  let inflight = 0;
  let idle: (() => void) | undefined;
  const handle = async (req: Request, env: unknown) => {
    inflight++;
    try {
      return await app.fetch(req, env);
    } finally {
      if (--inflight === 0) idle?.();
    }
  };
  const drained = (ms: number) =>
    inflight === 0
      ? Promise.resolve()
      : new Promise<void>((ok) => {
          const timer = setTimeout(ok, ms);
          idle = () => (clearTimeout(timer), ok());
        });

  let server: Server;
  try {
    server = await new Promise<Server>((ok, fail) => {
      const s = serve({ fetch: handle, port: opts.port ?? 0, hostname: host }, () => ok(s as Server)) as Server;
      s.once('error', fail);
    });
  } catch (err) {
    await opened.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  if (opts.publicUrl) {
    config = { ...config, publicUrl: opts.publicUrl === 'auto' ? url : opts.publicUrl };
    build();
  }
  const stopRetention = startRetention(deps, opts.retentionIntervalMs);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      state.draining = true;
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeIdleConnections();
      });
      await drained(10_000);
      await deps.settled();
      await stopRetention();
      deps.mailer.close();
      await opened.close();
    })());

  return { url, port, config, get deps() { return deps; }, get app() { return app; }, dbKind: opened.kind, close };
}

export { createApp, type AppOptions } from './app.js';
export { createDeps, type Deps } from './deps.js';
export { ServerConfig, SiteServerConfig, Retention, ConfigError, loadConfig, parseServerConfig, demoConfigPath, type ServerConfigInput } from './config.js';
export { openDatabase, migrate, type Database, type DatabaseOptions } from './db/index.js';
export { ApiError, errorHandler, errorResponse, parseJson, parseQuery, validate, requireSite, clientIp, toIssues } from './http.js';
export { withIdempotency } from './idempotency.js';
export { dbRateLimiter, enforceLimit, type RateLimiter, type LimitResult, type LimitOptions } from './ratelimit.js';
export { createMailer, type Mailer, type MailMessage, type MailAttachment } from './mail.js';
export { addMailStrings, mailT, mailLanguage, mailDirection } from './i18n.js';
export { runRetention, purgeJobs, type PurgeJob } from './retention.js';
export { subjectSources, type SubjectSource } from './subjects.js';
export { jsonLogger, quietLogger, memoryLogger, type Logger } from './log.js';
