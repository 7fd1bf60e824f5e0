// The contract's picture methods: watch a session's live picture (a renewed lease), stop watching,
// take a full-size screenshot, and read a session's last picture back (History).
import { readFile } from 'node:fs/promises';
import { ContractError } from '../../shared/contract/envelope';
import { messageOf } from '../../shared/errors';
import type { RunnerSession } from '../../shared/model/entities';
import type { Handlers } from '../transport/dispatcher';
import { pictureFilePath } from './picture-files';
import type { PictureWatch } from './picture-watch';

export interface PictureHandlerDeps {
  pictures: PictureWatch;
  session(sessionId: string): RunnerSession | undefined;
  storeRoot: string;
}

type PictureMethods = 'sessions.watchPicture' | 'sessions.unwatchPicture' | 'sessions.screenshot' | 'sessions.picture';

const refused = (error: unknown) => new ContractError('invalid_payload', messageOf(error));

export function pictureHandlers({ pictures, session, storeRoot }: PictureHandlerDeps): Pick<Handlers, PictureMethods> {
  return {
    'sessions.watchPicture': ({ sessionId, leaseId }) => {
      try {
        return pictures.watch(sessionId, leaseId);
      } catch (error) {
        throw refused(error);
      }
    },
    'sessions.unwatchPicture': async ({ sessionId, leaseId }) => {
      await pictures.unwatch(sessionId, leaseId);
      return { ok: true };
    },
    'sessions.screenshot': async ({ sessionId }) => {
      try {
        return await pictures.screenshot(sessionId);
      } catch (error) {
        throw refused(error);
      }
    },
    'sessions.picture': async ({ sessionId }) => {
      const record = session(sessionId);
      if (!record) throw new ContractError('not_found', `There is no session ${sessionId}: it may have been cleaned up. Refresh the list.`);
      if (!record.picture) return { dataUrl: null };
      try {
        const png = await readFile(pictureFilePath(storeRoot, record.picture));
        return { dataUrl: `data:image/png;base64,${png.toString('base64')}` };
      } catch {
        return { dataUrl: null };
      }
    },
  };
}
