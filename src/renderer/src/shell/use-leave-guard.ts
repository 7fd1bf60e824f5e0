// A screen with unsaved edits holds the leave guard: moving away asks first (the screen shows the
// question while `asking` is set), and closing or reloading the page gets the browser's warning.
import { useEffect, useState } from 'react';
import { leaveGuard } from './leave-guard';

export function useLeaveGuard(unsaved: boolean) {
  const [asking, setAsking] = useState<string>();

  useEffect(() => {
    if (!unsaved) return;
    const letGo = leaveGuard.hold(setAsking);
    // In a browser the browser asks; in Electron the main process asks (will-prevent-unload, index.ts).
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers warn only for a non-empty returnValue (they show their own words, not these).
      event.returnValue = 'There are unsaved changes.';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      letGo();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [unsaved]);

  return {
    /** Where the user tried to go, while the screen asks. */
    asking: unsaved ? asking : undefined,
    stay: () => setAsking(undefined),
    leave: () => {
      if (asking === undefined) return;
      setAsking(undefined);
      leaveGuard.allow(asking);
      window.location.hash = asking;
    },
  };
}
