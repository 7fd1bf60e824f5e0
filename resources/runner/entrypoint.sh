#!/bin/bash
# dillinger-entrypoint: starts one game in the Dillinger runner container as an unprivileged user.
#
# Usage:  dillinger-entrypoint <platform> <executable> [game args...]
#   platform    linux | windows
#   executable  absolute path inside the container, normally under the read-only library mount,
#               e.g. /library/dillinger-demo-linux/demo or /library/<game>/game.exe
# The working directory is the executable's folder; the game's exit code is the container's.
#   linux:   the executable is exec'd as PID 1 (no wrapper left behind).
#   windows: runs `/usr/lib/wine/wine64 <exe> [args...]` (its exit code is the game's) under this
#            script, which stays PID 1 so wineserver can save the prefix's registry after the game
#            exits, and turns SIGTERM into WM_CLOSE (see below). A new prefix is created first.
#            The container ends when the last Wine process of the session has exited (so a
#            launcher .exe that starts the real game and returns keeps the container alive).
#
# Environment:
#   DILLINGER_UID, DILLINGER_GID  required, numeric, not 0: the user the game runs as (the desktop
#                                 user's uid:gid, so it can use their X11/Wayland/PulseAudio sockets)
#   DILLINGER_GROUPS              optional comma-separated extra gids (e.g. video/render for GPUs)
#   WINEPREFIX                    windows only; default /wine-prefix. An empty root-owned dir (a fresh
#                                 named volume) is chown'ed to the user; a non-empty one owned by
#                                 someone else is chown'ed recursively. Created (wineboot) on first run.
#   DILLINGER_STOP_GRACE          windows only; seconds between WM_CLOSE and killing Wine on SIGTERM (5)
#   WINEDEBUG                     default -all
#   HOME                          always /tmp/dillinger-home (created, owned by the user)
#   XDG_RUNTIME_DIR               default /tmp/dillinger-runtime (created, 0700, owned by the user)
#   DILLINGER_WAYLAND_SOCKET      optional: the compositor's socket as mounted (/run/dillinger/wayland-0);
#                                 checked to be usable by the uid (exit 125 otherwise) and linked as
#                                 $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY, where every toolkit looks for it
#   DISPLAY/XAUTHORITY, WAYLAND_DISPLAY, PULSE_SERVER, DILLINGER_GAME_TITLE... are passed through.
#
# Container spec this expects (what the app sets):
#   start as root (no --user), --cap-drop ALL --cap-add CHOWN --cap-add SETUID --cap-add SETGID,
#   --security-opt no-new-privileges, --read-only with --tmpfs /tmp (HOME lives there);
#   mounts: <library>:/library:ro, a volume or bind mount at /wine-prefix (windows),
#   /tmp/.X11-unix/X<n> (ro) + a family-wild cookie file (ro, readable by DILLINGER_UID) named by XAUTHORITY,
#   optionally a Wayland socket and a PulseAudio socket.
#   Optional --cap-add SETPCAP: then the capability bounding set is emptied as well (without it the
#   user keeps no capabilities anyway: setuid clears them and no-new-privs blocks regaining them).
#
# Errors: one line on stderr, "dillinger-entrypoint: ...", and exit 125 (bad arguments/environment
# or setup failed), 126 (executable not runnable), 127 (executable not found).
set -u

die() { echo "dillinger-entrypoint: $2" >&2; exit "$1"; }
is_id() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] && [ "$1" -lt 4294967295 ]; }

# Second stage, already running as the user: checks that need the user's own permissions
# (root without DAC_OVERRIDE may not even see into a 0700 library), then start the game.
if [ "${1:-}" = "--as-user" ]; then
  shift
  [ "$(id -u)" != 0 ] || die 125 "--as-user is internal; refusing to run as root"
  platform=$1 exe=$2
  shift 2
  if [ -n "${DILLINGER_WAYLAND_SOCKET:-}" ]; then
    # The compositor's socket, mounted alone; a compositor lets in only its own uid. Say so now
    # rather than leave the game to fail (or wait) on a refused connection.
    sock=$DILLINGER_WAYLAND_SOCKET
    [ -S "$sock" ] || die 125 "the Wayland socket is missing at $sock (the compositor's socket is mounted there)"
    [ -w "$sock" ] || die 125 "uid $(id -u) may not connect to the Wayland socket: it belongs to uid $(stat -c %u "$sock"), and a compositor lets in only its own user; run the game as that uid"
    ln -sfn "$sock" "$XDG_RUNTIME_DIR/${WAYLAND_DISPLAY:-wayland-0}" || die 125 "cannot link the Wayland socket into $XDG_RUNTIME_DIR"
  fi
  [ -e "$exe" ] || die 127 "$exe: not found in the library mount"
  [ -f "$exe" ] || die 126 "$exe: not a regular file"
  cd "$(dirname "$exe")" || die 126 "$(dirname "$exe"): cannot enter the game's folder"
  if [ "$platform" = linux ]; then
    [ -x "$exe" ] || die 126 "$exe: not executable (missing x bit, or the library is mounted noexec)"
    exec "$exe" "$@"
  fi
  [ -r "$exe" ] || die 126 "$exe: not readable by uid $(id -u)"
  wine=/usr/lib/wine/wine64 wineserver=/usr/lib/wine/wineserver64
  # Wine keeps the registry in wineserver's memory and writes it to the prefix when the server
  # shuts down. If wine64 were PID 1, its exit would kill the whole
  # container at once, wineserver included, and the prefix would never get its registry. So
  # this shell stays PID 1: it waits for the game, then for wineserver to save and exit, and
  # exits with the game's code. It also gives `docker stop` a graceful path (wine64 ignores
  # SIGTERM as PID 1): WM_CLOSE to the game's windows, and after DILLINGER_STOP_GRACE seconds
  # (default 5) `wineserver -k`, which ends every Wine process and still saves the registry.
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    # New prefix, or one whose first session was killed before the registry was saved (wine would
    # trust its .update-timestamp and skip the setup): (re)create it; the game reuses the server.
    echo "dillinger-entrypoint: creating the Wine prefix in $WINEPREFIX (first run)" >&2
    rm -f "$WINEPREFIX/.update-timestamp"
    "$wine" wineboot --init || die 125 "creating the Wine prefix in $WINEPREFIX failed"
  fi
  # shellcheck disable=SC2317 # called by the trap
  stop() {
    trap '' TERM INT
    "$wine" taskkill /IM "$(basename "$exe")" >/dev/null 2>&1 &
    local grace=${DILLINGER_STOP_GRACE:-5}
    [[ $grace =~ ^[0-9]+$ ]] || grace=5
    (sleep "$grace" && "$wineserver" -k) >/dev/null 2>&1 &
  }
  trap stop TERM INT
  "$wine" "$exe" "$@" &
  game=$!
  while :; do
    wait "$game"
    rc=$?
    kill -0 "$game" 2>/dev/null || break # wait was only interrupted by the trap
  done
  "$wineserver" -w
  exit "$rc"
fi

[ $# -ge 2 ] || die 125 "usage: dillinger-entrypoint <linux|windows> <executable> [args...]"
platform=$1 exe=$2
case $platform in linux | windows) ;; *) die 125 "unknown platform '$platform' (expected linux or windows)" ;; esac
[[ $exe == /* ]] || die 125 "executable must be an absolute path inside the container, got '$exe'"

uid=${DILLINGER_UID:-} gid=${DILLINGER_GID:-}
[ -n "$uid" ] || [ -n "$gid" ] || die 125 "DILLINGER_UID and DILLINGER_GID must be set"
[ -n "$uid" ] || die 125 "DILLINGER_UID must be set"
[ -n "$gid" ] || die 125 "DILLINGER_GID must be set"
if [ "$uid" = 0 ] || [ "$gid" = 0 ]; then die 125 "refusing to run a game as root (DILLINGER_UID/DILLINGER_GID = 0)"; fi
is_id "$uid" || die 125 "DILLINGER_UID must be a positive number, got '$uid'"
is_id "$gid" || die 125 "DILLINGER_GID must be a positive number, got '$gid'"
groups_opt=--clear-groups
if [ -n "${DILLINGER_GROUPS:-}" ]; then
  IFS=, read -ra extra <<<"$DILLINGER_GROUPS"
  for g in "${extra[@]}"; do
    is_id "$g" || die 125 "DILLINGER_GROUPS must be comma-separated positive gids, got '$DILLINGER_GROUPS'"
  done
  groups_opt=--groups=$DILLINGER_GROUPS
fi

me=$(id -u)
[ "$me" = 0 ] || [ "$me" = "$uid" ] ||
  die 125 "the container must start as root (it drops to DILLINGER_UID itself); it runs as uid $me"

# Directories the user must own. /tmp is a tmpfs when the root file system is read-only.
userdir() {
  mkdir -p "$1" 2>/dev/null || die 125 "cannot create $1 (is /tmp a writable tmpfs?)"
  # chmod before chown: without CAP_FOWNER root may not chmod a file it no longer owns.
  chmod 700 "$1" 2>/dev/null || die 125 "cannot chmod $1"
  [ "$me" != 0 ] || chown "$uid:$gid" "$1" || die 125 "cannot chown $1 (needs CAP_CHOWN)"
}
export HOME=/tmp/dillinger-home
userdir "$HOME"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/dillinger-runtime}
[ "$XDG_RUNTIME_DIR" != /tmp/dillinger-runtime ] || userdir "$XDG_RUNTIME_DIR"
export USER=${USER:-player} LOGNAME=${LOGNAME:-player} # there is no passwd entry for the uid

if [ "$platform" = windows ]; then
  export WINEPREFIX=${WINEPREFIX:-/wine-prefix} WINEDEBUG=${WINEDEBUG--all}
  [ -d "$WINEPREFIX" ] || mkdir -p "$WINEPREFIX" 2>/dev/null ||
    die 125 "WINEPREFIX $WINEPREFIX does not exist and cannot be created: mount a volume there"
  if [ "$(stat -c %u "$WINEPREFIX")" != "$uid" ]; then
    # A fresh named volume is an empty root-owned dir: only its top needs the user. A prefix made
    # by another uid (the user's uid changed) must be handed over as a whole, or wine refuses it.
    if [ -z "$(ls -A "$WINEPREFIX" 2>/dev/null)" ]; then
      chown "$uid:$gid" "$WINEPREFIX" 2>/dev/null
    else
      chown -R "$uid:$gid" "$WINEPREFIX" 2>/dev/null
    fi || die 125 "cannot hand WINEPREFIX $WINEPREFIX to uid $uid (read-only, or not accessible to root without DAC_READ_SEARCH)"
  fi
fi

[ "$me" != 0 ] || {
  # Empty the bounding set too when we are allowed to (CAP_SETPCAP, bit 8); otherwise setuid to a
  # non-zero uid already clears every capability and no-new-privs keeps them from coming back.
  capeff=$(awk '/^CapEff:/{print $2}' /proc/self/status)
  bounding=()
  (((16#$capeff & 16#100) != 0)) && bounding=(--bounding-set=-all)
  exec setpriv --reuid="$uid" --regid="$gid" "$groups_opt" --inh-caps=-all "${bounding[@]}" --no-new-privs \
    -- "$0" --as-user "$@"
}
exec "$0" --as-user "$@"
