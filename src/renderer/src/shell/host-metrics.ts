// The host strip's figures: the latest host-wide sample (metrics.host), then each one the core pushes
// (host.metrics, once a second); and how the strip words them. Pure but for the subscription.
import type { DillingerClient } from '../../../shared/contract/client';
import type { EventPayload } from '../../../shared/contract/contract';
import { formatBytes } from '../../../shared/model/sizes';

export type HostSample = EventPayload<'host.metrics'>;

/**
 * Calls listener with the latest sample, then with each pushed one. The first answer is dropped when
 * a pushed sample came before it (it would be older). Returns the function that stops.
 */
export function followHostMetrics(client: Pick<DillingerClient, 'invoke' | 'on'>, listener: (sample: HostSample) => void): () => void {
  let following = true;
  let heard = false;
  const off = client.on('host.metrics', (sample) => {
    if (!following) return;
    heard = true;
    listener(sample);
  });
  client.invoke('metrics.host').then(
    (sample) => {
      if (following && !heard && sample) listener(sample);
    },
    () => undefined, // the next pushed sample fills the strip
  );
  return () => {
    following = false;
    off();
  };
}

export interface HostFigure {
  key: string;
  /** What it is, as read out: "CPU", "Memory", "GPU 0". */
  label: string;
  /** Its value in words: "12%", "5.2 GiB of 31 GiB". */
  value: string;
  /** 0–100, for the bar. */
  percent: number;
  /** More about it (the GPU's name), for a tooltip and screen readers. */
  detail?: string;
}

function clampPercent(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

export function formatPercent(value: number): string {
  const clamped = clampPercent(value);
  return `${clamped < 10 && clamped > 0 ? clamped.toFixed(1) : Math.round(clamped)}%`;
}

/** The strip's figures: CPU, memory, then one per GPU. */
export function hostFigures(sample: HostSample): HostFigure[] {
  const figures: HostFigure[] = [
    { key: 'cpu', label: 'CPU', value: formatPercent(sample.cpuPercent), percent: clampPercent(sample.cpuPercent) },
    {
      key: 'memory',
      label: 'Memory',
      value: `${formatBytes(sample.memoryUsed)} of ${formatBytes(sample.memoryTotal)}`,
      percent: sample.memoryTotal > 0 ? clampPercent((sample.memoryUsed / sample.memoryTotal) * 100) : 0,
    },
  ];
  sample.gpus.forEach((gpu, i) => {
    const number = gpu.index ?? i;
    figures.push({
      key: `gpu-${gpu.vendor}-${gpu.node ?? number}-${i}`,
      label: sample.gpus.length === 1 && gpu.index === undefined ? 'GPU' : `GPU ${number}`,
      value: formatPercent(gpu.utilizationPercent),
      percent: clampPercent(gpu.utilizationPercent),
      detail: gpu.name,
    });
  });
  return figures;
}
