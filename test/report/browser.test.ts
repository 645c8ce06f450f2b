// The HTML report in a real headless Chromium: it loads without a console error and without a single
// request; it shows every objective and key result of the bundled example; hostile titles are text;
// the filter narrows the tree and the teams; axe-core finds no serious or critical accessibility
// problem, light or dark; without script and in print nothing is lost. A screenshot is written
// outside the project for people to look at (OKR_REPORT_SCREENSHOTS, default <tmp>/okr-report-screenshots).
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okr } from '../support/run-cli.js';
import { copyExample } from '../support/temp-repo.js';
import { closeChromium, openPage, requireChromium } from '../support/chromium.js';
import { CONTROL_TITLE, demoRepo, HOSTILE, hostileRepo } from './workspace.js';

// The functions given to page.evaluate run in the page, with its globals; the project compiles without
// the DOM library, so they are declared here as what they are to this file: opaque page objects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PageNode = any;
declare const document: PageNode;
declare const window: PageNode;
declare function getComputedStyle(node: PageNode): { display: string };

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = process.env.OKR_REPORT_SCREENSHOTS ?? join(tmpdir(), 'okr-report-screenshots');

async function report(dir: string, args: string[] = []): Promise<string> {
  const result = await okr(['report', '-o', '-', ...args], { cwd: dir });
  if (result.code !== 0) throw new Error(`okr report failed: ${result.stderr}`);
  return result.stdout;
}

/** Objectives and key results as okr tree --json counts them (each once). */
async function treeRefs(dir: string): Promise<{ objectives: string[]; keyResults: string[] }> {
  type Node = { ref: string; key_results: { ref: string }[]; children: Node[] };
  const tree = JSON.parse((await okr(['tree', '--json'], { cwd: dir })).stdout) as { roots: Node[]; unaligned: Node[] };
  const objectives = new Set<string>();
  const keyResults = new Set<string>();
  const walk = (n: Node) => {
    objectives.add(n.ref);
    for (const k of n.key_results) keyResults.add(k.ref);
    n.children.forEach(walk);
  };
  [...tree.roots, ...tree.unaligned].forEach(walk);
  return { objectives: [...objectives].sort(), keyResults: [...keyResults].sort() };
}

/** Tree entries and objective sections the reader can see. */
const visible = (page: Page) =>
  page.evaluate(() => {
    const shown = (el: PageNode) => el.offsetParent !== null || el.getClientRects().length > 0;
    return {
      tree: [...document.querySelectorAll('.tree li')].filter(shown).map((li) => li.querySelector('a').getAttribute('href').slice(3)),
      articles: [...document.querySelectorAll('article')].filter(shown).map((a) => a.id.slice(2)),
      count: document.getElementById('count')!.textContent,
    };
  });

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE); // through the debugging protocol: the page's own policy allows no script but its own
  const results = await page.evaluate(() => (window as { axe: { run: (c: PageNode, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
}

afterAll(closeChromium);

describe('the HTML report in Chromium', () => {
  let demo: string;
  let demoHtml: string;
  beforeAll(async () => {
    demo = await demoRepo();
    demoHtml = await report(demo);
  }, 60_000);

  it('loads with no console error and no request beyond the page itself; its script runs under its policy', async (ctx) => {
    const browser = await requireChromium(ctx);
    const { page, errors, requests, dialogs, close } = await openPage(browser, demoHtml);
    try {
      // The script ran (its hash matched the policy): it shows the filter.
      await expect.poll(() => page.locator('#filter').isVisible()).toBe(true);
      await page.locator('#filter input[name=q]').fill('checkout');
      await page.keyboard.press('Enter'); // submitting the filter goes nowhere (form-action 'none' would log an error)
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it('shows every objective and key result of the bundled example, as okr tree counts them (with history, and without git)', async (ctx) => {
    const browser = await requireChromium(ctx);
    for (const [dir, html] of [
      [demo, demoHtml],
      [copyExample('acme'), undefined],
    ] as const) {
      const expected = await treeRefs(dir);
      expect(expected.objectives).toHaveLength(37);
      const { page, close } = await openPage(browser, html ?? (await report(dir, ['--as-of', '2026-11-25'])));
      try {
        const seen = await page.evaluate(() => ({
          objectives: [...document.querySelectorAll('article')].map((a) => a.id.slice(2)).sort(),
          keyResults: [...document.querySelectorAll('tbody[id^="g-"]')].map((t) => t.id.slice(2)).sort(),
          teams: document.querySelectorAll('details.team').length,
        }));
        expect(seen.objectives).toEqual(expected.objectives);
        expect(seen.keyResults).toEqual(expected.keyResults);
        expect(seen.teams).toBe(12);
        const shown = await visible(page);
        expect(new Set(shown.tree)).toEqual(new Set(expected.objectives));
        expect(shown.articles.sort()).toEqual(expected.objectives);
      } finally {
        await close();
      }
    }
  }, 90_000);

  it('the filter narrows the tree and the teams by text, team and status, keeping the path to what matches', async (ctx) => {
    const browser = await requireChromium(ctx);
    const { page, errors, close } = await openPage(browser, demoHtml);
    try {
      const all = await visible(page);
      expect(all.count).toBe('');
      const form = page.locator('#filter');

      await form.locator('input[name=q]').fill('database');
      const text = await visible(page);
      expect(text.articles).toEqual(['platform/self-serve-databases']);
      // Its line of sight stays: what it is aligned to, up to the top of the tree.
      expect(text.tree).toEqual(['engineering/reliable-platform', 'platform/shared-runtime', 'platform/self-serve-databases']);
      expect(text.count).toBe('Showing 1 of 37 objectives.');

      await form.locator('input[name=q]').fill('');
      await form.locator('select[name=team]').selectOption('sre');
      const team = await visible(page);
      expect(team.articles.length).toBeGreaterThan(0);
      expect(team.articles.every((ref) => ref.startsWith('sre/'))).toBe(true);
      expect(await page.locator('details.team:visible').evaluateAll((ds: PageNode[]) => ds.map((d: PageNode) => d.id))).toEqual(['t-sre']);

      await form.locator('select[name=team]').selectOption('');
      await form.locator('select[name=status]').selectOption('of');
      const status = await visible(page);
      // Objectives off track, and those holding a key result off track (with only those rows).
      const expected = await page.evaluate(() =>
        [...document.querySelectorAll('article')].filter((a) => a.getAttribute('data-s') === 'of' || a.querySelector('tbody[data-s~="of"]')).map((a) => a.id.slice(2)),
      );
      expect(status.articles.sort()).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThan(0);
      expect(status.count).toBe(`Showing ${expected.length} of 37 objectives.`);
      const rows = await page.locator('tbody[data-s]:visible').evaluateAll((list: PageNode[]) =>
        list.map((r: PageNode) => ({ own: r.getAttribute('data-s')!.split(' '), objective: r.closest('article')!.getAttribute('data-s') })),
      );
      expect(rows.every((r) => r.own.includes('of') || r.objective === 'of')).toBe(true);
      expect(rows.some((r) => !r.own.includes('of'))).toBe(true); // an objective off track is shown whole

      await form.locator('input[name=q]').fill('no goal is called this');
      expect((await visible(page)).count).toBe('No objective matches the filter.');
      await form.locator('button[type=reset]').click();
      await expect.poll(async () => (await visible(page)).articles.length).toBe(37);
      expect((await visible(page)).tree.length).toBe(all.tree.length);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it('axe-core run inside the page finds no serious or critical violation, in light and in dark', async (ctx) => {
    const browser = await requireChromium(ctx);
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await openPage(browser, demoHtml, { colorScheme });
      try {
        expect(await axeViolations(page), colorScheme).toEqual([]);
      } finally {
        await close();
      }
    }
  }, 120_000);

  it('without script every section is there and readable; in print every folded section opens', async (ctx) => {
    const browser = await requireChromium(ctx);
    const off = await openPage(browser, demoHtml, { javaScriptEnabled: false });
    try {
      expect(await off.page.locator('#filter').isVisible()).toBe(false);
      const shown = await visible(off.page);
      expect(shown.articles).toHaveLength(37);
      for (const heading of ['Summary', 'Alignment: how the objectives roll up to the mission', 'Teams', 'Stale key results', 'Recent check-ins'])
        expect(await off.page.getByRole('heading', { name: heading, exact: true }).isVisible(), heading).toBe(true);
      // Navigable: the contents link to each section; a folded team opens with its summary.
      await off.page.getByRole('link', { name: 'Stale key results' }).click();
      expect(off.page.url()).toMatch(/#stale$/);
      const sre = off.page.locator('details#t-sre');
      await sre.locator('summary').click();
      expect(await sre.evaluate((d: PageNode) => d.open)).toBe(false);
      expect(await sre.locator('article').first().isVisible()).toBe(false);
      await off.page.emulateMedia({ media: 'print' });
      expect(await sre.locator('article').first().isVisible()).toBe(true);
      expect(await off.page.locator('nav').isVisible()).toBe(false);
    } finally {
      await off.close();
    }
  }, 60_000);

  it('writes screenshots outside the project for people to look at', async (ctx) => {
    const browser = await requireChromium(ctx);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await openPage(browser, demoHtml, { colorScheme });
      try {
        const path = join(SCREENSHOTS, `report-${colorScheme}.png`);
        await page.screenshot({ path, fullPage: true });
        expect(statSync(path).size).toBeGreaterThan(50_000);
        console.info(`okr report screenshot: ${path}`);
      } finally {
        await close();
      }
    }
  }, 60_000);
});

describe('hostile text in Chromium', () => {
  it('titles, names and notes holding <script>, </style> and markup show as text; nothing runs', async (ctx) => {
    const browser = await requireChromium(ctx);
    const dir = hostileRepo();
    const { page, errors, requests, dialogs, close } = await openPage(browser, await report(dir));
    try {
      const seen = await page.evaluate(() => ({
        scripts: document.scripts.length,
        images: document.images.length,
        styles: document.querySelectorAll('style').length,
        h1: document.querySelector('h1')!.textContent,
        mission: document.querySelector('.mission q')!.textContent,
        objective: document.querySelector('article h4')!.textContent,
        team: document.querySelector('details.team h3')!.textContent,
        keyResults: [...document.querySelectorAll('tbody[id^="g-"] .t')].map((t) => t.textContent),
        barDisplay: getComputedStyle(document.querySelector('.bar')!).display,
        title: document.title,
      }));
      expect(seen.scripts).toBe(1);
      expect(seen.images).toBe(0);
      expect(seen.styles).toBe(1);
      expect(seen.h1).toBe(`${HOSTILE.organization}: goals of 2026-Q4`);
      expect(seen.mission).toBe(HOSTILE.mission);
      expect(seen.objective).toBe(HOSTILE.objective);
      expect(seen.team).toBe(HOSTILE.teamName);
      expect(seen.keyResults).toEqual(expect.arrayContaining([HOSTILE.keyResult, CONTROL_TITLE.replace('\u001b', '\\u001b')]));
      expect(seen.barDisplay).toBe('inline-block'); // the style sheet is whole: no "</style>" cut it short
      expect(seen.title).toContain(HOSTILE.organization);
      expect(await page.getByText(HOSTILE.note.split('\n')[0]!).count()).toBe(1);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
