import { describe, expect, it } from 'vitest';
import { formatBytes, formatCores, formatDuration, formatPercent, formatTicks, formatUptime, sessionSeconds } from './format';

describe('formatBytes', () => {
  it('uses binary units with at most three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(256 * 1024 * 1024)).toBe('256 MiB');
    expect(formatBytes(12.5 * 1024 ** 3)).toBe('12.5 GiB');
  });
  it('shows a dash for a missing value', () => {
    expect(formatBytes(undefined)).toBe('–');
    expect(formatBytes(null)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
  });
});

describe('formatCores', () => {
  it('says core for one and cores for the rest', () => {
    expect(formatCores(1)).toBe('1 core');
    expect(formatCores(1.5)).toBe('1.5 cores');
    expect(formatCores(2)).toBe('2 cores');
  });
});

describe('formatPercent', () => {
  it('keeps one decimal below 100', () => {
    expect(formatPercent(3.14159)).toBe('3.1 %');
    expect(formatPercent(100)).toBe('100 %');
    expect(formatPercent(undefined)).toBe('–');
  });
});

describe('formatDuration', () => {
  it('reads naturally at every scale', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59.9)).toBe('59 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3 h 07 min');
    expect(formatDuration(2 * 86400 + 5 * 3600)).toBe('2 d 5 h');
    expect(formatDuration(-1)).toBe('–');
  });
});

describe('formatUptime', () => {
  it('is a clock', () => {
    expect(formatUptime(7)).toBe('0:07');
    expect(formatUptime(12 * 60 + 3)).toBe('12:03');
    expect(formatUptime(3723)).toBe('1:02:03');
  });
});

describe('sessionSeconds', () => {
  const start = '2026-01-01T10:00:00Z';
  it('counts to the end when there is one, else to now', () => {
    expect(sessionSeconds({ startTime: start, endTime: '2026-01-01T10:01:30Z' }, 0)).toBe(90);
    expect(sessionSeconds({ startTime: start }, Date.parse('2026-01-01T10:00:10Z'))).toBe(10);
  });
  it('never goes negative', () => {
    expect(sessionSeconds({ startTime: start }, Date.parse('2025-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('formatTicks', () => {
  const at = (h: number, m: number, s: number) => new Date(2026, 0, 1, h, m, s).getTime() / 1000;
  it('shows seconds only while the ticks are closer than a minute', () => {
    expect(formatTicks([at(20, 8, 30), at(20, 8, 45)])).toEqual(['20:08:30', '20:08:45']);
    expect(formatTicks([at(9, 0, 0), at(9, 30, 0)])).toEqual(['09:00', '09:30']);
    expect(formatTicks([at(9, 5, 0)])).toEqual(['09:05']);
  });
});
