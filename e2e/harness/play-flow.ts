// The steps of the play specs, written once against a Page, so the same specs drive the UI in
// Debian's chromium (serve mode) and in the real Electron app.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { windowNames } from './x-display';

export interface Demo {
  id: string;
  title: string;
  platform: 'linux' | 'windows';
}

export const LINUX_DEMO: Demo = { id: 'dillinger-demo-linux', title: 'Dillinger Demo (Linux)', platform: 'linux' };
export const WINDOWS_DEMO: Demo = { id: 'dillinger-demo-windows', title: 'Dillinger Demo (Windows)', platform: 'windows' };

/** A Docker volume name of this run's own (library, Wine prefix). */
export function runVolume(purpose: string): string {
  return `dillinger_e2e_${purpose}_${randomBytes(4).toString('hex')}`;
}

/** The library lists both demos (copied in from the runner image on first start). */
export async function expectDemosInLibrary(page: Page): Promise<void> {
  // The runner image may be built on a fresh machine before the demos are copied: generous.
  await expect(page.getByRole('button', { name: `Play ${LINUX_DEMO.title}`, exact: true })).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole('button', { name: `Play ${WINDOWS_DEMO.title}`, exact: true })).toBeVisible();
}

export async function openLaunchSettings(page: Page, demo: Demo): Promise<void> {
  await page.getByRole('link', { name: `Settings for ${demo.title}`, exact: true }).click();
  await expect(page.getByLabel('Memory limit', { exact: true })).toBeVisible({ timeout: 20_000 });
}

/** An invalid memory limit shows its error at the field and keeps Play disabled; a valid one enables Play. */
export async function expectInvalidMemoryBlocksPlay(page: Page, fixed = '512m'): Promise<void> {
  const memory = page.getByLabel('Memory limit', { exact: true });
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await memory.fill('lots');
  await expect(memory).toHaveAttribute('aria-invalid', 'true');
  await expect(memory).toHaveAccessibleDescription(/not a size Docker understands/);
  await expect(play).toBeDisabled();
  await memory.fill(fixed);
  await expect(memory).not.toHaveAttribute('aria-invalid', 'true');
  await expect(play).toBeEnabled();
}

export async function setEnvironment(page: Page, variables: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(variables)) {
    const n = (await page.getByRole('textbox', { name: /^Name of variable \d+$/ }).count()) + 1;
    await page.getByRole('button', { name: 'Add variable', exact: true }).click();
    await page.getByRole('textbox', { name: `Name of variable ${n}`, exact: true }).fill(name);
    await page.getByRole('textbox', { name: `Value of variable ${n}`, exact: true }).fill(value);
  }
}

/** Presses Play on the settings form; the session page opens. Returns the session id. */
export async function pressPlay(page: Page, demo: Demo): Promise<string> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForURL(/#\/sessions\/sess_[0-9a-f-]+$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: demo.title, exact: true })).toBeVisible();
  return decodeURIComponent(new URL(page.url()).hash.replace('#/sessions/', ''));
}

export function sessionStatus(page: Page) {
  return page.getByRole('status', { name: 'Session status' });
}

export async function expectStatus(page: Page, status: string, timeout = 120_000): Promise<void> {
  await expect(sessionStatus(page)).toHaveText(status, { timeout });
}

/** The demo's window is in the X server's window list (it is titled with the game's name). */
export async function expectWindow(demo: Demo, open = true, timeout = 60_000): Promise<void> {
  await expect.poll(() => windowNames().includes(demo.title), { timeout, message: `a window titled "${demo.title}" ${open ? 'opens' : 'closes'}` }).toBe(open);
}

/** The graph named `name` (inside `scope`, the page by default) draws at least `min` samples. */
export async function expectGraphPoints(page: Page, name: string, min: number, timeout = 45_000): Promise<number> {
  const figure = page.getByRole('figure', { name, exact: true });
  await expect(figure).toBeVisible();
  await expect.poll(async () => Number(await figure.getAttribute('data-points')), { timeout, message: `the ${name} graph to draw ${min}+ samples` }).toBeGreaterThanOrEqual(min);
  await expect(figure.locator('canvas').first()).toBeVisible();
  return Number(await figure.getAttribute('data-points'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/e2e', { recursive: true });
  await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true });
}

/** History lists the session; its graphs replay from the stored samples. */
export async function expectInHistory(page: Page, demo: Demo, status: string, outcome?: RegExp, minPoints = 3): Promise<void> {
  await goTo(page, 'History');
  const table = page.getByRole('table', { name: 'Past sessions' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: demo.title, exact: true }) }).first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText(status);
  if (outcome) await expect(row).toContainText(outcome);
  await row.getByRole('button', { name: new RegExp(`^Graphs of ${escape(demo.title)}`) }).click();
  const replay = page.getByRole('region', { name: `Replay of ${demo.title}` });
  await expect(replay).toBeVisible();
  const figure = replay.getByRole('figure', { name: 'CPU', exact: true });
  await expect.poll(async () => Number(await figure.getAttribute('data-points')), { timeout: 20_000, message: `the replayed CPU graph to draw ${minPoints}+ samples` }).toBeGreaterThanOrEqual(minPoints);
}

/** A screen of the main nav (Library, Sessions, History, Settings). */
export async function goTo(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click();
}

/** The Sessions screen shows the session running, with its live sparklines; its card opens its page. */
export async function expectOnSessionsScreen(page: Page, demo: Demo): Promise<void> {
  await goTo(page, 'Sessions');
  const card = page.getByRole('list', { name: 'Running sessions' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: demo.title, exact: true }) });
  await expect(card).toBeVisible();
  await expect(card).toContainText('running');
  await expect(card.getByRole('img', { name: /^CPU [\d.]+ %$/ })).toBeVisible({ timeout: 15_000 });
  await card.getByRole('link', { name: demo.title, exact: true }).click();
  await expect(page.getByRole('heading', { name: demo.title, exact: true })).toBeVisible();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
