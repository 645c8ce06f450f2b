// A real headless Chromium for the HTML report's tests (Debian package `chromium`, driven by
// playwright-core). Outside CI a missing browser skips those tests with a message saying how to run
// them; with CI set (.ci/run installs it) a missing browser fails them.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { TestContext } from 'vitest';
import { requireClient } from './clients.js';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let launched: Promise<Browser> | undefined;

/** The browser (launched once per test file), or the test is skipped (outside CI) or failed (in CI). */
export async function requireChromium(ctx: TestContext): Promise<Browser> {
  requireClient(ctx, existsSync(CHROMIUM) ? CHROMIUM : undefined, 'Chromium', 'apt-get install -y chromium');
  launched ??= chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return launched;
}

export async function closeChromium(): Promise<void> {
  const browser = await launched?.catch(() => undefined);
  launched = undefined;
  await browser?.close();
}

/** Where the page is served from: a name that resolves nowhere, so only the route below can answer it. */
export const PAGE_URL = 'http://report.invalid/report.html';

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Every request the page made besides loading itself (data: URLs included). */
  readonly requests: string[];
  /** alert(), confirm(), prompt(): none may ever open. */
  readonly dialogs: string[];
  close(): Promise<void>;
}

/** Opens `html` as the page at PAGE_URL in a new context; every other request is recorded and refused. */
export async function openPage(browser: Browser, html: string, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== PAGE_URL) requests.push(request.url());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await context.route('**/*', (route) =>
    route.request().url() === PAGE_URL ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort(),
  );
  await page.goto(PAGE_URL, { waitUntil: 'load' });
  return { page, errors, requests, dialogs, close: () => context.close() };
}
