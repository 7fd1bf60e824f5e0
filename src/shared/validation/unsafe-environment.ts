// Environment variables a launch may not set because they steer how programs are loaded or how a
// shell runs, not what the game does. The container starts as root: its entrypoint prepares the
// session and only then drops to the game's user. The entrypoint keeps the user's variables away
// from that part; refusing these at validation is the second lock, so that no setting can make the
// game's own files run (or be parsed) with root's rights. Sources: glibc's list of variables it strips from
// set-uid programs (sysdeps/generic/unsecvars.h), and bash's INVOCATION section (startup files,
// imported functions, the variables a privileged shell ignores).

const START_SH =
  'ship a start.sh in the game\'s folder that sets it and then runs the game, and make start.sh the executable (it runs as the game\'s user)';
/** True whatever the entrypoint does with the variables: the app refuses them at the door. */
const KEPT_OUT = 'the app keeps such variables out of its containers, whose start-up runs as root';
const loader = (what: string) => `${what}; ${KEPT_OUT}: ${START_SH}`;
const libc = (what: string, instead = 'remove it') => `${what} (glibc ignores it in privileged programs); ${KEPT_OUT}: ${instead}`;
const shell = (what: string, instead = 'remove it, or set it inside a start.sh of the game') => `${what}; ${KEPT_OUT}: ${instead}`;

export interface UnsafeName {
  /** A whole name, or a prefix when it ends in `*`. */
  name: string;
  /** Why, and what to do instead. */
  reason: string;
}

export const UNSAFE_ENVIRONMENT: readonly UnsafeName[] = [
  { name: 'LD_LIBRARY_PATH', reason: loader('it tells the dynamic loader of every program where to find libraries') },
  { name: 'LD_PRELOAD', reason: loader('it loads a library into every program (an overlay, gamemode)') },
  { name: 'LD_*', reason: loader('variables starting with LD_ steer the dynamic loader of every program') },
  { name: 'GLIBC_TUNABLES', reason: loader('it changes how the C library of every program behaves') },
  { name: 'MALLOC_*', reason: loader('variables starting with MALLOC_ change the memory allocator of every program') },
  { name: 'GCONV_PATH', reason: libc('it makes the C library load character-set modules from any folder') },
  { name: 'GETCONF_DIR', reason: libc('it makes getconf run programs from any folder') },
  { name: 'LOCPATH', reason: libc('it makes the C library read locale files from any folder', 'remove it and set LANG to a locale the image has, such as C.UTF-8') },
  { name: 'NLSPATH', reason: libc('it makes programs read message catalogs (format strings) from any folder') },
  { name: 'TZDIR', reason: libc('it makes the C library read time-zone files from any folder', 'set TZ (such as Europe/Paris) instead') },
  { name: 'HOSTALIASES', reason: libc('it makes the resolver read a host-alias file from any folder') },
  { name: 'LOCALDOMAIN', reason: libc('it overrides the resolver\'s search domains') },
  { name: 'RES_OPTIONS', reason: libc('it overrides the resolver\'s options') },
  { name: 'RESOLV_HOST_CONF', reason: libc('it makes the resolver read its configuration from any file') },
  { name: 'NIS_PATH', reason: libc('it steers the C library\'s NIS+ lookups') },
  { name: 'BASH_ENV', reason: shell('bash runs the file it names before every script', START_SH) },
  { name: 'ENV', reason: shell('sh (and bash in POSIX mode) runs the file it names at start-up', START_SH) },
  { name: 'BASH_FUNC_*', reason: shell('variables starting with BASH_FUNC_ define shell functions that replace commands in every bash script', 'put the function in a start.sh of the game') },
  { name: 'SHELLOPTS', reason: shell('it switches shell options on in every bash script') },
  { name: 'BASHOPTS', reason: shell('it switches shell options on in every bash script') },
  { name: 'PS4', reason: shell('bash expands it, running any command inside it, whenever a script traces') },
  { name: 'IFS', reason: shell('it changes how shells split words in every script') },
  { name: 'CDPATH', reason: shell('it changes where cd goes in every shell script') },
  { name: 'GLOBIGNORE', reason: shell('it changes which files shell patterns match in every bash script') },
  { name: 'BASH_XTRACEFD', reason: shell('it sends bash\'s trace output to any open file') },
  { name: 'BASH_LOADABLES_PATH', reason: shell('it makes bash load builtins from any folder') },
  { name: 'EXECIGNORE', reason: shell('it changes which programs bash finds') },
  {
    name: 'PATH',
    reason: `it decides which program runs for every command name; ${KEPT_OUT}, and a PATH into the game's folder would put the game's own programs in the place of the system's. Run programs by their full path (/library/<game>/bin/tool), or ship a start.sh that extends PATH and then runs the game (it runs as the game's user)`,
  },
  {
    name: 'HOME',
    reason: 'the app gives every game its own home, /tmp/dillinger-home, which it creates for the game\'s user and sets itself: remove it',
  },
  { name: 'DILLINGER_*', reason: 'variables starting with DILLINGER_ are the app\'s own (the game\'s user, groups, title, display and the variables it passes on): the app sets them itself; remove it' },
];

/** The rule for `name`, or undefined when a launch may set it. Exact names win over prefixes. */
export function unsafeEnvironmentReason(name: string): string | undefined {
  const exact = UNSAFE_ENVIRONMENT.find((rule) => rule.name === name);
  if (exact) return exact.reason;
  return UNSAFE_ENVIRONMENT.find((rule) => rule.name.endsWith('*') && name.startsWith(rule.name.slice(0, -1)))?.reason;
}
