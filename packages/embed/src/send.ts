/** Lazy chunk: flushes consent records still queued from an earlier page (no zod, no UI). */
import { createOutbox, createTransport } from '@consentkit/core/send';

export function flushQueued(site: string, endpoint: string | undefined): Promise<void> {
  const outbox = createOutbox({ transport: createTransport({ endpoint }), key: `ck_outbox:${site}` });
  const stop = outbox.start();
  return outbox.flush().finally(stop);
}
