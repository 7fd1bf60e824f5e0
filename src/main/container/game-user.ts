// Whom a game runs as inside its container: the desktop user's uid:gid, so their display and sound
// sockets accept it. When the app itself runs as root (a game box, CI), games still never run as
// root: they get an unprivileged uid instead (setting runAsUid, default 1000).
export interface GameUser {
  uid: number;
  gid: number;
}

export const FALLBACK_GAME_USER: GameUser = { uid: 1000, gid: 1000 };

export function gameUser(fallback: GameUser = FALLBACK_GAME_USER): GameUser {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  return uid === 0 ? fallback : { uid, gid };
}
