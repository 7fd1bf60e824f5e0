// The compiled check must say exactly what the RunnerSession schema says, reasons included. These
// tests hold it to that with hand-picked records and thousands of seeded random mutations of valid ones.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RunnerSession } from '../../shared/model/entities';
import { checkSessionFile, compiledValidator } from './session-file-check';
import { describeIssues } from './store-errors';
import { sampleSession } from '../test-support/sample-sessions';

const FULL: RunnerSession = sampleSession({
  status: 'terminated',
  lastActivity: '2025-10-29T14:45:32.123Z',
  resourceUsage: {
    cpuPercent: 45.2,
    memoryUsed: 2147483648,
    memoryPercent: 53.7,
    gpuUsage: 78.9,
    gpuMemoryUsed: 1,
    diskUsage: 0,
    timestamp: '2025-10-29T14:45:30+02:00',
  },
  processId: 1234,
  platform: 'windows',
  endTime: '2025-10-29T15:00:00Z',
  exitCode: -1,
  statusReason: 'the game quit',
  gpuInfo: { gpuAccess: 'dedicated', devices: ['/dev/dri/card1', '/dev/dri/renderD128'], nvidia: ['GPU-5e9476e9-c5f5-7cab-99e2-9dc1767daaf6'], groups: [44, 105], note: 'n' },
  audioInfo: { enabled: true, socketPath: '/run/user/1000/dillinger/s/pulse.sock', server: 'unix:/run/user/1000/pulse/native' },
  warnings: ['No sound: none'],
  phase: 'preparing-prefix',
  phaseSince: '2025-10-29T14:31:00Z',
  displayInfo: {
    method: 'wayland',
    displayId: 'wayland-0',
    resolution: '2560x1440',
    refreshRate: 144,
    socketPath: '/run/user/1000/wayland-0',
    authToken: 'abc',
  },
});
const MINIMAL: RunnerSession = sampleSession({ displayInfo: { method: 'x11', displayId: ':0' } });

/** What the schema says, for a value straight from JSON.parse. */
function schemaAccepts(value: unknown): boolean {
  const parsed = RunnerSession.safeParse(value);
  if (parsed.success) expect(parsed.data, 'the schema would change the record').toEqual(value);
  return parsed.success;
}

const isValidSession = compiledValidator(RunnerSession);

/** True when the check accepts `value`; its verdict, session or reason is the schema's own. */
function checkAccepts(value: unknown): boolean {
  const checked = checkSessionFile(value);
  const parsed = RunnerSession.safeParse(value);
  // The compiled validator alone (the scan's fast path) says what the schema says, too.
  expect(isValidSession(value), JSON.stringify(value)).toBe(parsed.success);
  if (typeof checked === 'string') {
    expect(parsed.success, JSON.stringify(value)).toBe(false);
    if (!parsed.success) expect(checked).toBe(describeIssues(parsed.error));
    return false;
  }
  expect(parsed.success, JSON.stringify(value)).toBe(true);
  expect(checked).toEqual(parsed.data);
  return true;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY_VALUES: unknown[] = [
  null, true, false, 0, -0, 1, -1, 0.5, 29.9, 30, 100, 100.0001, 240, 241, 2 ** 53, -(2 ** 53), 2 ** 60,
  '', ' ', 'a', 'x11', 'wayland', 'linux', 'windows', 'WINDOWS', 'running', 'terminated', 'Running', 'preparing-prefix', 'Preparing-prefix',
  ':0', ':1.1', 'host:12', 'wayland-0', '/run/x', 'relative/path', 'a/b', 'a\\b', 'tab\there', 'nul\u0000', 'a'.repeat(128), 'a'.repeat(129),
  '1920x1080', '1920X1080', '0x0', 'abc123def456', 'sess_7f9e2b4a-1234-5678-9abc-def012345678', 'sess_7F9E2B4A-1234-5678-9ABC-DEF012345678',
  '2025-10-29T14:30:00Z', '2025-10-29T14:30:00.5+05:30', '2024-02-29T00:00:00Z', '2025-02-29T00:00:00Z', '2025-10-29T14:30:00',
  '2025-10-29T24:00:00Z', '2025-10-29 14:30:00Z', '2025-10-29T14:30Z', '2025-10-29T14:30:00+0200', '2025-13-01T00:00:00Z',
  [], ['x'], {}, { a: 1 }, { method: 'x11', displayId: ':0' },
];
const SESSION_FIELDS = Object.keys(RunnerSession.shape);
const NESTED: Record<string, string[]> = {
  displayInfo: ['method', 'displayId', 'resolution', 'refreshRate', 'socketPath', 'authToken'],
  resourceUsage: ['cpuPercent', 'memoryUsed', 'memoryPercent', 'gpuUsage', 'gpuMemoryUsed', 'diskUsage', 'timestamp'],
  gpuInfo: ['gpuAccess', 'devices', 'nvidia', 'groups', 'note'],
  audioInfo: ['enabled', 'socketPath', 'server'],
};

function mutate(base: RunnerSession, random: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, Record<string, unknown> | unknown>;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  for (let n = 1 + Math.floor(random() * 2); n > 0; n -= 1) {
    const nestedKey = pick(['', '', 'displayInfo', 'resourceUsage', 'gpuInfo', 'audioInfo']);
    const nested = nestedKey ? copy[nestedKey] : undefined;
    const target = (nested && typeof nested === 'object' ? nested : copy) as Record<string, unknown>;
    const fields = nested && typeof nested === 'object' ? (NESTED[nestedKey] ?? []) : SESSION_FIELDS;
    const roll = random();
    if (roll < 0.15) delete target[pick(fields)];
    else if (roll < 0.2) target[pick(['extra', 'sessionid', 'constructor'])] = pick(TRICKY_VALUES);
    else target[pick(fields)] = pick(TRICKY_VALUES);
  }
  return JSON.parse(JSON.stringify(copy));
}

describe('session file check', () => {
  it('is compiled: zod can build a fast path for the whole RunnerSession schema', () => {
    // If this fails, entities.ts gained something z.compile cannot model: the check still answers
    // rightly through the runtime parser, but the startup scan is slower (npm run bench:store).
    expect(() => z.compile(RunnerSession, { strict: true })).not.toThrow();
    for (const field of ['displayInfo', 'resourceUsage', 'gpuInfo', 'audioInfo'] as const) {
      expect(() => z.compile(RunnerSession.shape[field], { strict: true })).not.toThrow();
    }
  });

  it('accepts the records the store writes, as the schema does', () => {
    for (const record of [FULL, MINIMAL, sampleSession()]) {
      const parsed: unknown = JSON.parse(JSON.stringify(record));
      expect(checkAccepts(parsed)).toBe(true);
      expect(schemaAccepts(parsed)).toBe(true);
    }
  });

  it('says what the schema says, over thousands of random mutations', () => {
    const random = mulberry32(20251029);
    let bothValid = 0;
    let bothInvalid = 0;
    for (let i = 0; i < 6000; i += 1) {
      const record = mutate(i % 2 === 0 ? FULL : MINIMAL, random);
      const fast = checkAccepts(record);
      expect(schemaAccepts(record), JSON.stringify(record)).toBe(fast);
      if (fast) bothValid += 1;
      else bothInvalid += 1;
    }
    expect(bothValid).toBeGreaterThan(300);
    expect(bothInvalid).toBeGreaterThan(300);
  });

  it('refuses what only JSON text can produce: Infinity, __proto__ keys, look-alike strings', () => {
    const text = JSON.stringify(FULL);
    const infinite: unknown = JSON.parse(text.replace('"processId":1234', '"processId":1e999'));
    const protoKey: unknown = JSON.parse(text.replace('{', '{"__proto__":{"x":1},'));
    const displayAsText: unknown = JSON.parse(
      JSON.stringify({ ...MINIMAL, displayInfo: JSON.stringify(MINIMAL.displayInfo) }),
    );
    expect(checkAccepts(JSON.parse(JSON.stringify(MINIMAL)))).toBe(true);
    for (const record of [infinite, protoKey, displayAsText]) {
      expect(checkAccepts(record)).toBe(false);
      expect(RunnerSession.safeParse(record).success).toBe(false);
    }
  });
});
