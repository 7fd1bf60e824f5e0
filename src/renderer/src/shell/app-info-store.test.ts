import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract/envelope';
import { fakeClient } from '../test-support/fake-client';
import { createAppInfoStore } from './app-info-store';

const INFO = { dataDir: '/data', libraryDir: '/games', warnings: [], canPickPaths: true, userId: 'root' };

describe('app info store', () => {
  it('loads app.info once and answers who plays from it', async () => {
    const { client, callsOf } = fakeClient({ 'app.info': () => INFO });
    const store = createAppInfoStore();
    await Promise.all([store.getState().load(client), store.getState().load(client)]);
    expect(store.getState().info).toMatchObject({ userId: 'root', canPickPaths: true });
    expect(await store.getState().userId(client)).toBe('root');
    expect(callsOf('app.info')).toHaveLength(1);
  });

  it('asks when nothing was loaded yet, and asks a new connection again', async () => {
    const store = createAppInfoStore();
    const first = fakeClient({ 'app.info': () => INFO });
    const [a, b] = await Promise.all([store.getState().userId(first.client), store.getState().userId(first.client)]);
    expect([a, b]).toEqual(['root', 'root']);
    expect(first.callsOf('app.info')).toHaveLength(1);
    const second = fakeClient({ 'app.info': () => ({ ...INFO, userId: 'ada' }) });
    expect(await store.getState().userId(second.client)).toBe('ada');
    expect(store.getState().info?.userId).toBe('ada');
  });

  it('says why it cannot tell who plays, and asks again next time', async () => {
    let fail = true;
    const { client, callsOf } = fakeClient({
      'app.info': () => {
        if (fail) throw new ContractError('internal', 'core is gone');
        return INFO;
      },
    });
    const store = createAppInfoStore();
    await store.getState().load(client);
    expect(store.getState().error).toBe('core is gone');
    await expect(store.getState().userId(client)).rejects.toThrow('Could not ask the core who plays (app.info): core is gone');
    fail = false;
    expect(await store.getState().userId(client)).toBe('root');
    expect(callsOf('app.info')).toHaveLength(3);
  });

  it("fills in what an older core leaves out", async () => {
    const { client } = fakeClient({ 'app.info': () => ({ dataDir: '/d', libraryDir: '/l', warnings: [] }) });
    const store = createAppInfoStore();
    await store.getState().load(client);
    expect(store.getState().info).toMatchObject({ canPickPaths: false, userId: 'player' });
  });
});
