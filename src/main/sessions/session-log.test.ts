import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { resumeLogSince, runnerMessage } from './session-log';

const tempDir = useTempDirs();

describe('the runner\'s own reason for exit code 125', () => {
  it('is the last entrypoint line of the log, without its prefix', () => {
    const file = join(tempDir(), 'sess.log');
    writeFileSync(file, [
      'dillinger-entrypoint: note: creating the Wine prefix in /wine-prefix (first run)',
      'some game output',
      'dillinger-entrypoint: uid 1501 may not connect to the Wayland socket: it belongs to uid 1500, and a compositor lets in only its own user; run the game as that uid',
      '',
    ].join('\n'));
    expect(runnerMessage(file)).toBe('uid 1501 may not connect to the Wayland socket: it belongs to uid 1500, and a compositor lets in only its own user; run the game as that uid');
  });

  it('is never a note, however late it came: a game that exits 125 after its first start is not "the Wine prefix is ready"', () => {
    const file = join(tempDir(), 'sess.log');
    writeFileSync(file, 'dillinger-entrypoint: note: creating the Wine prefix in /wine-prefix (first run)\ndillinger-entrypoint: note: the Wine prefix is ready\ngame: bye\n');
    expect(runnerMessage(file)).toBeUndefined();
  });

  it('is absent when the log has none, or there is no log', () => {
    const file = join(tempDir(), 'sess.log');
    writeFileSync(file, 'demo: started\n');
    expect(runnerMessage(file)).toBeUndefined();
    expect(runnerMessage(join(tempDir(), 'missing.log'))).toBeUndefined();
  });
});

describe('resumeLogSince', () => {
  it("resumes an adopted container's output from the log's last write, or from the container's start when nothing was logged", () => {
    const file = join(tempDir(), 'sess.log');
    expect(resumeLogSince(file, '2026-12-02T02:00:05.900Z')).toBe(Date.parse('2026-12-02T02:00:05Z') / 1000);
    expect(resumeLogSince(file, undefined)).toBe(0);
    writeFileSync(file, 'demo: playing\n');
    const written = new Date('2026-12-02T02:10:07.250Z');
    utimesSync(file, written, written);
    expect(resumeLogSince(file, '2026-12-02T02:00:05Z')).toBe(Math.floor(written.getTime() / 1000));
  });
});
