// Who plays: the account the app runs as, as a data-model userId (no slashes or control characters).
import { userInfo } from 'node:os';

export function localUserId(env: NodeJS.ProcessEnv): string {
  let name = env.USER ?? env.LOGNAME;
  try {
    name ||= userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back below.
  }
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const clean = (name ?? '').replace(/[\u0000-\u001f/\\]/g, '').slice(0, 128);
  return clean || 'player';
}
