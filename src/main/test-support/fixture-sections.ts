// Test helper: the recorded nvidia-smi outputs in metrics/gpu/fixtures hold several commands' output, each
// after a `## title` line. These recordings come from an NVIDIA H200 on a lent machine: no GPU runs here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text under `## <title>` in metrics/gpu/fixtures/<file>, up to the next `## ` line. */
export function recordedSection(file: 'busy.txt' | 'idle.txt', title: string): string {
  const lines = readFileSync(join(__dirname, '..', 'metrics', 'gpu', 'fixtures', file), 'utf8').split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`no section "## ${title}" in ${file}`);
  const end = lines.findIndex((line, position) => position > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}
