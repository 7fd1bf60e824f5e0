// The disk limit is shared by every tmpfs of the session (model/tmpfs-budget.ts): it must leave each
// of them a real size, whatever the number of extra tmpfs mounts.
import { DEFAULT_DISK_LIMIT, formatBytes, parseDockerSize } from '../model/sizes';
import { MIN_DISK_LIMIT_BYTES, MIN_TMPFS_BYTES, budgetFits, minimumDiskLimitMiB } from '../model/tmpfs-budget';
import type { Problem } from './problems';

/** Tolerates a malformed config: the schema reports shapes and sizes that do not parse. */
export function diskBudgetProblems(config: Record<string, unknown>): Problem[] {
  const extra = Array.isArray(config.volumes)
    ? config.volumes.filter((v: unknown) => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'tmpfs').length
    : 0;
  if (extra === 0) return [];
  const resources = typeof config.resources === 'object' && config.resources !== null ? (config.resources as Record<string, unknown>) : {};
  const text = typeof resources.diskLimit === 'string' ? resources.diskLimit : DEFAULT_DISK_LIMIT;
  const bytes = parseDockerSize(text);
  if (bytes === undefined || bytes < MIN_DISK_LIMIT_BYTES || budgetFits(bytes, extra)) return [];
  const mounts = `${extra} tmpfs mount${extra === 1 ? '' : 's'}`;
  return [{
    path: 'launchConfig.resources.diskLimit',
    message: `The disk limit ${text} is shared by /dev/shm, /tmp and ${mounts}, which leaves each less than ${formatBytes(MIN_TMPFS_BYTES)}: use at least ${minimumDiskLimitMiB(extra)}m, or remove some tmpfs mounts.`,
  }];
}
