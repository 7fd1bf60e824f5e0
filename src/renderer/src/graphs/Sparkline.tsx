// A tiny live line of one series of one session, drawn straight onto a canvas when a sample arrives
// (at most once per animation frame): no React render per sample, so sixteen sessions cost little.
import { useEffect, useRef } from 'react';
import type { SampleRing, SeriesKey } from './sample-ring';

export const SPARKLINE_SAMPLES = 60;

export interface SparklineProps {
  name: string;
  seriesKey: SeriesKey;
  color: string;
  format: (value: number) => string;
  yMax?: number;
  /** The session's ring (undefined until its first sample). */
  ring: () => SampleRing | undefined;
  /** Subscribe to the session's new samples; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
  width?: number;
  height?: number;
}

export function Sparkline({ name, seriesKey, color, format, yMax, ring, subscribe, width = 96, height = 28 }: SparklineProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const holder = useRef<HTMLSpanElement>(null);
  const value = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let frame = 0;
    const buffer = new Float64Array(SPARKLINE_SAMPLES);
    let lastText = '';
    const draw = () => {
      frame = 0;
      const element = canvas.current;
      const source = ring();
      if (!element || !source) return;
      const values = source.tail(seriesKey, SPARKLINE_SAMPLES, buffer);
      drawLine(element, values, color, yMax, width, height);
      const latest = source.latest(seriesKey);
      const text = latest === undefined ? '–' : format(latest);
      // Written straight into the DOM: a React render per sample is what this component avoids.
      if (text !== lastText && holder.current && value.current) {
        lastText = text;
        holder.current.setAttribute('aria-label', `${name} ${latest === undefined ? 'no value' : text}`);
        value.current.textContent = text;
      }
    };
    draw();
    const unsubscribe = subscribe(() => {
      frame ||= requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ring, subscribe, seriesKey, color, format, yMax, width, height, name]);

  const ratio = typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);
  return (
    <span ref={holder} className="sparkline" role="img" aria-label={`${name} no samples yet`}>
      <span className="sparkline-name" aria-hidden="true">{name}</span>
      <canvas ref={canvas} width={width * ratio} height={height * ratio} style={{ width, height }} aria-hidden="true" />
      <span ref={value} className="sparkline-value" aria-hidden="true">
        –
      </span>
    </span>
  );
}

function drawLine(canvas: HTMLCanvasElement, values: Float64Array, color: string, yMax: number | undefined, width: number, height: number) {
  const context = canvas.getContext('2d');
  if (!context) return;
  const scale = canvas.width / width;
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.clearRect(0, 0, width, height);
  let top = yMax ?? 0;
  if (yMax === undefined) for (const v of values) if (v > top) top = v;
  if (!(top > 0)) top = 1;
  const step = width / (SPARKLINE_SAMPLES - 1);
  const x0 = width - (values.length - 1) * step;
  context.beginPath();
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      pen = false;
      continue;
    }
    const x = x0 + i * step;
    const y = height - 1 - (Math.min(v, top) / top) * (height - 2);
    if (pen) context.lineTo(x, y);
    else context.moveTo(x, y);
    pen = true;
  }
  context.strokeStyle = color;
  context.lineWidth = 1.5;
  context.stroke();
}
