/** Mail tokens: 256-bit random (base64url), stored only as their SHA-256. */
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Normalised address: trimmed, lower-cased (the form the database compares). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A key for rate limits and logs that does not carry the address itself. */
export function emailKey(site: string, email: string): string {
  return createHash('sha256').update(`${site}\0${normaliseEmail(email)}`).digest('hex').slice(0, 32);
}
