import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSafeTimestamp, historyDay, sessionFileName, storeLayout } from './layout';

const ID = 'sess_7f9e2b4a-1234-5678-9abc-def012345678';
const NOW = new Date('2026-01-02T03:04:05.678Z');

describe('storeLayout', () => {
  const layout = storeLayout('/data');

  it('places every folder under <dataDir>/runner-sessions', () => {
    expect(layout.root).toBe(join('/data', 'runner-sessions'));
    expect(layout.activeDir).toBe(join('/data', 'runner-sessions', 'active'));
    expect(layout.historyDir).toBe(join('/data', 'runner-sessions', 'history'));
    expect(layout.metricsDir).toBe(join('/data', 'runner-sessions', 'metrics'));
    expect(layout.quarantineDir).toBe(join('/data', 'runner-sessions', 'quarantine'));
  });

  it('names session files by session id', () => {
    expect(layout.activeFile(ID)).toBe(join(layout.activeDir, `${ID}.json`));
    expect(layout.historyFile(ID, '2025-10-29T23:59:59Z', NOW)).toBe(join(layout.historyDir, '2025-10-29', `${ID}.json`));
  });

  it('files history by the UTC day of endTime, or of now without one', () => {
    // 01:30 at +02:00 is still the previous day in UTC.
    expect(historyDay('2025-10-30T01:30:00+02:00', NOW)).toBe('2025-10-29');
    expect(historyDay(undefined, NOW)).toBe('2026-01-02');
    expect(() => historyDay('not a date', NOW)).toThrow(/endTime "not a date" is not a date/);
  });

  it('names metrics samples by a sortable, file-system-safe timestamp', () => {
    expect(layout.sessionMetricsDir(ID)).toBe(join(layout.metricsDir, ID));
    expect(layout.metricsSampleFile(ID, NOW)).toBe(join(layout.metricsDir, ID, '2026-01-02T03-04-05.678Z.json'));
    expect(fileSafeTimestamp('2025-10-29T14:30:00+01:00')).toBe('2025-10-29T13-30-00.000Z');
  });

  it('refuses ids that are not session ids, so no path escapes the store', () => {
    expect(() => sessionFileName('../../etc/passwd')).toThrow(/is not a session id/);
    expect(() => layout.activeFile('sess_x')).toThrow(/sess_<uuid>/);
    expect(() => layout.sessionMetricsDir('..')).toThrow();
  });
});
