/**
 * Versioned migrations, applied in key order at start (Kysely Migrator, which locks so two
 * instances starting together on one PostgreSQL do not race). A feature adds ONE line:
 * `'0002_booking': migration0002Booking,` with the migration in its own folder.
 * Never edit a migration that has shipped; add a new one.
 */
import type { Migration } from 'kysely';
import { migration0001Core } from './0001_core.js';
import { migration0003Newsletter } from '../../newsletter/schema.js';
import { migration0002Booking } from '../../booking/schema.js';

export const migrations: Record<string, Migration> = {
  '0001_core': migration0001Core,
  '0003_newsletter': migration0003Newsletter,
  '0002_booking': migration0002Booking,
};
