/* dillinger-env: the runner's environment gate, built static (no dynamic loader, so LD_PRELOAD and
 * friends in the container's environment cannot load anything into it).
 *
 *   dillinger-env --gate <program> [args...]   (the image's ENTRYPOINT, runs as root)
 *     Execs <program> on an environment of its own: a fixed PATH, the DILLINGER_* variables, and
 *     every other variable renamed DILLINGER_ENV_<NAME>, so nothing the container was given (PATH,
 *     BASH_ENV, LD_PRELOAD, ...) can steer the root part of the entrypoint. A DILLINGER_ENV_NAME wins
 *     over a plain NAME that came with it: the app sends the user's variables prefixed, having
 *     dropped those it sets itself, so a plain one left with the same name is the engine's own
 *     default (PATH, HOME, HOSTNAME), which a user's setting overrides.
 *
 *   dillinger-env --game <program> [args...]   (the entrypoint, already running as the user)
 *     Execs <program> on the game's environment: each DILLINGER_ENV_<NAME>=value as NAME=value,
 *     nothing else.
 *
 * Errors: one line "dillinger-entrypoint: ..." on stderr and exit 125, as the entrypoint's own.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PREFIX "DILLINGER_"
#define GAME_PREFIX "DILLINGER_ENV_"
#define FIXED_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

extern char **environ;

static int starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* Is there a DILLINGER_ENV_NAME=... entry for this plain NAME=... entry? */
static int shadowed(const char *plain) {
  size_t len = strcspn(plain, "=");
  for (char **e = environ; *e; e++) {
    const char *name = *e + strlen(GAME_PREFIX);
    if (starts_with(*e, GAME_PREFIX) && strncmp(name, plain, len) == 0 && name[len] == '=') return 1;
  }
  return 0;
}

static void die(const char *what) {
  fprintf(stderr, "dillinger-entrypoint: %s\n", what);
  exit(125);
}

int main(int argc, char **argv) {
  if (argc < 3 || (strcmp(argv[1], "--gate") != 0 && strcmp(argv[1], "--game") != 0))
    die("usage: dillinger-env --gate|--game <program> [args...]");
  int gate = strcmp(argv[1], "--gate") == 0;
  size_t count = 0;
  for (char **e = environ; *e; e++) count++;
  char **env = calloc(count + 2, sizeof(char *));
  if (!env) die("out of memory");
  size_t n = 0;
  if (gate) env[n++] = FIXED_PATH;
  for (char **e = environ; *e; e++) {
    char *entry = *e;
    if (!strchr(entry, '=') || entry[0] == '=') continue; /* not NAME=value: dropped */
    if (gate) {
      if (starts_with(entry, PREFIX)) {
        env[n++] = entry;
      } else if (!shadowed(entry)) {
        size_t size = strlen(GAME_PREFIX) + strlen(entry) + 1;
        char *renamed = malloc(size);
        if (!renamed) die("out of memory");
        snprintf(renamed, size, "%s%s", GAME_PREFIX, entry);
        env[n++] = renamed;
      }
    } else if (starts_with(entry, GAME_PREFIX) && entry[strlen(GAME_PREFIX)] != '=') {
      env[n++] = entry + strlen(GAME_PREFIX);
    }
  }
  env[n] = NULL;
  execve(argv[2], argv + 2, env);
  int missing = errno == ENOENT;
  fprintf(stderr, "dillinger-entrypoint: %s: cannot be run: %s\n", argv[2], strerror(errno));
  return missing ? 127 : 126;
}
