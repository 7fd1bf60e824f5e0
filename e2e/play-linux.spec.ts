// Play the Linux demo through the real UI, against the real core, Docker engine and X server: in
// serve mode in Debian's chromium, and in the Electron app wherever an Electron binary exists.
import { test } from '@playwright/test';
import { LINUX_DEMO } from './harness/play-flow';
import { APP_KINDS, crashWithExitCode3, playStopAndReplay, suiteTitle, useApp } from './harness/play-specs';

for (const kind of APP_KINDS) {
  test.describe(suiteTitle(LINUX_DEMO, kind), () => {
    const app = useApp(kind);
    test('plays from its launch settings: live graphs, Stop, then History with its graph', () => playStopAndReplay(app, LINUX_DEMO));
    test('a demo told to exit with code 3 shows as crashed with its exit code', () => crashWithExitCode3(app, LINUX_DEMO));
  });
}
