import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract/envelope';
import { fakeClient, tick } from '../test-support/fake-client';
import { coverKey, coverUrl, createCoverStore } from './cover-store';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('cover store', () => {
  it('asks once per game and cover, loading until the answer comes', async () => {
    let answer: (value: { dataUrl: string | null }) => void = () => undefined;
    const { client, callsOf } = fakeClient({ 'library.cover': () => new Promise((resolve) => (answer = resolve)) });
    const store = createCoverStore();
    const loading = store.getState().load(client, 'tux', 'cover.png');
    void store.getState().load(client, 'tux', 'cover.png');
    expect(store.getState().covers[coverKey('tux', 'cover.png')]?.state).toBe('loading');
    expect(coverUrl(store.getState().covers, 'tux', 'cover.png')).toBeUndefined();
    answer({ dataUrl: PNG });
    await loading;
    expect(coverUrl(store.getState().covers, 'tux', 'cover.png')).toBe(PNG);
    await store.getState().load(client, 'tux', 'cover.png');
    expect(callsOf('library.cover')).toEqual([{ gameId: 'tux' }]);
  });

  it('asks again for a new cover path, and keeps null (no image) and failures as no cover', async () => {
    const answers: Record<string, unknown> = { tux: { dataUrl: PNG }, two: { dataUrl: null } };
    const { client, callsOf } = fakeClient({
      'library.cover': ({ gameId }: { gameId: string }) => {
        if (gameId === 'broken') throw new ContractError('internal', 'unreadable');
        return answers[gameId];
      },
    });
    const store = createCoverStore();
    await store.getState().load(client, 'tux', 'cover.png');
    await store.getState().load(client, 'tux', 'art/new.jpg');
    await store.getState().load(client, 'two', 'cover.gif');
    await store.getState().load(client, 'broken', 'cover.png');
    expect(callsOf('library.cover')).toHaveLength(4);
    expect(coverUrl(store.getState().covers, 'tux', 'art/new.jpg')).toBe(PNG);
    expect(store.getState().covers[coverKey('two', 'cover.gif')]).toEqual({ state: 'ready', dataUrl: null });
    expect(coverUrl(store.getState().covers, 'two', 'cover.gif')).toBeUndefined();
    expect(store.getState().covers[coverKey('broken', 'cover.png')]).toEqual({ state: 'ready', dataUrl: null });
    expect(coverUrl(store.getState().covers, 'tux', undefined)).toBeUndefined();
  });

  it("forgets a game's covers (and an answer still on its way), so the next card asks again", async () => {
    let version = 1;
    const pending: Array<() => void> = [];
    const { client, callsOf } = fakeClient({
      'library.cover': () => {
        const v = version;
        return new Promise((resolve) => pending.push(() => resolve({ dataUrl: `data:image/png;base64,v${v}` })));
      },
    });
    const store = createCoverStore();
    void store.getState().load(client, 'tux', 'cover.png');
    void store.getState().load(client, 'two', 'cover.png');
    store.getState().forget('tux');
    expect(store.getState().covers[coverKey('tux', 'cover.png')]).toBeUndefined();
    expect(store.getState().covers[coverKey('two', 'cover.png')]?.state).toBe('loading');
    version = 2;
    const again = store.getState().load(client, 'tux', 'cover.png');
    pending[0]?.(); // the old answer, for the file as it was: dropped
    await tick();
    expect(store.getState().covers[coverKey('tux', 'cover.png')]?.state).toBe('loading');
    pending[2]?.();
    await again;
    expect(coverUrl(store.getState().covers, 'tux', 'cover.png')).toBe('data:image/png;base64,v2');
    expect(callsOf('library.cover')).toHaveLength(3);
  });
});
