// Which processes use which NVIDIA GPU, and how much: `nvidia-smi pmon -s um` lists graphics (G)
// and compute (C) processes alike, unlike --query-compute-apps, which misses games (G).
// Columns are read from pmon's own header: drivers differ (580 adds jpg, ofa and ccpm).
import { superviseLineProcess, type Backoff, type SpawnFn } from './line-process';

export type PmonProcessType = 'C' | 'G' | 'C+G';

export interface PmonRow {
  gpuIndex: number;
  pid: number;
  type: PmonProcessType;
  /** Streaming-multiprocessor utilisation, %; absent where pmon printed '-'. */
  smPercent?: number;
  /** Memory-controller utilisation, %. */
  memPercent?: number;
  /** Frame-buffer memory the process holds, MiB (pmon's "MB" column). */
  fbMiB?: number;
  command?: string;
}

/** What one line of pmon output says. */
export type PmonLine =
  | { kind: 'header' }
  | { kind: 'row'; row: PmonRow }
  /** A `0 - - ...` line: no process on that GPU in this sample. */
  | { kind: 'idle'; gpuIndex: number };

/** The 580 driver's `-s um` columns, used until a header line says otherwise. */
const DEFAULT_COLUMNS = ['gpu', 'pid', 'type', 'sm', 'mem', 'enc', 'dec', 'jpg', 'ofa', 'fb', 'ccpm', 'command'];

/** A stateful line parser: it remembers the latest column header it saw. */
export function createPmonLineParser(): (line: string) => PmonLine | undefined {
  let columns = DEFAULT_COLUMNS;
  return (line) => {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      const names = trimmed.slice(1).trim().split(/\s+/).map((name) => name.toLowerCase());
      if (names.includes('pid') && names.includes('gpu')) columns = names;
      return { kind: 'header' };
    }
    const values = trimmed.split(/\s+/);
    const at = (name: string): string | undefined => {
      const position = columns.indexOf(name);
      if (position < 0) return undefined;
      // The command is last and may contain spaces.
      return name === 'command' ? values.slice(position).join(' ') || undefined : values[position];
    };
    const gpuIndex = toCount(at('gpu'));
    if (gpuIndex === undefined || values.length < columns.length - 1) return undefined;
    const pidText = at('pid');
    if (pidText === '-') return { kind: 'idle', gpuIndex };
    const pid = toCount(pidText);
    const type = toType(at('type'));
    if (pid === undefined || pid === 0 || type === undefined) return undefined;
    const row: PmonRow = { gpuIndex, pid, type };
    const sm = toCount(at('sm'));
    const mem = toCount(at('mem'));
    const fb = toCount(at('fb'));
    const command = at('command');
    if (sm !== undefined) row.smPercent = Math.min(100, sm);
    if (mem !== undefined) row.memPercent = Math.min(100, mem);
    if (fb !== undefined) row.fbMiB = fb;
    if (command !== undefined && command !== '-') row.command = command;
    return { kind: 'row', row };
  };
}

/**
 * Parses the text of `nvidia-smi pmon -c N -s um`. pmon prints one row per process per sample;
 * for each (GPU, pid) the last row that has a value wins (a row of '-' only when there is nothing better).
 */
export function parsePmon(text: string): PmonRow[] {
  const parse = createPmonLineParser();
  const rows = new Map<string, PmonRow>();
  for (const line of text.split(/\r?\n/)) {
    const parsed = parse(line);
    if (parsed?.kind !== 'row') continue;
    const key = `${parsed.row.gpuIndex}/${parsed.row.pid}`;
    if (hasValues(parsed.row) || !rows.has(key)) rows.set(key, parsed.row);
  }
  return [...rows.values()];
}

function hasValues(row: PmonRow): boolean {
  return row.smPercent !== undefined || row.memPercent !== undefined || row.fbMiB !== undefined;
}

function toCount(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function toType(text: string | undefined): PmonProcessType | undefined {
  if (text === undefined || !/^[CGM+]+$/.test(text)) return undefined;
  const compute = text.includes('C');
  const graphics = text.includes('G');
  if (compute && graphics) return 'C+G';
  if (compute) return 'C';
  return graphics ? 'G' : undefined;
}

export interface NvidiaPmonLoopOptions {
  /** pmon's `-d`: seconds between samples, 1 to 10. */
  delaySeconds: number;
  command?: string;
  spawn?: SpawnFn;
  backoff?: Backoff;
  maxFailedStarts?: number;
  onUnavailable?(reason: string): void;
  /** Rows not seen again within this are dropped; default 2 × delay + 1 s. */
  maxRowAgeMs?: number;
  now?(): number;
}

export interface NvidiaPmonLoop {
  /** The newest row per (GPU, pid) still being reported. */
  latest(): PmonRow[];
  unavailable(): string | undefined;
  dispose(): Promise<void>;
}

export function nvidiaPmonArgs(delaySeconds: number): string[] {
  return ['pmon', '-s', 'um', '-d', String(Math.min(10, Math.max(1, Math.round(delaySeconds))))];
}

/** One long-running `nvidia-smi pmon -s um -d N`, restarted with backoff when it exits. */
export function startNvidiaPmonLoop(options: NvidiaPmonLoopOptions): NvidiaPmonLoop {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxRowAgeMs ?? 2000 * options.delaySeconds + 1000;
  const rows = new Map<string, { row: PmonRow; at: number }>();
  let parse = createPmonLineParser();
  const supervisor = superviseLineProcess({
    command: options.command ?? 'nvidia-smi',
    args: nvidiaPmonArgs(options.delaySeconds),
    spawn: options.spawn,
    backoff: options.backoff,
    maxFailedStarts: options.maxFailedStarts,
    onLine: (line) => {
      const parsed = parse(line);
      if (parsed?.kind === 'row') rows.set(`${parsed.row.gpuIndex}/${parsed.row.pid}`, { row: parsed.row, at: now() });
      if (parsed?.kind === 'idle') {
        for (const [key, { row }] of rows) if (row.gpuIndex === parsed.gpuIndex) rows.delete(key);
      }
      return parsed !== undefined && parsed.kind !== 'header';
    },
    onExit: () => {
      rows.clear();
      parse = createPmonLineParser();
    },
    onUnavailable: (reason) => options.onUnavailable?.(`no NVIDIA GPU: ${reason}`),
  });
  return {
    latest: () => {
      const oldest = now() - maxAgeMs;
      return [...rows.values()].filter(({ at }) => at >= oldest).map(({ row }) => ({ ...row }));
    },
    unavailable: supervisor.unavailable,
    dispose: supervisor.dispose,
  };
}
