import { css } from 'lit';

export const styles = css`
  :host {
    --_ck-bg: var(--ck-booking-widget-background, var(--ck-color-surface, #ffffff));
    --_ck-fg: var(--ck-booking-widget-color, var(--ck-color-text, #1f2328));
    --_ck-muted: var(--ck-booking-widget-muted-color, var(--ck-color-muted, #4d5661));
    --_ck-accent: var(--ck-booking-widget-accent, var(--ck-color-primary, #1d4ed8));
    --_ck-on-accent: var(--ck-booking-widget-accent-text, var(--ck-color-on-primary, #ffffff));
    --_ck-border: var(--ck-booking-widget-border-color, var(--ck-color-border, #8a929c));
    --_ck-error: var(--ck-booking-widget-error-color, var(--ck-color-error, #b42318));
    --_ck-radius: var(--ck-booking-widget-radius, var(--ck-radius, 6px));
    --_ck-font: var(--ck-booking-widget-font, var(--ck-font-family, inherit));
    --_ck-max-width: var(--ck-booking-widget-max-width, 40rem);
    display: block;
    font-family: var(--_ck-font);
    color: var(--_ck-fg);
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  :host([mode='popup']),
  :host([mode='floating']) {
    display: contents;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_ck-bg: var(--ck-booking-widget-background, var(--ck-color-surface, #1c1f24));
      --_ck-fg: var(--ck-booking-widget-color, var(--ck-color-text, #e8eaed));
      --_ck-muted: var(--ck-booking-widget-muted-color, var(--ck-color-muted, #b4bac3));
      --_ck-accent: var(--ck-booking-widget-accent, var(--ck-color-primary, #8ab4ff));
      --_ck-on-accent: var(--ck-booking-widget-accent-text, var(--ck-color-on-primary, #0b1020));
      --_ck-border: var(--ck-booking-widget-border-color, var(--ck-color-border, #6b727c));
      --_ck-error: var(--ck-booking-widget-error-color, var(--ck-color-error, #ff8a80));
    }
  }
  :host([theme='dark']) {
    --_ck-bg: var(--ck-booking-widget-background, var(--ck-color-surface, #1c1f24));
    --_ck-fg: var(--ck-booking-widget-color, var(--ck-color-text, #e8eaed));
    --_ck-muted: var(--ck-booking-widget-muted-color, var(--ck-color-muted, #b4bac3));
    --_ck-accent: var(--ck-booking-widget-accent, var(--ck-color-primary, #8ab4ff));
    --_ck-on-accent: var(--ck-booking-widget-accent-text, var(--ck-color-on-primary, #0b1020));
    --_ck-border: var(--ck-booking-widget-border-color, var(--ck-color-border, #6b727c));
    --_ck-error: var(--ck-booking-widget-error-color, var(--ck-color-error, #ff8a80));
  }
  .panel {
    box-sizing: border-box;
    max-width: var(--_ck-max-width);
    padding: 1rem;
    background: var(--_ck-bg);
    color: var(--_ck-fg);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
  }
  dialog .panel {
    border: 0;
    padding: 0;
  }
  h2 {
    font-size: 1.2em;
    margin: 0 0 0.75rem;
  }
  h3 {
    font-size: 1em;
    margin: 0.75rem 0 0.5rem;
  }
  h2:focus,
  [tabindex='-1']:focus {
    outline: none;
  }
  h2:focus-visible,
  [data-notice]:focus-visible {
    outline: 2px solid var(--_ck-accent);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  td:focus-visible {
    outline: 2px solid var(--_ck-accent);
    outline-offset: 2px;
  }
  .primary,
  .service,
  .slot {
    cursor: pointer;
    border-radius: var(--_ck-radius);
  }
  .primary {
    background: var(--_ck-accent);
    color: var(--_ck-on-accent);
    border: 1px solid var(--_ck-accent);
    padding: 0.5rem 1.1rem;
    font-weight: 600;
  }
  .primary[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .secondary {
    background: transparent;
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    padding: 0.35rem 0.8rem;
    cursor: pointer;
  }
  .link {
    background: none;
    border: 0;
    padding: 0;
    color: var(--_ck-accent);
    text-decoration: underline;
    cursor: pointer;
  }
  a {
    color: var(--_ck-accent);
  }
  ul[role='list'] {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .services {
    display: grid;
    gap: 0.5rem;
  }
  .service {
    display: grid;
    width: 100%;
    text-align: start;
    gap: 0.15rem;
    padding: 0.6rem 0.8rem;
    background: transparent;
    border: 1px solid var(--_ck-border);
  }
  .service .name {
    font-weight: 600;
  }
  .service .meta,
  .service .desc,
  .hint,
  .svc {
    color: var(--_ck-muted);
    font-size: 0.9em;
  }
  .tz {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }
  .tz select {
    max-width: 100%;
    padding: 0.25rem;
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    background: var(--_ck-bg);
  }
  .month-nav {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .month-nav h3 {
    margin: 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    margin-top: 0.5rem;
    table-layout: fixed;
  }
  th {
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_ck-muted);
    padding: 0.25rem 0;
  }
  td {
    text-align: center;
    padding: 0.45rem 0;
    border-radius: var(--_ck-radius);
    cursor: default;
  }
  td.open {
    font-weight: 700;
    cursor: pointer;
    color: var(--_ck-accent);
  }
  td.closed {
    color: var(--_ck-muted);
    text-decoration: line-through;
  }
  td.today {
    box-shadow: inset 0 0 0 1px var(--_ck-border);
  }
  td.selected {
    background: var(--_ck-accent);
    color: var(--_ck-on-accent);
  }
  .slots {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .slot {
    padding: 0.4rem 0.8rem;
    background: transparent;
    border: 1px solid var(--_ck-accent);
    color: var(--_ck-accent);
    font-weight: 600;
  }
  .notice,
  .error,
  .form-error p {
    color: var(--_ck-error);
  }
  .notice {
    border-inline-start: 3px solid var(--_ck-error);
    padding-inline-start: 0.5rem;
  }
  .chosen {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
  }
  form {
    display: grid;
    gap: 0.6rem;
  }
  .legend {
    margin: 0;
    font-size: 0.9em;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0.6rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
  }
  .field label {
    font-weight: 600;
    font-size: 0.95em;
  }
  .req {
    color: var(--_ck-error);
  }
  .field input,
  .field textarea {
    box-sizing: border-box;
    width: 100%;
    padding: 0.45rem 0.5rem;
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    background: var(--_ck-bg);
  }
  .field [aria-invalid='true'] {
    border-color: var(--_ck-error);
    border-width: 2px;
  }
  .error {
    margin: 0;
    font-size: 0.9em;
  }
  .form-error p {
    margin: 0;
  }
  .actions {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
  }
  .floating {
    position: fixed;
    inset-block-end: 1rem;
    inset-inline-end: 1rem;
    z-index: 2147482000;
    background: var(--_ck-accent);
    color: var(--_ck-on-accent);
    border: 0;
    border-radius: 999px;
    padding: 0.7rem 1.2rem;
    font-weight: 600;
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    cursor: pointer;
  }
  dialog {
    box-sizing: border-box;
    width: min(var(--_ck-max-width), calc(100vw - 1rem));
    max-height: calc(100vh - 1rem);
    padding: 1rem;
    background: var(--_ck-bg);
    color: var(--_ck-fg);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    margin-bottom: 0.5rem;
  }
  .dialog-title {
    font-weight: 700;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
