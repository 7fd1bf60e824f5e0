// How the session screens write numbers: sizes, percentages, durations and uptimes. Pure functions,
// so every screen (and its tests) agrees on them.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB"; 3 significant digits at most, whole bytes as they are. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A CPU limit: 1 → "1 core", 1.5 → "1.5 cores", 2 → "2 cores". */
export function formatCores(cores: number): string {
  return `${cores} ${cores === 1 ? 'core' : 'cores'}`;
}

/** 12.345 → "12.3 %"; values under 10 keep one decimal too. */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '–';
  return `${percent >= 100 ? Math.round(percent) : percent.toFixed(1)} %`;
}

/** Seconds as "45 s", "3 min 05 s", "2 h 07 min", "3 d 4 h". */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return '–';
  const s = Math.floor(totalSeconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** A running clock: "0:07", "12:03", "1:02:03". */
export function formatUptime(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return '0:00';
  const s = Math.floor(totalSeconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Seconds a session ran: from its start to its end, or to `now` while it has none. */
export function sessionSeconds(session: { startTime: string; endTime?: string }, nowMs: number): number {
  const start = Date.parse(session.startTime);
  const end = session.endTime ? Date.parse(session.endTime) : nowMs;
  if (Number.isNaN(start) || Number.isNaN(end)) return 0;
  return Math.max(0, (end - start) / 1000);
}

/** "2026-11-26 19:43" in the viewer's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Clock times for a graph's x axis (seconds since the epoch): with seconds while ticks are under a minute apart. */
export function formatTicks(splits: readonly number[]): string[] {
  const step = splits.length > 1 ? splits[1]! - splits[0]! : 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return splits.map((t) => {
    const d = new Date(t * 1000);
    const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return step < 60 ? `${hm}:${pad(d.getSeconds())}` : hm;
  });
}
