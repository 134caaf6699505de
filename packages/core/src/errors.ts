/**
 * Typed errors of the transport. Widgets branch on the class, never on message text.
 */
import type { FieldIssue } from './wire.js';

/** Base of every error the transport throws. */
export class ConsentkitError extends Error {
  override name = 'ConsentkitError';
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** Error code from the server body (`slot_unavailable`, …) or a client-side code. */
  readonly code: string;
  constructor(message: string, status: number, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.code = code;
  }
}
/** 400/422: the request was refused; `issues` names the fields. Never retried. */
export class ValidationError extends ConsentkitError {
  override name = 'ValidationError';
  readonly issues: FieldIssue[];
  constructor(message: string, status: number, code: string, issues: FieldIssue[]) {
    super(message, status, code);
    this.issues = issues;
  }
  /** Issues for one top-level field, e.g. `fields.email` → `issuesFor('fields', 'email')`. */
  issuesFor(...path: (string | number)[]): FieldIssue[] {
    return this.issues.filter((i) => path.every((p, k) => i.path[k] === p));
  }
}
/** 409: e.g. `slot_unavailable`. Never retried. */
export class ConflictError extends ConsentkitError {
  override name = 'ConflictError';
}
/** 429 after the retries ran out; `retryAfter` in seconds when the server said. */
export class RateLimitedError extends ConsentkitError {
  override name = 'RateLimitedError';
  readonly retryAfter: number | undefined;
  constructor(message: string, code: string, retryAfter: number | undefined) {
    super(message, 429, code);
    this.retryAfter = retryAfter;
  }
}
/** No response: offline, DNS, CORS, aborted, or timed out (`code` = `timeout`). */
export class NetworkError extends ConsentkitError {
  override name = 'NetworkError';
}
/** 5xx after the retries ran out, or a response that does not match the contract. */
export class ServerError extends ConsentkitError {
  override name = 'ServerError';
}
/** Any other 4xx (401, 403, 404, 410 …): `status` and `code` say which. Never retried. */
export class RequestError extends ConsentkitError {
  override name = 'RequestError';
}
