import type { Client } from '@consentkit/core';
import { consentDefault } from './consent-mode.js';
import { createGate, type Gate } from './gate.js';

/**
 * The gate for a client (npm users): sends Consent Mode `default`, applies the stored choice,
 * and follows every later decision of `client.consent`.
 */
export function connectGate(client: Client, options: { reload?: () => void } = {}): Gate & { disconnect(): void } {
  consentDefault(client.config);
  const gate = createGate({ config: client.config, state: client.consent.get(), ...options });
  gate.update(client.consent.get());
  const off = client.consent.subscribe((s) => gate.update(s));
  return {
    ...gate,
    disconnect() {
      off();
      gate.stop();
    },
  };
}
