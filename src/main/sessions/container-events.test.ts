import { describe, expect, it } from 'vitest';
import { parseEvent } from './container-events';

describe('parseEvent', () => {
  it('reads a die event as the engine sends it (recorded from dockerd 20.10)', () => {
    const line = JSON.stringify({
      status: 'die', id: 'abc123', from: 'dillinger-runner:local', Type: 'container', Action: 'die',
      Actor: { ID: 'abc123', Attributes: { 'dillinger.session': 'sess_1', exitCode: '3', image: 'dillinger-runner:local', name: 'dillinger_runner_sess_1' } },
      scope: 'local', time: 1764177000, timeNano: 1764177000123456800,
    });
    expect(parseEvent(line)).toEqual({ action: 'die', containerId: 'abc123', sessionId: 'sess_1', exitCode: 3, time: 1764177000 });
  });

  it('ignores events without our label and lines that are not JSON', () => {
    expect(parseEvent(JSON.stringify({ Action: 'die', Actor: { ID: 'x', Attributes: {} } }))).toBeUndefined();
    expect(parseEvent('garbage')).toBeUndefined();
    expect(parseEvent('')).toBeUndefined();
  });
});
