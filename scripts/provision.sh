#!/usr/bin/env bash
# Provisions a fresh Debian/Ubuntu machine (as root) with everything the app and its tests use:
# a real Docker engine, an X server (Xvfb), and Debian's chromium for the browser tests.
# Idempotent: re-running it only starts what is not running yet.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "provision.sh must run as root (try: sudo bash scripts/provision.sh)" >&2
  exit 1
fi

PACKAGES=(docker.io xvfb xauth x11-utils x11-apps imagemagick chromium debootstrap ca-certificates)
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
bash "$(dirname "$0")/make-base-image.sh"   # local debian:bookworm-slim for the runner image (Docker Hub is unreachable)
