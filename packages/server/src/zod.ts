/**
 * zod/mini ships without messages ("Invalid input"); the server loads zod's English locale once
 * so every validation issue it answers or logs reads like "expected string, received number".
 * (Core's `issueMessage` does the same job in the browser but is not exported from
 * `@consentkit/core`'s entry points.)
 */
import * as z from 'zod/mini';

z.config(z.locales.en());

export function issueMessage(iss: z.core.$ZodIssue): string {
  return iss.message.replace(/^Invalid input: /, '');
}
