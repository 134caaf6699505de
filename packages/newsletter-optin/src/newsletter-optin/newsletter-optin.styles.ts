import { css } from 'lit';
import { base, theme } from '../shared/styles.js';

export const styles = [
  theme('newsletter-optin'),
  base,
  css`
    form {
      display: grid;
      gap: 0.75rem;
    }
    .legend {
      margin: 0;
      color: var(--_ck-muted);
      font-size: 0.9em;
    }
    .field {
      display: grid;
      gap: 0.25rem;
    }
    label {
      font-weight: 600;
    }
    input[type='email'] {
      font: inherit;
      width: 100%;
      min-height: 2.75rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
    }
    input[aria-invalid='true'] {
      border-color: var(--_ck-error);
    }
    .consent {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.5rem;
      align-items: start;
    }
    .consent input {
      width: 1.25rem;
      height: 1.25rem;
      margin: 0.15rem 0 0;
      accent-color: var(--_ck-accent);
    }
    .consent label {
      font-weight: 400;
    }
    .consent .error {
      grid-column: 2;
    }
    /* The honeypot: off-screen, inert and aria-hidden, so neither people nor assistive technology meet it. */
    .hp {
      position: absolute;
      left: -10000px;
      top: auto;
      width: 1px;
      height: 1px;
      overflow: hidden;
    }
    ck-privacy-notice {
      --ck-privacy-notice-color: var(--_ck-fg);
      --ck-privacy-notice-accent: var(--_ck-accent);
    }
  `,
];
