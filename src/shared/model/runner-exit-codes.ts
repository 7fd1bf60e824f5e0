// The runner entrypoint's exit codes (resources/runner/entrypoint.sh), read by the core to judge how
// a session ended and by the play statistics to tell a launch that never started from play.

/** Setup failed (bad environment, a socket the uid may not use, a prefix it may not take). */
export const RUNNER_SETUP_FAILED = 125;
/** The game's program exists but cannot be run (no x bit, not readable). */
export const PROGRAM_NOT_RUNNABLE = 126;
/** The game's program is not where game.json says. */
export const PROGRAM_NOT_FOUND = 127;
/** Wine cannot start this program (32-bit on a 64-bit-only Wine, not a Windows program, a missing DLL). */
export const NOT_STARTABLE_EXIT_CODE = 122;

/** Codes that say the game's program never started, however briefly its container seemed to run. */
export const NEVER_STARTED_EXIT_CODES: ReadonlySet<number> = new Set([NOT_STARTABLE_EXIT_CODE, RUNNER_SETUP_FAILED, PROGRAM_NOT_RUNNABLE, PROGRAM_NOT_FOUND]);
