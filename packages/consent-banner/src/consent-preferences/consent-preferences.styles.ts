import { css } from 'lit';
import { tokens } from '../shared.styles.js';

export const styles = [
  tokens,
  css`
    :host {
      display: contents;
    }
    dialog {
      box-sizing: border-box;
      width: min(var(--ck-consent-preferences-width, 40rem), calc(100vw - 1rem));
      max-height: calc(100vh - 2rem);
      padding: 0;
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      box-shadow: var(--_ck-shadow);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.45);
    }
    .head {
      display: flex;
      align-items: start;
      justify-content: space-between;
      gap: 1rem;
      padding: 1rem 1.25rem 0;
    }
    h2 {
      margin: 0;
      font-size: 1.15em;
    }
    .content {
      padding: 0 1.25rem;
    }
    .category {
      border-top: 1px solid var(--_ck-border);
      padding: 0.75rem 0;
    }
    .row {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    h3 {
      margin: 0;
      font-size: 1em;
    }
    .desc,
    .note {
      margin: 0.25rem 0;
      color: var(--_ck-muted);
    }
    input[type='checkbox'] {
      width: 1.4rem;
      height: 1.4rem;
      accent-color: var(--_ck-accent);
      margin: 0;
      flex: none;
    }
    label.toggle {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      cursor: pointer;
      min-height: 2.75rem;
    }
    .services {
      margin: 0.25rem 0 0;
      padding-inline-start: 1rem;
      list-style: none;
    }
    details {
      margin-top: 0.25rem;
    }
    summary {
      cursor: pointer;
      min-height: 1.5rem;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.9em;
      margin-top: 0.25rem;
    }
    th,
    td {
      text-align: start;
      padding: 0.25rem 0.5rem 0.25rem 0;
      border-bottom: 1px solid var(--_ck-border);
      vertical-align: top;
    }
    .foot {
      position: sticky;
      bottom: 0;
      background: var(--_ck-bg);
      border-top: 1px solid var(--_ck-border);
      padding: 0.75rem 1.25rem;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
