// The end of a session's output as the page keeps it: what sessions.logs answered, then each
// session.log chunk appended, never more than a fixed number of characters (the oldest go first,
// cut at a line start so no half line shows); and what an empty log says.

export const MAX_LOG_CHARS = 64 * 1024;

export function appendLog(text: string, chunk: string, max = MAX_LOG_CHARS): string {
  const joined = text + chunk;
  if (joined.length <= max) return joined;
  const cut = joined.length - max;
  const lineStart = joined.indexOf('\n', cut);
  return lineStart === -1 || lineStart - cut > 1024 ? joined.slice(cut) : joined.slice(lineStart + 1);
}

/** What the log box says while it has no text: a game that ended without printing said nothing. */
export function emptyLogText(ended: boolean): string {
  return ended ? 'The game printed nothing.' : 'No output yet.';
}
