// The one error type of the saves engine: `code` lets the contract branch without parsing text,
// and the message says what a person can do about it.
export type SavesErrorCode = 'busy' | 'not_found' | 'invalid_archive' | 'no_space' | 'io' | 'too_big';

export class SavesError extends Error {
  constructor(
    readonly code: SavesErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SavesError';
  }
}

/** A failed file operation as a SavesError: a full disk gets its own code and advice. */
export function toSavesError(error: unknown, dataDir: string, doing: string): SavesError {
  if (error instanceof SavesError) return error;
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return new SavesError('no_space', `The disk holding ${dataDir} is full: free some space; the previous snapshots are intact.`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new SavesError('io', `Could not ${doing}: ${detail}. The previous snapshots are intact.`);
}
