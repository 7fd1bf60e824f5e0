import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { NO_PHASE, gameProcessSeen, phaseAfterLine, watchLaunchPhase, type PhaseFields } from './launch-phase';

// What a first start in a new prefix printed here (Wine 8, resources/runner/entrypoint.sh), in order.
const MARKER = 'dillinger-entrypoint: note: creating the Wine prefix in /wine-prefix (first run)';
const WINEBOOT_NOISE = 'wine: failed to open L"C:\\\\windows\\\\syswow64\\\\rundll32.exe": c0000135';
const WINE_DONE = 'wine: configuration in L"/wine-prefix" has been updated.';
const GAME = '/library/dillinger-demo-windows/demo.exe';

describe('phaseAfterLine', () => {
  it("begins at the entrypoint's line, and ends at Wine's own line when wineboot is done", () => {
    expect(phaseAfterLine(undefined, MARKER)).toBe('preparing-prefix');
    expect(phaseAfterLine('preparing-prefix', WINEBOOT_NOISE)).toBeUndefined();
    expect(phaseAfterLine('preparing-prefix', WINE_DONE)).toBe('none');
    expect(phaseAfterLine('preparing-prefix', 'dillinger-entrypoint: note: the Wine prefix is ready')).toBe('none');
  });

  it('changes nothing otherwise: game output, the end line with no phase, the marker twice', () => {
    expect(phaseAfterLine(undefined, 'demo: started title="x"')).toBeUndefined();
    expect(phaseAfterLine(undefined, WINE_DONE)).toBeUndefined();
    expect(phaseAfterLine('preparing-prefix', MARKER)).toBeUndefined();
    expect(phaseAfterLine(undefined, `game says: ${MARKER}`)).toBeUndefined();
  });
});

describe('gameProcessSeen', () => {
  it("sees the game's program as Wine shows it, not the entrypoint that names it, nor wineboot", () => {
    const wineboot = ['/bin/bash /usr/local/bin/dillinger-entrypoint --as-user windows /library/dillinger-demo-windows/demo.exe /S', '/usr/lib/wine/wine64 wineboot --init', 'C:\\windows\\system32\\wineboot.exe --init'];
    expect(gameProcessSeen(wineboot, GAME)).toBe(false);
    expect(gameProcessSeen([...wineboot.slice(0, 1), `${GAME} /S -windowed`], GAME)).toBe(true);
    expect(gameProcessSeen([`/usr/lib/wine/wine64 ${GAME}`], GAME)).toBe(true);
  });
});

describe('watchLaunchPhase', () => {
  const NOW = new Date('2026-12-01T12:00:00Z');
  let writes: PhaseFields[];
  let commands: string[];
  let record: Partial<RunnerSession>;

  beforeEach(() => {
    vi.useFakeTimers();
    writes = [];
    commands = ['/bin/bash /usr/local/bin/dillinger-entrypoint --as-user windows /library/x/demo.exe', '/usr/lib/wine/wine64 wineboot --init'];
    record = { status: 'running' };
  });
  afterEach(() => vi.useRealTimers());

  const watch = () =>
    watchLaunchPhase({
      current: () => record as RunnerSession,
      apply: async (fields) => {
        writes.push(fields);
      },
      processes: async () => ({ commands, executable: GAME }),
      now: () => NOW,
      pollMs: 1000,
    });

  it('sets the phase with its start time on the marker, and clears it on Wine\'s line, even split across chunks', async () => {
    const w = watch();
    w.onOutput('dillinger-entrypoint: note: creating the Wine pre');
    expect(writes).toEqual([]);
    w.onOutput('fix in /wine-prefix (first run)\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([{ phase: 'preparing-prefix', phaseSince: '2026-12-01T12:00:00.000Z' }]);
    w.onOutput(`${WINEBOOT_NOISE}\n`);
    await vi.advanceTimersByTimeAsync(3000); // polled meanwhile: still wineboot
    expect(writes).toHaveLength(1);
    w.onOutput(`${WINE_DONE}\r\ndemo: started\n`);
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([{ phase: 'preparing-prefix', phaseSince: '2026-12-01T12:00:00.000Z' }, NO_PHASE]);
    w.dispose();
  });

  it("clears it when the game's program is seen running, should Wine print nothing", async () => {
    const w = watch();
    w.onOutput(`${MARKER}\n`);
    await vi.advanceTimersByTimeAsync(2000);
    expect(writes).toHaveLength(1);
    commands = [...commands.slice(0, 1), `${GAME} /S`];
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([expect.objectContaining({ phase: 'preparing-prefix' }), NO_PHASE]);
    await vi.advanceTimersByTimeAsync(5000); // and stops looking
    expect(writes).toHaveLength(2);
    w.dispose();
  });

  it('resumes a phase the record already has (an app restarted meanwhile) and ends it by the process list', async () => {
    record = { status: 'running', phase: 'preparing-prefix', phaseSince: '2026-12-01T11:59:50Z' };
    const w = watch();
    commands = [`${GAME}`];
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual([NO_PHASE]);
    w.dispose();
  });

  it('does nothing for a Linux game, and nothing after dispose', async () => {
    const linux = watch();
    linux.onOutput('demo: started title="Dillinger Demo (Linux)"\ndemo: tick 1\n');
    await vi.advanceTimersByTimeAsync(5000);
    expect(writes).toEqual([]);
    linux.dispose();
    const ended = watch();
    ended.dispose();
    ended.onOutput(`${MARKER}\n`);
    await vi.advanceTimersByTimeAsync(5000);
    expect(writes).toEqual([]);
  });
});
