/**
 * End-to-end harness: playwright-core driving Debian's Chromium against pages served on
 * 127.0.0.1. Every request a page makes is recorded, so tests can count them by origin.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import * as esbuild from 'esbuild';
import { chromiumArgs, chromiumPath } from '../test-support/chromium.mjs';
export { serveStatic } from '../scripts/static-server.mjs';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** Every request URL, in order. */
  requests: string[];
  /** Request count per origin. */
  byOrigin(): Record<string, number>;
  /** Requests that went to `origin`. */
  to(origin: string): string[];
  /** Console messages, `type: text`. */
  console: string[];
  close(): Promise<void>;
}

/** A fresh context (empty profile: no cookies, no storage) and a page whose requests are counted. */
export async function openPage(browser: Browser, url?: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<TrackedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleLines: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  if (url) await page.goto(url);
  return {
    page,
    context,
    requests,
    console: consoleLines,
    byOrigin: () => requests.reduce<Record<string, number>>((acc, u) => {
      const o = new URL(u).origin;
      acc[o] = (acc[o] ?? 0) + 1;
      return acc;
    }, {}),
    to: (origin) => requests.filter((u) => new URL(u).origin === origin),
    close: () => context.close(),
  };
}

/** Bundle a browser entry (TypeScript allowed) into one ES module string, for test pages. */
export async function bundle(entry: string): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    conditions: ['development', 'browser'],
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}
