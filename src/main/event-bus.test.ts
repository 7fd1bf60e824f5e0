import { describe, expect, it } from 'vitest';
import { createEventBus } from './event-bus';

describe('the core event bus', () => {
  it('hands an event to its own listeners and to every-event listeners, in the order they subscribed', () => {
    const bus = createEventBus();
    const heard: string[] = [];
    bus.on('app.warning', ({ message }) => heard.push(`warning:${message}`));
    const stopAll = bus.onAny((name) => heard.push(`any:${name}`));
    bus.on('library.changed', () => heard.push('library'));
    bus.emit('app.warning', { message: 'disk full' });
    expect(heard).toEqual(['warning:disk full', 'any:app.warning']);
    stopAll();
    bus.emit('library.changed', { root: '/games', games: [], problems: [] });
    expect(heard).toEqual(['warning:disk full', 'any:app.warning', 'library']);
    bus.clear();
    bus.emit('app.warning', { message: 'again' });
    expect(heard).toHaveLength(3);
  });
});
