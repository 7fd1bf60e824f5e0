// One uPlot line graph over time, as an accessible figure: its name, its latest value, and how many
// points it draws (data-points, which the end-to-end tests read). Stored buckets draw their min..max
// as a band around the mean, so spikes survive downsampling.
import { useEffect, useId, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatTicks } from './format';
import { countPoints, type SeriesPoints } from './time-range';
import './graphs.css';

export interface TimeSeriesGraphProps {
  name: string;
  times: number[];
  points: SeriesPoints | undefined;
  format: (value: number) => string;
  color: string;
  yMax?: number;
  /** The least top of a scale that follows its data (so an idle disk does not read "1 B, 1 B, 0 B"). */
  yMinTop?: number;
  /** The x range to show, in seconds since the epoch (to: undefined = the newest point). */
  from?: number;
  to?: number;
  height?: number;
  /** Shown instead of the plot while there is nothing to draw. */
  emptyText?: string;
}

const AXIS = { stroke: '#9aa2b1', grid: { stroke: 'rgba(255,255,255,0.07)', width: 1 }, ticks: { stroke: 'rgba(255,255,255,0.12)', width: 1 } };

export function TimeSeriesGraph({ name, times, points, format, color, yMax, yMinTop, from, to, height = 160, emptyText }: TimeSeriesGraphProps) {
  const id = useId();
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const view = useRef({ from, to, yMax, yMinTop, format });
  const banded = points?.min !== undefined && points.max !== undefined;
  const data = useMemo(() => toAligned(times, points, banded), [times, points, banded]);

  // Created when the first points come (so a stored range that turns out bucketed does not build it
  // twice, and a series the session never had, such as GPU, draws no empty axes), once per shape;
  // data changes below only call setData.
  const count = countPoints(points);
  const hasData = count > 0;
  useEffect(() => {
    const element = holder.current;
    if (!element || !hasData) return;
    const series: uPlot.Series[] = [
      {},
      { label: name, stroke: color, width: 1.5, fill: banded ? undefined : `${color}22`, points: { show: false }, value: (_u, v) => (v === null ? '–' : view.current.format(v)) },
    ];
    if (banded) {
      series.push({ label: `${name} min`, stroke: 'transparent', points: { show: false } }, { label: `${name} max`, stroke: 'transparent', points: { show: false } });
    }
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: false },
      cursor: { show: true, drag: { x: false, y: false }, points: { show: false } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      series,
      bands: banded ? [{ series: [3, 2], fill: `${color}33` }] : undefined,
      scales: {
        x: {
          time: true,
          range: (_u, min, max) => {
            const lo = view.current.from ?? min;
            const hi = view.current.to ?? Math.max(max, lo + 1);
            return [lo, hi > lo ? hi : lo + 1];
          },
        },
        y: {
          range: (_u, _min, max) => [0, view.current.yMax ?? Math.max(view.current.yMinTop ?? 1, Number.isFinite(max) ? max * 1.15 : 0)],
        },
      },
      axes: [
        { ...AXIS, size: 28, space: 80, values: (_u, splits) => formatTicks(splits) },
        { ...AXIS, size: 74, values: (_u, splits) => splits.map((v) => view.current.format(v)) },
      ],
    };
    const instance = new uPlot(options, toAligned([], undefined, banded), element);
    plot.current = instance;
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, element.clientWidth);
      if (width !== instance.width) instance.setSize({ width, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.destroy();
      plot.current = null;
    };
  }, [banded, color, height, name, hasData]);

  useEffect(() => {
    view.current = { from, to, yMax, yMinTop, format };
    plot.current?.setData(data, true);
  }, [data, banded, color, height, name, from, to, yMax, yMinTop, format, hasData]);

  const latest = lastValue(points);
  return (
    <figure className="graph" aria-labelledby={`${id}-name`} data-points={count} data-series={name}>
      <figcaption className="graph-caption">
        <span id={`${id}-name`} className="graph-name">{name}</span>
        <span className="graph-latest" aria-live="off">{latest === undefined ? '–' : format(latest)}</span>
      </figcaption>
      <div ref={holder} className="graph-plot" aria-hidden="true" style={{ height }} />
      {!hasData && emptyText && <p className="graph-empty">{emptyText}</p>}
    </figure>
  );
}

function toAligned(times: number[], points: SeriesPoints | undefined, banded: boolean): uPlot.AlignedData {
  const empty = () => new Array<number | null>(times.length).fill(null);
  const mean = points?.mean ?? empty();
  if (!banded) return [times, mean];
  return [times, mean, points?.min ?? empty(), points?.max ?? empty()];
}

function lastValue(points: SeriesPoints | undefined): number | undefined {
  const mean = points?.mean;
  if (!mean) return undefined;
  for (let i = mean.length - 1; i >= 0; i--) if (mean[i] !== null && mean[i] !== undefined) return mean[i]!;
  return undefined;
}
