// Host-wide busy % per DRM card from sysfs: amdgpu writes /sys/class/drm/cardN/device/gpu_busy_percent
// (and VRAM use in mem_info_vram_used / mem_info_vram_total). i915 and xe have no such file.
import { readFile, readdir, readlink } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface DrmCardBusy {
  /** cardN under /sys/class/drm. */
  card: string;
  /** Its render node (renderD128), the name our GPU inventory knows it by. */
  renderNode?: string;
  /** PCI slot, as in fdinfo's drm-pdev. */
  pdev?: string;
  busyPercent: number;
  vramUsedBytes?: number;
  vramTotalBytes?: number;
}

/** Every card that reports gpu_busy_percent; empty where none does (no AMD GPU, no sysfs). */
export async function readGpuBusyPercent(sysDrmRoot = '/sys/class/drm'): Promise<DrmCardBusy[]> {
  const cards = (await readdir(sysDrmRoot).catch(() => [])).filter((name) => /^card\d+$/.test(name)).sort(byNumber);
  const readings = await Promise.all(cards.map((card) => readCard(sysDrmRoot, card)));
  return readings.flatMap((reading) => reading ?? []);
}

async function readCard(sysDrmRoot: string, card: string): Promise<DrmCardBusy | undefined> {
  const device = join(sysDrmRoot, card, 'device');
  const [busy, used, total, link, drmNodes] = await Promise.all([
    readNumber(join(device, 'gpu_busy_percent')),
    readNumber(join(device, 'mem_info_vram_used')),
    readNumber(join(device, 'mem_info_vram_total')),
    readlink(device).catch(() => undefined),
    readdir(join(device, 'drm')).catch((): string[] => []),
  ]);
  if (busy === undefined) return undefined;
  const reading: DrmCardBusy = { card, busyPercent: Math.min(100, busy) };
  const renderNode = drmNodes.find((name) => /^renderD\d+$/.test(name));
  if (renderNode) reading.renderNode = renderNode;
  const pdev = link ? basename(link) : undefined;
  if (pdev && /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-9a-f]$/i.test(pdev)) reading.pdev = pdev;
  if (used !== undefined) reading.vramUsedBytes = used;
  if (total !== undefined) reading.vramTotalBytes = total;
  return reading;
}

async function readNumber(path: string): Promise<number | undefined> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined; // missing, or the device is asleep (EBUSY / EAGAIN): no reading this time
  }
}

function byNumber(a: string, b: string): number {
  return Number(a.slice(4)) - Number(b.slice(4));
}
