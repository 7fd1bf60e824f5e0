import { describe, expect, it } from 'vitest';
import { createLeaveGuard } from './leave-guard';

describe('leave guard', () => {
  it('lets every move through while no screen holds it', () => {
    const guard = createLeaveGuard();
    expect(guard.holding()).toBe(false);
    expect(guard.onLinkClick('#/games/tux/settings', '#/library')).toBe(false);
    expect(guard.onHashChange('#/games/tux/settings', '#/sessions')).toBe(false);
  });

  it('holds links, Back and typed addresses away from the screen, and asks where to', () => {
    const guard = createLeaveGuard();
    const asked: string[] = [];
    const letGo = guard.hold((target) => asked.push(target));
    expect(guard.onLinkClick('#/games/tux/settings', '#/library')).toBe(true);
    expect(guard.onHashChange('#/games/tux/settings', '#/sessions')).toBe(true);
    expect(asked).toEqual(['#/library', '#/sessions']);
    letGo();
    expect(guard.holding()).toBe(false);
    expect(guard.onLinkClick('#/games/tux/settings', '#/library')).toBe(false);
  });

  it('does not ask for a move to the same place, or for anchors that are no route', () => {
    const guard = createLeaveGuard();
    const asked: string[] = [];
    guard.hold((target) => asked.push(target));
    expect(guard.onLinkClick('#/games/tux/settings', '#/games/tux/settings/')).toBe(false);
    expect(guard.onLinkClick('#/games/tux/settings', '#main')).toBe(false);
    expect(guard.onLinkClick('#/games/tux/settings', 'https://example.org/')).toBe(false);
    expect(asked).toEqual([]);
  });

  it('lets the one move the user chose through (Leave without saving), then holds again', () => {
    const guard = createLeaveGuard();
    const asked: string[] = [];
    guard.hold((target) => asked.push(target));
    guard.allow('#/library');
    expect(guard.onHashChange('#/games/tux/settings', '#/library')).toBe(false);
    expect(guard.onHashChange('#/games/tux/settings', '#/library')).toBe(true);
    // An allowance for one place is not one for another.
    guard.allow('#/sessions/sess_1');
    expect(guard.onHashChange('#/games/tux/settings', '#/history')).toBe(true);
    expect(asked).toEqual(['#/library', '#/history']);
  });

  it('a later holder replaces the allowance, and an old holder letting go leaves the new one', () => {
    const guard = createLeaveGuard();
    const first = guard.hold(() => undefined);
    guard.allow('#/library');
    const asked: string[] = [];
    guard.hold((target) => asked.push(target));
    first();
    expect(guard.holding()).toBe(true);
    expect(guard.onHashChange('#/games/tux/settings', '#/library')).toBe(true);
    expect(asked).toEqual(['#/library']);
  });
});
