// Play the Windows demo (under Wine) through the real UI, against the real core, Docker engine and X
// server: in serve mode in Debian's chromium, and in the Electron app wherever an Electron binary exists.
import { test } from '@playwright/test';
import { WINDOWS_DEMO } from './harness/play-flow';
import { APP_KINDS, playStopAndReplay, suiteTitle, useApp } from './harness/play-specs';

for (const kind of APP_KINDS) {
  test.describe(suiteTitle(WINDOWS_DEMO, kind), () => {
    const app = useApp(kind);
    test('plays from its launch settings: live graphs, Stop, then History with its graph', () => playStopAndReplay(app, WINDOWS_DEMO));
  });
}
