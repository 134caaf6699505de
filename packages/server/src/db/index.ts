/**
 * Opens the database: PostgreSQL through `pg` when a URL is given (DATABASE_URL), else PGlite
 * (WASM PostgreSQL) in a local folder, or in memory. One SQL dialect, the same migrations.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationProvider } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './schema.js';
import { migrations } from './migrations/index.js';

export interface DatabaseOptions {
  /** postgres://… — use PostgreSQL. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` (or undefined with `memory: true`) keeps it in memory. */
  dataDir?: string | undefined;
  /** Largest pg pool size (default 10). */
  poolSize?: number;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function openDatabase(opts: DatabaseOptions): Promise<OpenedDatabase> {
  let db: Kysely<Database>;
  let kind: OpenedDatabase['kind'];
  let unlock = () => {};
  if (opts.databaseUrl) {
    kind = 'postgres';
    // Loaded only when used: PGlite users never load pg.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    kind = 'pglite';
    const dir = opts.dataDir && opts.dataDir !== 'memory://' ? opts.dataDir : undefined;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      unlock = lockDataDir(dir);
    }
    try {
      const lite = await PGlite.create(dir ? { dataDir: dir } : {});
      db = new Kysely<Database>({ dialect: new PGliteDialect(lite) });
    } catch (err) {
      unlock();
      throw err;
    }
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy().catch(() => {});
    unlock();
    throw err;
  }
  return { db, kind, close: () => db.destroy().finally(unlock) };
}

/**
 * PGlite is one process's database: a second server on the same folder would corrupt it.
 * A lock file with the owner's pid says so clearly; a stale one (dead pid) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = join(dir, 'consentkit.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      let alive = false;
      try {
        alive = pid === process.pid || (pid > 0 && (process.kill(pid, 0), true));
      } catch {
        alive = false;
      }
      if (alive) throw new Error(`The database folder ${dir} is in use by another consentkit server (pid ${pid}). Stop it first, or use another --data-dir.`);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Cannot lock the database folder ${dir}`);
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  // Name the schema explicitly: otherwise Kysely finds another schema's migration tables (one
  // schema per app or per test run in the same database) and skips creating its own.
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'ck_migrations',
    migrationLockTableName: 'ck_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? error}`);
}

export type { Database } from './schema.js';
