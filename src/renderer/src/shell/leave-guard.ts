// Leaving a screen with unsaved edits: while a screen holds the guard, a move to another address
// (a link, Back, a typed or programmatic hash change) is held and the screen is asked (it shows its
// "Leave without saving" / "Stay" dialog); it lets the move through with allow(). The decisions are
// pure (createLeaveGuard, tested); installLeaveGuard wires them to the window once.

export interface LeaveGuard {
  /** Holds every move away while set; ask(target) hears each one held. Returns the function that lets go. */
  hold(ask: (target: string) => void): () => void;
  /** Lets the next move to target through (the user chose to leave, or the screen moves on purpose). */
  allow(target: string): void;
  /** A click on a link to href while at current: true when the click must be stopped. */
  onLinkClick(current: string, href: string): boolean;
  /** The address went from previous to next: true when it must be put back. */
  onHashChange(previous: string, next: string): boolean;
  /** Whether a screen holds the guard now. */
  holding(): boolean;
}

/** The same place, whichever way it is written (`#/library/` and `#/library`, `` and `#/`). */
function place(hash: string): string {
  return hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

export function createLeaveGuard(): LeaveGuard {
  let ask: ((target: string) => void) | undefined;
  let allowed: string | undefined;

  const held = (current: string, target: string): boolean => {
    if (!ask || place(current) === place(target)) return false;
    if (allowed !== undefined && place(allowed) === place(target)) {
      allowed = undefined;
      return false;
    }
    ask(target);
    return true;
  };

  return {
    hold(listener) {
      ask = listener;
      allowed = undefined;
      return () => {
        if (ask === listener) ask = undefined;
      };
    },
    allow(target) {
      allowed = target;
    },
    onLinkClick(current, href) {
      // Only the app's own routes (#/…): the skip link's #main and other anchors move nowhere.
      if (!href.startsWith('#/')) return false;
      return held(current, href);
    },
    onHashChange(previous, next) {
      return held(previous, next);
    },
    holding() {
      return ask !== undefined;
    },
  };
}

export const leaveGuard = createLeaveGuard();

let installed = false;

/**
 * Wires the guard to the window, once, before the router listens (route.ts calls it first), so a
 * held move is put back before any screen sees it: links are stopped on their click (capture phase);
 * any other change of the hash is undone with pushState, which keeps Back and Forward where they were.
 */
export function installLeaveGuard(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('hashchange', (event) => {
    const previous = new URL(event.oldURL).hash;
    if (leaveGuard.onHashChange(previous, window.location.hash)) {
      window.history.pushState(window.history.state, '', `${window.location.pathname}${window.location.search}${previous}`);
    }
  });
  document.addEventListener(
    'click',
    (event) => {
      if (!leaveGuard.holding() || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || (link.getAttribute('target') ?? '_self') !== '_self') return;
      if (leaveGuard.onLinkClick(window.location.hash, link.getAttribute('href') ?? '')) event.preventDefault();
    },
    true,
  );
}
