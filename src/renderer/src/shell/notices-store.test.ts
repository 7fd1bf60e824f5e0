import { describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/fake-client';
import { DISMISSED_KEY, MAX_DISMISSED, createNoticesStore, noticeId, visibleNotices } from './notices-store';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

const SET_ASIDE = 'Your settings could not be read (not JSON). They were kept in /data/settings.json.invalid-1 and the defaults are used: fix that file and rename it to settings.json, or set them again.';
const ORPHAN = 'Container x carries a Dillinger session label but no running session explains it. It was left alone: if you do not need it, remove it with "docker rm -f x".';

describe('notices', () => {
  it('gives a warning the same id every time, another warning another id', () => {
    expect(noticeId(SET_ASIDE)).toBe(noticeId(`${SET_ASIDE}`));
    expect(noticeId(SET_ASIDE)).not.toBe(noticeId(ORPHAN));
    expect(noticeId(SET_ASIDE)).toMatch(/^w[0-9a-f]{8}$/);
  });

  it('shows each warning once, less the dismissed ones', () => {
    expect(visibleNotices([SET_ASIDE, ORPHAN, SET_ASIDE], [])).toEqual([{ id: noticeId(SET_ASIDE), message: SET_ASIDE }, { id: noticeId(ORPHAN), message: ORPHAN }]);
    expect(visibleNotices([SET_ASIDE, ORPHAN], [noticeId(SET_ASIDE)]).map((n) => n.message)).toEqual([ORPHAN]);
  });

  it('keeps a dismissal in storage: a new page (a reload) has it dismissed still', () => {
    const storage = memoryStorage();
    const page = createNoticesStore(storage);
    page.getState().dismiss(noticeId(SET_ASIDE));
    page.getState().dismiss(noticeId(SET_ASIDE));
    expect(JSON.parse(storage.items.get(DISMISSED_KEY) ?? '')).toEqual([noticeId(SET_ASIDE)]);
    const reloaded = createNoticesStore(storage);
    expect(visibleNotices([SET_ASIDE, ORPHAN], reloaded.getState().dismissed).map((n) => n.message)).toEqual([ORPHAN]);
  });

  it('dismisses several at once, shows every notice again when the stored list is unreadable, and keeps the newest dismissals only', () => {
    const all = createNoticesStore(memoryStorage());
    all.getState().dismiss('w1', 'w2');
    all.getState().dismiss('w2', 'w3');
    expect(all.getState().dismissed).toEqual(['w1', 'w2', 'w3']);
    expect(createNoticesStore(memoryStorage({ [DISMISSED_KEY]: '{not json' })).getState().dismissed).toEqual([]);
    expect(createNoticesStore(memoryStorage({ [DISMISSED_KEY]: '[1,"w00000001"]' })).getState().dismissed).toEqual(['w00000001']);
    const storage = memoryStorage();
    const store = createNoticesStore(storage);
    for (let i = 0; i < MAX_DISMISSED + 5; i += 1) store.getState().dismiss(`w${i}`);
    expect(store.getState().dismissed).toHaveLength(MAX_DISMISSED);
    expect(store.getState().dismissed[0]).toBe('w5');
  });

  it('works without storage (dismissed for the page only)', () => {
    const store = createNoticesStore({ getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } });
    store.getState().dismiss('w1');
    expect(store.getState().dismissed).toEqual(['w1']);
  });

  it('adds the warnings the core pushes after start-up, each once', () => {
    const { client, emit } = fakeClient({});
    const store = createNoticesStore(memoryStorage());
    const disconnect = store.getState().connect(client);
    emit('app.warning', { message: ORPHAN });
    emit('app.warning', { message: ORPHAN });
    expect(store.getState().pushed).toEqual([ORPHAN]);
    disconnect();
    emit('app.warning', { message: SET_ASIDE });
    expect(store.getState().pushed).toEqual([ORPHAN]);
  });
});
