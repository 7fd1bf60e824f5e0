import { describe, expect, it } from 'vitest';
import type { LaunchRequestDraft } from '../../../shared/contract/contract';
import type { RunnerSession } from '../../../shared/model/entities';
import { fakeClient, tick } from '../test-support/fake-client';
import { createLiveSamples } from './live-samples';
import { ANY_SESSION, MAX_PROGRESS_LINES, applyProgress, createSessionsStore, isNewer } from './sessions-store';

const ID = 'sess_7f9e2b4a-1234-5678-9abc-def012345678';

function session(status: RunnerSession['status'], extra: Partial<RunnerSession> = {}): RunnerSession {
  return {
    sessionId: ID, containerId: 'dillinger_runner_sess_7f9e2b4a', gameId: 'dillinger-demo-linux', userId: 'local-user', status,
    startTime: '2026-01-01T10:00:00.000Z', displayInfo: { method: 'x11', displayId: ':42' }, ...extra,
  };
}

const sample = (second: number) => ({ cpuPercent: 5, memoryUsed: 1e6, memoryPercent: 1, timestamp: new Date(second * 1000).toISOString() });

describe('sessions store', () => {
  it('loads the sessions and follows their changes', async () => {
    const fake = fakeClient({ 'sessions.list': () => [session('starting')] });
    const store = createSessionsStore(createLiveSamples());
    const stop = store.getState().connect(fake.client);
    expect(store.getState().load.state).toBe('loading');
    await tick();
    expect(store.getState().load.state).toBe('ready');
    expect(store.getState().sessions[ID]?.status).toBe('starting');
    expect(fake.callsOf('sessions.list')).toEqual([{ limit: 1000 }]);

    fake.emit('session.changed', session('running', { processId: 9 }));
    expect(store.getState().sessions[ID]?.status).toBe('running');
    stop();
    fake.emit('session.changed', session('stopping'));
    expect(store.getState().sessions[ID]?.status).toBe('running');
    expect(store.getState().client).toBeUndefined();
  });

  it('never moves a session back to an earlier state', async () => {
    const fake = fakeClient({ 'sessions.list': () => new Promise((resolve) => setTimeout(() => resolve([session('starting')]), 5)) });
    const store = createSessionsStore(createLiveSamples());
    store.getState().connect(fake.client);
    fake.emit('session.changed', session('running'));
    await tick(10);
    expect(store.getState().sessions[ID]?.status).toBe('running');
  });

  it('launches and stops through the contract', async () => {
    const fake = fakeClient({
      'sessions.list': () => [],
      'sessions.launch': () => session('requested'),
      'sessions.stop': (input: { force: boolean }) => session(input.force ? 'terminated' : 'stopping'),
    });
    const store = createSessionsStore(createLiveSamples());
    const launched = await store.getState().launch(fake.client, { gameId: 'dillinger-demo-linux' } as LaunchRequestDraft);
    expect(launched.status).toBe('requested');
    expect(fake.callsOf('sessions.launch')).toEqual([{ request: { gameId: 'dillinger-demo-linux' } }]);
    await store.getState().stop(fake.client, ID);
    expect(fake.callsOf('sessions.stop')).toEqual([{ sessionId: ID, force: false }]);
    expect(store.getState().sessions[ID]?.status).toBe('stopping');
    await store.getState().stop(fake.client, ID, true);
    expect(fake.callsOf('sessions.stop').at(-1)).toEqual({ sessionId: ID, force: true });
    expect(store.getState().sessions[ID]?.status).toBe('terminated');
  });

  it('follows once per client however many screens connect', async () => {
    const fake = fakeClient({ 'sessions.list': () => [] });
    const live = createLiveSamples();
    const store = createSessionsStore(live);
    const first = store.getState().connect(fake.client);
    const second = store.getState().connect(fake.client);
    expect(fake.callsOf('sessions.list')).toHaveLength(1);
    fake.emit('image.progress', { sessionId: ID, image: 'dillinger-runner:local', step: 1, totalSteps: 4, line: 'Step 1/4 : FROM debian' });
    expect(store.getState().builds[ID]?.lines).toEqual(['Step 1/4 : FROM debian']);
    first();
    fake.emit('session.metrics', { sessionId: ID, sample: sample(1) });
    expect(live.ring(ID)?.length).toBe(1);
    second();
    fake.emit('session.metrics', { sessionId: ID, sample: sample(2) });
    expect(live.ring(ID)?.length).toBe(1);
  });

  it('keeps live samples per session and tells their subscribers', async () => {
    const fake = fakeClient({ 'sessions.list': () => [] });
    const live = createLiveSamples();
    const store = createSessionsStore(live);
    store.getState().connect(fake.client);
    let heard = 0;
    const off = live.subscribe(ID, () => heard++);
    fake.emit('session.metrics', { sessionId: ID, sample: sample(1) });
    fake.emit('session.metrics', { sessionId: ID, sample: sample(1) }); // a repeat: not news
    fake.emit('session.metrics', { sessionId: 'sess_other', sample: sample(1) });
    expect(heard).toBe(1);
    off();
    fake.emit('session.metrics', { sessionId: ID, sample: sample(2) });
    expect(heard).toBe(1);
    expect(live.ring(ID)?.length).toBe(2);
  });
});

describe('isNewer', () => {
  it('prefers later states, then newer facts', () => {
    expect(isNewer(undefined, session('requested'))).toBe(true);
    expect(isNewer(session('running'), session('starting'))).toBe(false);
    expect(isNewer(session('running', { lastActivity: '2026-01-01T10:00:05.000Z' }), session('running', { lastActivity: '2026-01-01T10:00:01.000Z' }))).toBe(false);
    expect(isNewer(session('running'), session('running', { lastActivity: '2026-01-01T10:00:05.000Z' }))).toBe(true);
  });
});

describe('applyProgress', () => {
  it('keeps the last lines of each build, and builds without a session apart', () => {
    let builds = {};
    for (let i = 1; i <= MAX_PROGRESS_LINES + 5; i++) builds = applyProgress(builds, { sessionId: ID, image: 'img', step: i, totalSteps: 50, line: `line ${i}` });
    builds = applyProgress(builds, { image: 'img', step: 0, totalSteps: 0, line: '' });
    const mine = (builds as Record<string, { lines: string[]; step: number }>)[ID]!;
    expect(mine.lines).toHaveLength(MAX_PROGRESS_LINES);
    expect(mine.lines.at(-1)).toBe(`line ${MAX_PROGRESS_LINES + 5}`);
    expect(mine.step).toBe(MAX_PROGRESS_LINES + 5);
    expect((builds as Record<string, { lines: string[] }>)[ANY_SESSION]?.lines).toEqual([]);
  });
});
