// The five graphs of a session, in the order the page shows them: what each draws, how its values
// read, and its colour (canvas needs real colours; these sit well on the dark theme).
import { formatBytes, formatPercent } from './format';
import type { SeriesKey } from './sample-ring';

const MIB = 1024 * 1024;

export interface GraphSeries {
  key: SeriesKey;
  /** The graph's accessible name. */
  name: string;
  format: (value: number) => string;
  /** A fixed top for percentages; bytes scale to their data. */
  yMax?: number;
  /** The least top of a byte scale. */
  yMinTop?: number;
  color: string;
}

export const GRAPH_SERIES: readonly GraphSeries[] = [
  { key: 'cpuPercent', name: 'CPU', format: formatPercent, yMax: 100, color: '#7aa2ff' },
  { key: 'memoryUsed', name: 'Memory', format: formatBytes, yMinTop: MIB, color: '#4cc38a' },
  { key: 'gpuUsage', name: 'GPU', format: formatPercent, yMax: 100, color: '#f5a524' },
  { key: 'gpuMemoryUsed', name: 'GPU memory', format: formatBytes, yMinTop: MIB, color: '#e879f9' },
  { key: 'diskUsage', name: 'Disk', format: formatBytes, yMinTop: MIB, color: '#38bdf8' },
];

/** The sparklines of a session card. */
export const SPARKLINE_SERIES = GRAPH_SERIES.filter((s) => s.key === 'cpuPercent' || s.key === 'memoryUsed' || s.key === 'gpuUsage');
