// What a session leaves on the host besides its container: its runtime folder (the X cookie), its
// own sound server and its nested X server, each found by its pid file there, so also after an app
// restart. A server that will not stop keeps the folder holding its pid: the next reconcile tries again.
import { join } from 'node:path';
import { messageOf } from '../../shared/errors';
import { hasSessionAudio, releaseSessionAudio, sessionsWithAudio } from '../audio/session-audio';
import { removeRuntimeDir, sessionRuntimeDirs } from '../container/runtime-dir';
import { hasNestedX, stopNestedX } from '../display/nested-x-server';

type Warn = (message: string) => void;

/** At a session's end: its sound server, its display, then its folder. */
export async function releaseEndedSession(runtimeRoot: string, sessionId: string, warn: Warn): Promise<void> {
  let soundServerStuck = false;
  if (hasSessionAudio(runtimeRoot, sessionId)) {
    await releaseSessionAudio(runtimeRoot, { only: sessionId }).catch((error: unknown) => {
      soundServerStuck = true;
      warn(`The sound server of session ${sessionId} could not be stopped: ${messageOf(error)} The app tries again at its next start.`);
    });
  }
  const displayStuck = await stopNestedX(join(runtimeRoot, sessionId));
  if (displayStuck) warn(`The display of session ${sessionId}: ${displayStuck}. The app tries again at its next start.`);
  if (!soundServerStuck && !displayStuck) removeRuntimeDir(runtimeRoot, sessionId);
}

/**
 * What sessions no longer live left (an app crash between a session's end and its cleanup): their
 * sound servers, displays and folders; live sessions keep theirs. Answers the sessions whose sound
 * server was stopped.
 */
export async function releaseStaleSessions(runtimeRoot: string, live: ReadonlySet<string>, warn: Warn): Promise<string[]> {
  const stale = sessionsWithAudio(runtimeRoot).filter((sessionId) => !live.has(sessionId));
  const released = stale.length > 0 ? await releaseSessionAudio(runtimeRoot, { keep: live }) : [];
  // Only our folders (named after a session id), and none with a sound server still running.
  for (const sessionId of sessionRuntimeDirs(runtimeRoot)) {
    if (live.has(sessionId)) continue;
    const dir = join(runtimeRoot, sessionId);
    const displayStuck = hasNestedX(dir) ? await stopNestedX(dir) : undefined;
    if (displayStuck) warn(`The display of ended session ${sessionId}: ${displayStuck}. The app tries again at its next start.`);
    else if (!hasSessionAudio(runtimeRoot, sessionId)) removeRuntimeDir(runtimeRoot, sessionId);
  }
  return released;
}
