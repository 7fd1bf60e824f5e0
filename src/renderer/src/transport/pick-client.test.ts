import { describe, expect, it } from 'vitest';
import type { Transport } from '../../../shared/contract/client';
import { contractSocketUrl, pickClient } from './pick-client';

const bridge: Transport = {
  invoke: async () => ({ result: { reachable: true, endpoint: 'unix:///var/run/docker.sock' } }),
  subscribe: () => () => {},
};

describe('contractSocketUrl', () => {
  it("builds the contract's WebSocket address from the page's own host and token", () => {
    expect(contractSocketUrl({ protocol: 'http:', host: '127.0.0.1:8123', search: '?token=abc' })).toBe('ws://127.0.0.1:8123/contract?token=abc');
    expect(contractSocketUrl({ protocol: 'https:', host: 'box.local', search: '?x=1&token=a%2Bb' })).toBe('wss://box.local/contract?token=a%2Bb');
  });

  it('has no address without a token', () => {
    expect(contractSocketUrl({ protocol: 'http:', host: 'localhost:1', search: '' })).toBeUndefined();
    expect(contractSocketUrl({ protocol: 'http:', host: 'localhost:1', search: '?token=' })).toBeUndefined();
  });
});

describe('pickClient', () => {
  const location = { protocol: 'http:', host: '127.0.0.1:8123', search: '?token=abc' };

  it("uses Electron's bridge when the preload exposed one", async () => {
    const picked = pickClient({ bridge, location, connect: () => { throw new Error('must not connect'); } });
    expect(picked.mode).toBe('electron');
    if (picked.mode === 'none') throw new Error('expected a client');
    await expect(picked.client.invoke('engine.status')).resolves.toMatchObject({ reachable: true });
  });

  it("otherwise connects to serve mode's WebSocket with the page's token", () => {
    const urls: string[] = [];
    const picked = pickClient({ bridge: undefined, location, connect: (url) => (urls.push(url), bridge) });
    expect(picked.mode).toBe('serve');
    expect(urls).toEqual(['ws://127.0.0.1:8123/contract?token=abc']);
  });

  it('explains what to open when there is neither', () => {
    const picked = pickClient({ bridge: undefined, location: { ...location, search: '' }, connect: () => bridge });
    expect(picked).toMatchObject({ mode: 'none', error: expect.stringContaining('npm run serve') });
  });
});
