import { css } from 'lit';

/** Colour tokens and the one button style every choice uses (equal prominence: R6). */
export const tokens = css`
  :host {
    --_ck-bg: var(--ck-consent-background, var(--ck-color-surface, #ffffff));
    --_ck-fg: var(--ck-consent-color, var(--ck-color-text, #1f2328));
    --_ck-muted: var(--ck-consent-muted-color, var(--ck-color-muted, #4d5661));
    --_ck-accent: var(--ck-consent-accent, var(--ck-color-primary, #1d4ed8));
    --_ck-on-accent: var(--ck-consent-on-accent, var(--ck-color-on-primary, #ffffff));
    --_ck-border: var(--ck-consent-border-color, var(--ck-color-border, #8a929c));
    --_ck-radius: var(--ck-consent-radius, var(--ck-radius, 6px));
    --_ck-font: var(--ck-consent-font, var(--ck-font-family, system-ui, sans-serif));
    --_ck-size: var(--ck-consent-font-size, var(--ck-font-size, 0.9375rem));
    --_ck-shadow: var(--ck-consent-shadow, 0 4px 24px rgb(0 0 0 / 0.25));
    font-family: var(--_ck-font);
    font-size: var(--_ck-size);
    line-height: 1.5;
    color: var(--_ck-fg);
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_ck-bg: var(--ck-consent-background, var(--ck-color-surface, #1c1f24));
      --_ck-fg: var(--ck-consent-color, var(--ck-color-text, #e8eaed));
      --_ck-muted: var(--ck-consent-muted-color, var(--ck-color-muted, #b4bac3));
      --_ck-accent: var(--ck-consent-accent, var(--ck-color-primary, #8ab4ff));
      --_ck-on-accent: var(--ck-consent-on-accent, var(--ck-color-on-primary, #0b1020));
      --_ck-border: var(--ck-consent-border-color, var(--ck-color-border, #7d8590));
      color-scheme: dark;
    }
  }
  :host([theme='dark']) {
    --_ck-bg: var(--ck-consent-background, var(--ck-color-surface, #1c1f24));
    --_ck-fg: var(--ck-consent-color, var(--ck-color-text, #e8eaed));
    --_ck-muted: var(--ck-consent-muted-color, var(--ck-color-muted, #b4bac3));
    --_ck-accent: var(--ck-consent-accent, var(--ck-color-primary, #8ab4ff));
    --_ck-on-accent: var(--ck-consent-on-accent, var(--ck-color-on-primary, #0b1020));
    --_ck-border: var(--ck-consent-border-color, var(--ck-color-border, #7d8590));
    color-scheme: dark;
  }
  .choice {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    min-width: 9rem;
    padding: 0.5rem 1.1rem;
    border: 2px solid var(--_ck-accent);
    border-radius: var(--_ck-radius);
    background: var(--_ck-accent);
    color: var(--_ck-on-accent);
    cursor: pointer;
  }
  .choice:hover {
    filter: brightness(1.08);
  }
  :focus-visible {
    outline: 3px solid var(--_ck-accent);
    outline-offset: 2px;
  }
  .choice:focus-visible {
    outline-color: var(--_ck-fg);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  a {
    color: var(--_ck-accent);
  }
  .icon {
    font: inherit;
    background: transparent;
    color: var(--_ck-fg);
    border: 1px solid transparent;
    border-radius: var(--_ck-radius);
    min-width: 2.75rem;
    min-height: 2.75rem;
    cursor: pointer;
    font-size: 1.25rem;
    line-height: 1;
  }
  .icon:hover {
    border-color: var(--_ck-border);
  }
`;
