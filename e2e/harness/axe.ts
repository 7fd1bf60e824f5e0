// An axe-core check of what the page shows now: the serious and critical violations, each as one
// line naming the rule, what it asks and where (an empty list when there are none). Results axe
// could not decide count too, except colour contrast over a gradient (the sidebar, generated
// covers), which it cannot measure.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

type AxeResult = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

const SERIOUS = new Set(['serious', 'critical']);

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const undecided = results.incomplete.filter((result) => result.id !== 'color-contrast');
  const line = (result: AxeResult, kind: string) =>
    `${result.id} (${result.impact}, ${kind}): ${result.help} at ${result.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(', ')}`;
  return [
    ...results.violations.filter((result) => SERIOUS.has(result.impact ?? '')).map((result) => line(result, 'violation')),
    ...undecided.filter((result) => SERIOUS.has(result.impact ?? '')).map((result) => line(result, 'needs review')),
  ];
}
