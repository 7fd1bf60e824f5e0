// Where a session's pictures live: <store root>/pictures/, beside logs/ (outside the folders the
// startup scan reads), named from the session id so no name can leave the folder.
import { join } from 'node:path';
import { SESSION_ID_PATTERN } from '../../shared/model/entities';
import { fileSafeTimestamp } from '../session-store/layout';

const PICTURE_FILE = /^(sess_[0-9a-f-]+)(?:\.screenshot-[0-9TZ.-]+)?\.png$/;

function checked(sessionId: string): string {
  if (!SESSION_ID_PATTERN.test(sessionId)) throw new Error(`"${sessionId}" is not a session id.`);
  return sessionId;
}

/** The last thumbnail captured while the session was watched. */
export const pictureFileName = (sessionId: string) => `${checked(sessionId)}.png`;

export const screenshotFileName = (sessionId: string, when: Date) => `${checked(sessionId)}.screenshot-${fileSafeTimestamp(when)}.png`;

/** The path of a picture file; refuses any name that is not one of ours. */
export function pictureFilePath(storeRoot: string, fileName: string): string {
  const match = PICTURE_FILE.exec(fileName);
  if (!match || !SESSION_ID_PATTERN.test(match[1]!)) throw new Error(`"${fileName}" is not a session picture's file name.`);
  return join(storeRoot, 'pictures', fileName);
}
