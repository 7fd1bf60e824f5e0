// How a launch's environment travels to the game. Docker's `Env` reaches the container's first
// process before any line of the entrypoint runs (bash reads BASH_ENV, the loader LD_PRELOAD, every
// command PATH), and that part runs as root. So the user's variables travel renamed
// DILLINGER_ENV_<NAME>, harmless to bash and the loader, and the entrypoint gives them their own
// names only at the game's final exec, as the game's uid (resources/runner/dillinger-env.c).

/** The prefix the user's variables carry in the container's `Env`. */
export const GAME_ENV_PREFIX = 'DILLINGER_ENV_';

/**
 * The container's `Env`: the app's own variables plain, then the user's prefixed. A user variable the
 * app sets itself is left out: the app's own variables win (DISPLAY, PULSE_SERVER, DILLINGER_UID, ...).
 */
export function containerEnv(app: Readonly<Record<string, string>>, user: Readonly<Record<string, string>>): string[] {
  return [
    ...Object.entries(app).map(([name, value]) => `${name}=${value}`),
    ...Object.entries(user)
      .filter(([name]) => !Object.hasOwn(app, name))
      .map(([name, value]) => `${GAME_ENV_PREFIX}${name}=${value}`),
  ];
}

/**
 * A container's `Env` as the game gets it, for the preview: DILLINGER_ENV_<NAME> under its own name,
 * the app's variables as they are. A prefixed name wins over a plain one, as in the entrypoint.
 */
export function environmentAsTheGameGetsIt(env: readonly string[]): Record<string, string> {
  const plain: Record<string, string> = {};
  const prefixed: Record<string, string> = {};
  for (const entry of env) {
    const at = entry.indexOf('=');
    if (at <= 0) continue;
    const name = entry.slice(0, at);
    const value = entry.slice(at + 1);
    if (name.startsWith(GAME_ENV_PREFIX) && name.length > GAME_ENV_PREFIX.length) prefixed[name.slice(GAME_ENV_PREFIX.length)] = value;
    else plain[name] = value;
  }
  return { ...plain, ...prefixed };
}
