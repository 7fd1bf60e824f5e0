#!/usr/bin/env bash
# Provisions a fresh Debian/Ubuntu machine (as root) with everything the app and its tests use:
# a real Docker engine, an X server (Xvfb), a Wayland compositor (Weston, headless), a PulseAudio
# server with a null sink, and Debian's chromium for the browser tests.
# Idempotent: re-running it only starts what is not running yet.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "provision.sh must run as root (try: sudo bash scripts/provision.sh)" >&2
  exit 1
fi

# is_program and kill_as: the pid files read below lie in folders unprivileged uids own, so a pid
# is signalled only when it is the expected program of the expected uid, and only as that uid.
# shellcheck source=scripts/pid-guard.sh
source "$(dirname "$0")/pid-guard.sh"

# gcc and libc6-dev: the tests build an LD_PRELOAD probe on the host (environment-injection.live.test.ts).
# gcc-mingw-w64-x86-64: they build a 64-bit Windows launcher .exe on the host (windows-launcher.live.test.ts).
# libx11-dev and xserver-xephyr: pictures' tests build a colour-filled X11 window and nest an Xephyr (pictures/*.live.test.ts).
# gcc-mingw-w64-i686: a 32-bit Direct3D 9 program built on the host (container/direct3d.live.test.ts).
# libsdl2-dev: a Linux game as stores ship it is an SDL2 program built on the host (linux-store-game.live.test.ts).
# libxi-dev and libxtst-dev: display isolation's probe listens for XInput raw keys, its typist sends XTest keys (display/display-isolation.live.test.ts).
# x11-xserver-utils: xrandr gives the X display's modes to host facts (host/xrandr-modes.ts); the desktops we run on have it.
# nsis: a real 32-bit NSIS installer is built on the host with makensis and installed through the app (prefix-programs/nsis-install.live.test.ts, bench:launch).
PACKAGES=(docker.io xvfb xauth x11-utils x11-apps imagemagick chromium debootstrap ca-certificates
  weston wayland-utils pulseaudio pulseaudio-utils pipewire pipewire-pulse wireplumber dbus-daemon
  gcc libc6-dev gcc-mingw-w64-x86-64 libx11-dev xserver-xephyr libsdl2-dev gcc-mingw-w64-i686
  libxi-dev libxtst-dev nsis x11-xserver-utils)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "provision: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Docker engine. No default bridge: our machines must not route to private address ranges,
# and the app's containers run with NetworkMode 'none' unless the user asks for more.
if ! docker version >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  echo "provision: starting docker through systemd"
  systemctl start docker || true
  for _ in $(seq 1 20); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
fi
if ! docker version >/dev/null 2>&1; then
  # No init system to ask (containers, CI machines): start the engine as ENVIRONMENT.md measured it.
  echo "provision: starting dockerd"
  setsid dockerd --host unix:///var/run/docker.sock --bridge=none --iptables=false --ip-masq=false \
    >/tmp/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
  docker version >/dev/null 2>&1 || { echo "provision: dockerd did not start, see /tmp/dockerd.log" >&2; tail -20 /tmp/dockerd.log >&2; exit 1; }
fi
echo "provision: docker engine $(docker version --format '{{.Server.Version}}') is up"

# A real X server for the display tests, with its own cookie (never xhost +).
XDISPLAY_NUM=${DILLINGER_TEST_DISPLAY_NUM:-42}
XAUTH_FILE=${DILLINGER_TEST_XAUTHORITY:-/tmp/dillinger-ci.xauth}
x_answers() { [ -s "$XAUTH_FILE" ] && DISPLAY=":${XDISPLAY_NUM}" XAUTHORITY="$XAUTH_FILE" timeout 5 xdpyinfo >/dev/null 2>&1; }
if ! x_answers; then
  # A socket or lock left by an X server that no longer runs (a machine reused after a reboot, a
  # killed session) would make Xvfb refuse to start and every display test fail: clear them first.
  if [ -e "/tmp/.X${XDISPLAY_NUM}-lock" ] && ! kill -0 "$(tr -d ' ' < "/tmp/.X${XDISPLAY_NUM}-lock" 2>/dev/null)" 2>/dev/null; then
    echo "provision: removing the stale lock and socket of display :${XDISPLAY_NUM}"
    rm -f "/tmp/.X${XDISPLAY_NUM}-lock" "/tmp/.X11-unix/X${XDISPLAY_NUM}"
  elif [ ! -e "/tmp/.X${XDISPLAY_NUM}-lock" ]; then
    rm -f "/tmp/.X11-unix/X${XDISPLAY_NUM}"
  fi
  echo "provision: starting Xvfb :${XDISPLAY_NUM}"
  rm -f "$XAUTH_FILE"
  xauth -f "$XAUTH_FILE" add ":${XDISPLAY_NUM}" . "$(mcookie)"
  # -noreset: an X server resets when its last client leaves, refusing connections meanwhile; a desktop
  # never does (its window manager stays), and tests that open and close windows back to back must not see it.
  setsid Xvfb ":${XDISPLAY_NUM}" -auth "$XAUTH_FILE" -screen 0 1280x720x24 -nolisten tcp -noreset \
    >/tmp/xvfb.log 2>&1 < /dev/null &
  for _ in $(seq 1 40); do x_answers && break; sleep 0.25; done
  x_answers || { echo "provision: Xvfb :${XDISPLAY_NUM} does not answer (another X server on that display?), see /tmp/xvfb.log" >&2; tail -20 /tmp/xvfb.log >&2; exit 1; }
fi
echo "provision: X server :${XDISPLAY_NUM} answers (XAUTHORITY=${XAUTH_FILE})"

# A real Wayland compositor for the Wayland tests: Weston's headless backend, run as an unprivileged
# uid (games run as the socket owner, never as root), socket at a fixed path the tests find
# (DILLINGER_TEST_WAYLAND_SOCKET, default /tmp/dillinger-ci-wayland/wayland-1).
WAYLAND_SOCKET=${DILLINGER_TEST_WAYLAND_SOCKET:-/tmp/dillinger-ci-wayland/wayland-1}
WAYLAND_DIR=$(dirname "$WAYLAND_SOCKET")
WAYLAND_UID=${DILLINGER_TEST_WAYLAND_UID:-1500}
wayland_answers() { [ -S "$WAYLAND_SOCKET" ] && WAYLAND_DISPLAY="$WAYLAND_SOCKET" timeout 5 wayland-info >/dev/null 2>&1; }
if ! wayland_answers; then
  # A socket and lock left by a compositor that no longer runs (killed, machine reused): clear them.
  weston_pid=$(cat "$WAYLAND_DIR/weston.pid" 2>/dev/null || true)
  if is_program "$weston_pid" "$WAYLAND_UID" weston; then
    echo "provision: the Weston in $WAYLAND_DIR (pid $weston_pid) does not answer; stopping it"
    kill_as "$WAYLAND_UID" "$weston_pid" 2>/dev/null || true
    sleep 1
  elif [ -n "$weston_pid" ]; then
    echo "provision: $WAYLAND_DIR/weston.pid names no Weston of uid $WAYLAND_UID (pid ${weston_pid:0:20}); not signalling it"
  fi
  rm -f "$WAYLAND_SOCKET" "$WAYLAND_SOCKET.lock" "$WAYLAND_DIR/weston.pid"
  mkdir -p "$WAYLAND_DIR"
  chown "$WAYLAND_UID:$WAYLAND_UID" "$WAYLAND_DIR"
  chmod 700 "$WAYLAND_DIR"   # Weston insists on a private XDG_RUNTIME_DIR
  echo "provision: starting Weston (headless) as uid $WAYLAND_UID at $WAYLAND_SOCKET"
  (cd /; setsid setpriv --reuid="$WAYLAND_UID" --regid="$WAYLAND_UID" --clear-groups \
    env -i PATH=/usr/bin:/bin HOME="$WAYLAND_DIR" XDG_RUNTIME_DIR="$WAYLAND_DIR" \
    weston --backend=headless-backend.so --socket="$(basename "$WAYLAND_SOCKET")" --width=1280 --height=720 --idle-time=0 \
    >/tmp/weston.log 2>&1 < /dev/null & echo $! > "$WAYLAND_DIR/weston.pid")
  for _ in $(seq 1 40); do wayland_answers && break; sleep 0.25; done
  wayland_answers || { echo "provision: Weston does not answer at $WAYLAND_SOCKET, see /tmp/weston.log" >&2; tail -20 /tmp/weston.log >&2; exit 1; }
fi
echo "provision: Weston answers at $WAYLAND_SOCKET (owned by uid $(stat -c %u "$WAYLAND_SOCKET"))"

# A real PulseAudio with a null sink for the sound tests, standing in for the user's sound server:
# each session's own sound server (run as the game's uid, 1000) plays into it through a tunnel.
# Its socket lies at a fixed path the tests find (DILLINGER_TEST_PULSE_SERVER, default
# unix:/tmp/dillinger-ci-pulse/pulse/native), anonymous, in folders others may pass through (0711)
# so that uid reaches it; that is for this test server only (a user's own server authenticates by
# cookie or uid). The daemon's own runtime dir is a separate folder ($PULSE_RUNTIME/daemon), since
# PulseAudio makes its runtime dir 0700 again whenever it uses it.
PULSE_SERVER_ADDRESS=${DILLINGER_TEST_PULSE_SERVER:-unix:/tmp/dillinger-ci-pulse/pulse/native}
PULSE_SOCKET=${PULSE_SERVER_ADDRESS#unix:}
PULSE_SOCKET_DIR=$(dirname "$PULSE_SOCKET")
PULSE_RUNTIME=$(dirname "$PULSE_SOCKET_DIR")
PULSE_DAEMON_RUNTIME=$PULSE_RUNTIME/daemon
pulse_answers() { [ -S "$PULSE_SOCKET" ] && PULSE_SERVER="$PULSE_SERVER_ADDRESS" timeout 5 pactl info >/dev/null 2>&1; }
if ! pulse_answers; then
  for pid_file in "$PULSE_DAEMON_RUNTIME/pulse/pid" "$PULSE_RUNTIME/pulse/pid"; do   # (the second: older provisions)
    pulse_pid=$(cat "$pid_file" 2>/dev/null || true)
    if is_program "$pulse_pid" 0 pulseaudio; then   # this test server runs as root (-n, below)
      echo "provision: the PulseAudio of $pid_file (pid $pulse_pid) does not answer; stopping it"
      kill "$pulse_pid" 2>/dev/null || true
      sleep 1
    elif [ -n "$pulse_pid" ]; then
      echo "provision: $pid_file names no PulseAudio of root (pid ${pulse_pid:0:20}); not signalling it"
    fi
    rm -f "$pid_file"
  done
  rm -f "$PULSE_SOCKET"   # stale socket of a dead server
  mkdir -p "$PULSE_SOCKET_DIR" "$PULSE_DAEMON_RUNTIME"
  chmod 700 "$PULSE_DAEMON_RUNTIME"
  echo "provision: starting PulseAudio with a null sink at $PULSE_SERVER_ADDRESS"
  (cd /; XDG_RUNTIME_DIR="$PULSE_DAEMON_RUNTIME" setsid pulseaudio --daemonize=no --exit-idle-time=-1 -n \
    --load="module-native-protocol-unix auth-anonymous=1 socket=$PULSE_SOCKET" \
    --load="module-null-sink sink_name=dillinger_test_sink" --load=module-always-sink \
    >/tmp/pulseaudio.log 2>&1 < /dev/null &)
  for _ in $(seq 1 40); do pulse_answers && break; sleep 0.25; done
  pulse_answers || { echo "provision: PulseAudio does not answer at $PULSE_SERVER_ADDRESS, see /tmp/pulseaudio.log" >&2; tail -20 /tmp/pulseaudio.log >&2; exit 1; }
fi
chmod 711 "$PULSE_RUNTIME" "$PULSE_SOCKET_DIR"   # also for a server an older provision started
echo "provision: PulseAudio answers at $PULSE_SERVER_ADDRESS"

# PipeWire's pulse server, as a desktop with PipeWire has it, for the test that a session's own sound
# server plays into it too: PipeWire, WirePlumber and pipewire-pulse in a D-Bus session of their own,
# run as the games' uid (a desktop user's server accepts its own uid), socket at a fixed path
# (DILLINGER_TEST_PIPEWIRE_SERVER, default unix:/tmp/dillinger-ci-pipewire/pulse/native).
PIPEWIRE_SERVER_ADDRESS=${DILLINGER_TEST_PIPEWIRE_SERVER:-unix:/tmp/dillinger-ci-pipewire/pulse/native}
PIPEWIRE_SOCKET=${PIPEWIRE_SERVER_ADDRESS#unix:}
PIPEWIRE_RUNTIME=$(dirname "$(dirname "$PIPEWIRE_SOCKET")")
PIPEWIRE_UID=${DILLINGER_TEST_PIPEWIRE_UID:-1000}
pipewire_answers() { [ -S "$PIPEWIRE_SOCKET" ] && PULSE_SERVER="$PIPEWIRE_SERVER_ADDRESS" timeout 5 pactl info 2>/dev/null | grep -q 'on PipeWire'; }
if ! pipewire_answers; then
  pw_pid=$(cat "$PIPEWIRE_RUNTIME/session.pid" 2>/dev/null || true)
  if is_program "$pw_pid" "$PIPEWIRE_UID" dbus-run-session; then
    echo "provision: the PipeWire session in $PIPEWIRE_RUNTIME (pid $pw_pid) does not answer; stopping it"
    # Its process group (dbus, pipewire, wireplumber, pipewire-pulse), signalled as its own uid.
    kill_as "$PIPEWIRE_UID" -- "-$pw_pid" 2>/dev/null || kill_as "$PIPEWIRE_UID" "$pw_pid" 2>/dev/null || true
    sleep 1
  elif [ -n "$pw_pid" ]; then
    echo "provision: $PIPEWIRE_RUNTIME/session.pid names no dbus-run-session of uid $PIPEWIRE_UID (pid ${pw_pid:0:20}); not signalling it"
  fi
  rm -rf "$PIPEWIRE_RUNTIME"
  mkdir -p "$PIPEWIRE_RUNTIME"
  chown "$PIPEWIRE_UID:$PIPEWIRE_UID" "$PIPEWIRE_RUNTIME"
  chmod 700 "$PIPEWIRE_RUNTIME"
  echo "provision: starting PipeWire's pulse server as uid $PIPEWIRE_UID at $PIPEWIRE_SERVER_ADDRESS"
  (cd /; setsid setpriv --reuid="$PIPEWIRE_UID" --regid="$PIPEWIRE_UID" --clear-groups \
    env -i PATH=/usr/bin:/bin HOME="$PIPEWIRE_RUNTIME" XDG_RUNTIME_DIR="$PIPEWIRE_RUNTIME" \
    dbus-run-session -- sh -c 'pipewire & sleep 1; wireplumber & sleep 1; pipewire-pulse & wait' \
    >/tmp/pipewire.log 2>&1 < /dev/null & echo $! > "$PIPEWIRE_RUNTIME/session.pid")
  for _ in $(seq 1 40); do pipewire_answers && break; sleep 0.25; done
  pipewire_answers || { echo "provision: PipeWire's pulse server does not answer at $PIPEWIRE_SERVER_ADDRESS, see /tmp/pipewire.log" >&2; tail -20 /tmp/pipewire.log >&2; exit 1; }
fi
echo "provision: PipeWire's pulse server answers at $PIPEWIRE_SERVER_ADDRESS"
bash "$(dirname "$0")/make-base-image.sh"   # local debian:trixie-slim (the runner's base) and bookworm-slim (Docker Hub is unreachable)
