import type { z } from 'zod';

export type SessionStoreErrorCode =
  | 'duplicate_session'
  | 'unknown_session'
  | 'session_final'
  | 'invalid_session'
  | 'store_closed';

/** A refused store operation; `code` lets IPC callers branch without parsing the message. */
export class SessionStoreError extends Error {
  constructor(
    readonly code: SessionStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SessionStoreError';
  }
}

/** `displayInfo.displayId: must not be empty; status: ...` — one line, every issue with its path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
