#!/bin/bash
# dillinger-entrypoint: starts one game in the Dillinger runner container as an unprivileged user.
#
# Usage:  dillinger-entrypoint <platform> <executable> [game args...]
#   platform    linux | windows
#   executable  absolute path inside the container, normally under the read-only library mount,
#               e.g. /library/dillinger-demo-linux/demo or /library/<game>/game.exe
# The working directory: for linux DILLINGER_WORKDIR (the app sets the game's folder, /library/<folder>,
# or the manifest's workingDirectory inside it; default the executable's folder); for windows the
# .exe's folder. A linux executable without its x bit (a store's start.sh from an archive) is run by
# the interpreter its #! line names when the image has it (lib/linux-game.sh). The game's exit code
# is the container's.
#   Both run under tini, which this script becomes after the drop to the user: it stays PID 1,
#   passes SIGTERM/SIGINT on to its one child and reports that child's exit (128+n for signal n).
#   As PID 1 a game would never see a signal it has no handler for; under tini a game that does
#   not handle SIGTERM dies of it, as on a desktop.
#   linux:   the executable replaces the child (exec), so the game is tini's child.
#   windows: runs Wine 10 (`/usr/lib/wine/wine64 <exe> [args...]`, which hands a 32-bit .exe to the
#            32-bit loader of wine32) (its exit code is the game's) under this
#            script, which waits so wineserver can save the prefix's registry after the game exits,
#            and turns SIGTERM into WM_CLOSE (see below). A new prefix is created first. The
#            container ends when the last Wine process of the session has exited (so a launcher
#            .exe that starts the real game and returns keeps the container alive).
#
# Environment. The image runs this script through `dillinger-env --gate` (a static program: no
# dynamic loader, no shell): it gets a fixed PATH, the DILLINGER_* variables, and every other
# variable renamed DILLINGER_ENV_<NAME>. Nothing else reaches it, so PATH, BASH_ENV, LD_PRELOAD...
# given to the container never steer the part that runs as root. The game's environment is built
# from the DILLINGER_ENV_* variables (by `dillinger-env --game`) only at its final exec, after the
# drop to the user. The app sends its own variables plain and the user's as DILLINGER_ENV_<NAME>
# (a plain NAME wins over DILLINGER_ENV_NAME: the app's variables win over the user's).
#   DILLINGER_UID, DILLINGER_GID  required, numeric, not 0: the user the game runs as (the desktop
#                                 user's uid:gid, so it can use their X11/Wayland/PulseAudio sockets)
#   DILLINGER_GROUPS              optional comma-separated extra gids (e.g. video/render for GPUs)
#   DILLINGER_WINE_PREFIX_SOURCE  windows only: `volume` when /wine-prefix is a named volume the app
#                                 made; anything else (a bind mount of a host folder) is never
#                                 chown'ed beyond an empty top folder (exit 125 instead)
#   DILLINGER_PREFIX_USERS        windows only: `bound` when the app binds the game's own folder over
#                                 /wine-prefix/drive_c/users and shows the volume at /dillinger-prefix-volume
#                                 (ro): an older prefix's user folders are copied into it once
#   DILLINGER_STOP_GRACE          windows only; seconds between WM_CLOSE and killing Wine on SIGTERM (5)
#   DILLINGER_WAYLAND_SOCKET      optional: the compositor's socket as mounted (/run/dillinger/wayland-0);
#                                 checked to be usable by the uid (exit 125 otherwise) and linked as
#                                 $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY, where every toolkit looks for it
#   DILLINGER_GAME_TITLE          passed to the game as is
#   DILLINGER_WORKDIR             linux only, optional: the folder the game starts in (see above)
# What the game gets: every DILLINGER_ENV_<NAME> as NAME, with these set by this script:
#   HOME                          always /tmp/dillinger-home: the game's persistent home bind-mounted
#                                 there by the app, or made on the tmpfs (lib/home.sh)
#   XDG_RUNTIME_DIR               default /tmp/dillinger-runtime (created, 0700, owned by the user)
#   USER, LOGNAME                 default player (there is no passwd entry for the uid)
#   WINEPREFIX                    windows only; always /wine-prefix. An empty dir (a fresh named volume)
#                                 is chown'ed to the user; a non-empty one owned by someone else is
#                                 chown'ed recursively only when it is the app's named volume.
#                                 Created (wineboot) on first run.
#   WINEDEBUG                     windows only; default -all,err+module (the loader's errors, read below)
#
# Container spec this expects (what the app sets):
#   start as root (no --user, no --init), --cap-drop ALL --cap-add CHOWN --cap-add SETUID --cap-add SETGID,
#   --security-opt no-new-privileges, --read-only with --tmpfs /tmp (HOME lives there);
#   mounts: <library>:/library:ro, a volume or bind mount at /wine-prefix (windows),
#   /tmp/.X11-unix/X<n> (ro) + a family-wild cookie file (ro, readable by DILLINGER_UID) named by XAUTHORITY,
#   optionally a Wayland socket and a PulseAudio socket.
#   Optional --cap-add SETPCAP: then the capability bounding set is emptied as well (without it the
#   user keeps no capabilities anyway: setuid clears them and no-new-privs blocks regaining them).
#
# Errors: one line on stderr, "dillinger-entrypoint: ...", and exit 125 (bad arguments/environment
# or setup failed), 126 (executable not runnable), 127 (executable not found), 122 (Wine cannot
# start the program: 32-bit on a 64-bit-only Wine, not a Windows program, a DLL it needs is missing).
set -u
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
GAME_ENV=/usr/local/bin/dillinger-env
NOT_STARTABLE=122
# The entrypoint's parts, one file a job (functions only): see resources/runner/lib/README.md.
DILLINGER_LIB=/usr/local/lib/dillinger
for part in "$DILLINGER_LIB"/*.sh; do
  [ -e "$part" ] || continue
  # shellcheck source=/dev/null
  . "$part"
done

die() { echo "dillinger-entrypoint: $2" >&2; exit "$1"; }
# A line that tells, not fails: "note:" keeps it from ever being read as the reason of an exit.
note() { echo "dillinger-entrypoint: note: $1" >&2; }
is_id() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] && [ "$1" -lt 4294967295 ]; }
# The game's variable NAME (DILLINGER_ENV_NAME), or $2 when it has none.
game_var() { local name=DILLINGER_ENV_$1; printf '%s' "${!name-${2-}}"; }
set_game_var() { export "DILLINGER_ENV_$1=$2"; }

# The machine type of a PE file (e.g. 8664, 014c), or nothing when it is not one (no MZ/PE header).
pe_machine() {
  local lfanew
  [ "$(od -An -N2 -tx1 "$1" 2>/dev/null | tr -d ' \n')" = 4d5a ] || return 0
  lfanew=$(od -An -j60 -N4 -tu4 "$1" 2>/dev/null | tr -d ' \n')
  [[ $lfanew =~ ^[0-9]+$ ]] || return 0
  [ "$(od -An -j"$lfanew" -N4 -tx1 "$1" 2>/dev/null | tr -d ' \n')" = 50450000 ] || return 0
  od -An -j$((lfanew + 4)) -N2 -tx2 "$1" 2>/dev/null | tr -d ' \n'
}

# Refuses, before Wine starts, a program this runner's Wine cannot start (a 64-bit-only Wine exits 0
# on a 32-bit program without a word, and Wine tries a non-program as a document to "open"). A 32-bit
# program needs wine32's loader (/usr/lib/wine/wine), which this image has; an image built FROM it
# without that loader refuses it here.
check_windows_program() {
  local exe=$1 name machine
  name=$(basename "$exe")
  [[ ${name,,} == *.exe ]] || return 0
  machine=$(pe_machine "$exe")
  case $machine in
    8664) ;;
    014c) [ -x /usr/lib/wine/wine ] ||
      die "$NOT_STARTABLE" "$name is a 32-bit Windows program, and this runner has only 64-bit Wine, which cannot start it: use the game's 64-bit version if it has one" ;;
    '') die "$NOT_STARTABLE" "$name is not a valid Windows program (it has no Windows executable header): check that the game's files are complete and that game.json names its .exe" ;;
    *) die "$NOT_STARTABLE" "$name is a Windows program for another processor (machine type 0x$machine), and this runner runs x86 programs only" ;;
  esac
}

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
    ln -sfn "$sock" "$(game_var XDG_RUNTIME_DIR)/$(game_var WAYLAND_DISPLAY wayland-0)" || die 125 "cannot link the Wayland socket into $(game_var XDG_RUNTIME_DIR)"
  fi
  [ -e "$exe" ] || die 127 "$exe: not found in the library mount"
  [ -f "$exe" ] || die 126 "$exe: not a regular file"
  # A Linux game: its working directory, a script without its x bit (resources/runner/lib/linux-game.sh).
  [ "$platform" != linux ] || linux_game_start "$exe" "$@"
  cd "$(dirname "$exe")" || die 126 "$(dirname "$exe"): cannot enter the game's folder"
  [ -r "$exe" ] || die 126 "$exe: not readable by uid $(id -u)"
  check_windows_program "$exe"
  wine=/usr/lib/wine/wine64 wineserver=/usr/lib/wine/wineserver64
  in_game_env() { "$GAME_ENV" --game "$@"; }
  # Wine keeps the registry in wineserver's memory and writes it to the prefix when the server
  # shuts down. If the container ended with the game, wineserver would be killed with it and the
  # prefix would never get its registry. So this shell waits for the game, then for wineserver to
  # save and exit, and exits with the game's code. It also gives Stop a graceful path: WM_CLOSE to
  # the game's windows, and after DILLINGER_STOP_GRACE seconds (default 5) `wineserver -k`, which
  # ends every Wine process and still saves the registry.
  # The prefix's user folders bound from the game's saves folder: an older prefix's moved in (lib/prefix-users.sh).
  [ "${DILLINGER_PREFIX_USERS:-}" != bound ] || prefix_users_move_in
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    # New prefix, or one whose first session was killed before the registry was saved (wine would
    # trust its .update-timestamp and skip the setup): (re)create it.
    wine_prefix_create "$wine" # from the image's ready-made prefix: lib/wine-prefix.sh
  fi
  prefix_user_folders_repair # user folders linked to the old tmpfs home become real: lib/home.sh
  [ -z "${DILLINGER_PROGRAM_KIND:-}" ] || prefix_program_before # an installer's or tool's session: lib/prefix-program.sh
  wine_settings_apply # the game's Wine settings, once each, recorded in the prefix: lib/wine-settings.sh
  # The Windows programs running in this container, one name a line, but Wine's own services (an
  # exact list: a launcher's cmd.exe, start.exe, msiexec.exe or rundll32.exe is a program). A process
  # still in Wine's loader (not yet renamed to its .exe) counts as one too.
  wine_programs() {
    local proc argv0 name
    for proc in /proc/[0-9]*; do
      IFS= read -r -d '' argv0 <"$proc/cmdline" 2>/dev/null || continue
      argv0=${argv0%"${argv0##*[![:space:]]}"} # Wine pads the name it gives a process with spaces
      name=${argv0##*[\\/]}
      case ${name,,} in
        services.exe | winedevice.exe | plugplay.exe | explorer.exe | svchost.exe | rpcss.exe | conhost.exe | wineboot.exe | tabtip.exe) ;;
        *.exe) echo "$name" ;;
        wine64 | wine | wine64-preloader | wine-preloader) echo "$name" ;;
      esac
    done
  }
  # Asked twice, half a second apart: a launcher's child may be between fork and its .exe.
  wine_programs_left() { [ -n "$(wine_programs)" ] || { sleep 0.5; [ -n "$(wine_programs)" ]; }; }
  killer=
  # shellcheck disable=SC2317 # called by the trap
  stop() {
    trap '' TERM INT
    # WM_CLOSE to every program of the game (a launcher's real game too, once the launcher is gone).
    local name
    while IFS= read -r name; do
      case $name in *.exe | *.EXE) in_game_env "$wine" taskkill /IM "$name" >/dev/null 2>&1 & ;; esac
    done < <(wine_programs | sort -u)
    local grace=${DILLINGER_STOP_GRACE:-5}
    [[ $grace =~ ^[0-9]+$ ]] || grace=5
    (sleep "$grace" && in_game_env "$wineserver" -k) >/dev/null 2>&1 &
    killer=$!
  }
  trap stop TERM INT
  # Wine's loader errors (err:module) pass through to the log as they are; the few lines that say
  # the program could not be started are also kept, to tell the player why (Wine 8 says
  # LdrInitializeThunk where Wine 10 says loader_init).
  # On the session's tmpfs, never in the game's home (which persists and is snapshotted).
  loader_log=$(mktemp /tmp/dillinger-loader.XXXXXX) || die 125 "cannot create a file in /tmp (is /tmp a writable tmpfs?)"
  in_game_env "${wine_launch[@]}" "$exe" "$@" 2> >(awk -v keep="$loader_log" '
    { print > "/dev/stderr"; fflush("/dev/stderr") }
    /err:module:(import_dll|LdrInitializeThunk|loader_init|load_wow64_ntdll)/ { print >> keep; fflush(keep) }') &
  game=$!
  while :; do
    wait "$game"
    rc=$?
    kill -0 "$game" 2>/dev/null || break # wait was only interrupted by the trap
  done
  # It may have ended between an interrupted wait and kill -0: bash keeps its status for `wait`
  # (127 once it was already collected, and then rc is the game's own).
  wait "$game" 2>/dev/null
  last=$?
  [ "$last" = 127 ] || rc=$last
  # The game's own process is gone. A program it started (a launcher's real game) keeps the session
  # going; Wine's own services (services, explorer, winedevice... see wine_programs) do not,
  # and left alone they can linger for seconds. Once only they are left, end them: wineserver -k
  # writes the registry to the prefix as it shuts down.
  while wine_programs_left; do sleep 0.5; done
  in_game_env "$wineserver" -k 2>/dev/null
  in_game_env "$wineserver" -w
  [ -z "${DILLINGER_PROGRAM_KIND:-}" ] || prefix_program_after
  [ -z "$killer" ] || kill -- "$killer" 2>/dev/null # nothing left for the pending kill to do
  main="L\"Z:${exe//\//\\\\}\""
  if grep -qF "Importing dlls for $main failed" "$loader_log" 2>/dev/null; then
    dll=$(sed -n 's/.*import_dll Library \([^ ]*\) (which is needed by .*) not found.*/\1/p' "$loader_log" | head -n1)
    die "$NOT_STARTABLE" "$(basename "$exe") needs ${dll:-a DLL (its name is in the log)}, which is missing: install what the game needs (e.g. its redistributables) into the Wine prefix, or put the DLL in the game's folder"
  fi
  if grep -q "load_wow64_ntdll" "$loader_log" 2>/dev/null; then
    die "$NOT_STARTABLE" "$(basename "$exe") is a 32-bit Windows program, and this runner has only 64-bit Wine, which cannot start it: use the game's 64-bit version if it has one"
  fi
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
HOME=/tmp/dillinger-home
export HOME
set_game_var HOME "$HOME"
prepare_home "$HOME"
runtime_dir=$(game_var XDG_RUNTIME_DIR /tmp/dillinger-runtime)
set_game_var XDG_RUNTIME_DIR "$runtime_dir"
[ "$runtime_dir" != /tmp/dillinger-runtime ] || userdir "$runtime_dir"
set_game_var USER "$(game_var USER player)"
set_game_var LOGNAME "$(game_var LOGNAME player)"
[ -z "${DILLINGER_GAME_TITLE+set}" ] || set_game_var DILLINGER_GAME_TITLE "$DILLINGER_GAME_TITLE"

if [ "$platform" = windows ]; then
  export WINEPREFIX=/wine-prefix
  set_game_var WINEPREFIX "$WINEPREFIX"
  set_game_var WINEDEBUG "$(game_var WINEDEBUG -all,err+module)"
  [ -d "$WINEPREFIX" ] || mkdir -p "$WINEPREFIX" 2>/dev/null ||
    die 125 "WINEPREFIX $WINEPREFIX does not exist and cannot be created: mount a volume there"
  owner=$(stat -c %u "$WINEPREFIX")
  if [ "$owner" != "$uid" ]; then
    # Only the app's own named volume is handed over: a fresh one by its top alone, one whose prefix
    # another uid made (the user's uid changed) as a whole, or wine refuses it. A host folder is
    # never chown'ed, not even its top: its owner is not the app's to change (the app makes a new
    # folder for the player itself).
    if [ "${DILLINGER_WINE_PREFIX_SOURCE:-}" != volume ]; then
      state='is not empty and'
      [ -n "$(ls -A "$WINEPREFIX" 2>/dev/null)" ] || state='is empty but'
      die 125 "the Wine prefix folder $state belongs to uid $owner, not to the player (uid $uid); Dillinger does not change the owner of files it did not create: choose a folder that does not exist yet or a named volume, or give this folder to the player (chown -R $uid:$gid <folder>)"
    elif [ -z "$(ls -A "$WINEPREFIX" 2>/dev/null)" ]; then
      chown "$uid:$gid" "$WINEPREFIX" 2>/dev/null
    elif [ "${DILLINGER_PREFIX_USERS:-}" = bound ]; then
      # Not into the users folder bound from the host: the app made it the player's, and root here
      # may not even read it (0700, no CAP_DAC_READ_SEARCH). -h: a link is chowned, never followed.
      find "$WINEPREFIX" -path "$WINEPREFIX/drive_c/users" -prune -o -exec chown -h "$uid:$gid" {} + 2>/dev/null
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
    -- /usr/bin/tini -s -- "$0" --as-user "$@"
}
exec /usr/bin/tini -s -- "$0" --as-user "$@"
