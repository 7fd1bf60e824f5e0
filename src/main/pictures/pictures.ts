// The pictures room as the core wires it: the watcher over the session store, the engine and the
// host display, and its contract handlers.
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { EventPayload } from '../../shared/contract/contract';
import { messageOf } from '../../shared/errors';
import type { RunnerSession } from '../../shared/model/entities';
import { runtimeRoot } from '../container/runtime-dir';
import { XAUTHORITY_FILE } from '../container/session-attachments';
import { nestedDisplayOf } from '../display/nested-x-server';
import type { SessionStore } from '../session-store/session-store';
import { pictureHandlers } from './picture-handlers';
import { openPictureSource } from './picture-source';
import { PictureWatch } from './picture-watch';
import { pictureTargetOf } from './session-picture-target';

export interface PicturesDeps {
  store: Pick<SessionStore, 'get' | 'update' | 'layout'>;
  docker: Docker;
  env: NodeJS.ProcessEnv;
  emit(name: 'session.picture', payload: EventPayload<'session.picture'>): void;
  warn(message: string): void;
  /** The app's data folder: an isolated session's nested display's cookie is in its runtime dir. */
  dataDir: string;
}

export function createPictures({ store, docker, env, emit, warn, dataDir }: PicturesDeps) {
  const nestedCookie = (s: RunnerSession) => nestedDisplayOf(join(runtimeRoot(dataDir, env), s.sessionId), XAUTHORITY_FILE)?.cookie;
  const session = (sessionId: string) => store.get(sessionId);
  const storeRoot = store.layout.root;
  const watch = new PictureWatch({
    session,
    storeRoot,
    openSource: (s) => openPictureSource(pictureTargetOf(s, { docker, env, nestedCookie })),
    recordPicture: async (sessionId, picture) => {
      await store.update(sessionId, { picture }).catch((error: unknown) => warn(`The last picture of session ${sessionId} is not recorded: ${messageOf(error)}`));
    },
    emit: (picture) => emit('session.picture', picture),
    warn,
  });
  return { watch, handlers: pictureHandlers({ pictures: watch, session, storeRoot }) };
}
