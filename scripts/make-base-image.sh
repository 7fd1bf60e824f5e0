#!/usr/bin/env bash
# Builds the local base images debian:trixie-slim and debian:bookworm-slim (run as root). Docker Hub
# is unreachable on our machines, so the runner's `FROM debian:trixie-slim` must already exist
# locally: we debootstrap a minbase of each suite from the machine's own Debian mirror and
# `docker import` it. trixie (Debian 13) is the runner's base; its apt sources name `main contrib`
# (winetricks is in contrib) and the runner adds the i386 arch itself. bookworm is the small plain
# image several live tests start containers from.
# Idempotent: skips an image that exists. Prints one line per image saying what it did.
set -euo pipefail
SUITES=(trixie bookworm)

missing=()
for suite in "${SUITES[@]}"; do
  if docker image inspect "debian:$suite-slim" >/dev/null 2>&1; then
    echo "make-base-image: debian:$suite-slim already present"
  else
    missing+=("$suite")
  fi
done
[ "${#missing[@]}" -gt 0 ] || exit 0
[ "$(id -u)" -eq 0 ] || { echo "make-base-image: must run as root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "make-base-image: debootstrap is not installed" >&2; exit 1; }

# The machine's own Debian mirror: first deb822 `URIs:` of a non-security source, else sources.list.
MIRROR=""
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  MIRROR=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$MIRROR" ] && [ -f /etc/apt/sources.list ]; then
  # `deb [options] URI suite ...`: the URI is the first field after `deb` that is not an [option].
  MIRROR=$(awk '$1=="deb" { for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) { print $i; exit } break } }' /etc/apt/sources.list)
fi
[ -n "$MIRROR" ] || { echo "make-base-image: no Debian mirror found in the apt sources" >&2; exit 1; }

TMP=$(mktemp -d /tmp/dillinger-rootfs.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
for suite in "${missing[@]}"; do
  start=$SECONDS
  root=$TMP/$suite
  if ! debootstrap --variant=minbase --components=main,contrib "$suite" "$root" "$MIRROR" >"$TMP/debootstrap.log" 2>&1; then
    echo "make-base-image: debootstrap of $suite from $MIRROR failed:" >&2
    tail -20 "$TMP/debootstrap.log" >&2
    exit 1
  fi
  printf 'deb %s %s main contrib\n' "$MIRROR" "$suite" >"$root/etc/apt/sources.list"
  # Smaller image: the apt lists and caches are re-fetched by every `apt-get update` anyway.
  rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"*.bin "$root/var/cache/apt/archives/"*.deb
  tar -C "$root" -c . | docker import - "debian:$suite-slim" >/dev/null
  rm -rf "$root"
  echo "make-base-image: built debian:$suite-slim from $MIRROR in $((SECONDS - start)) s"
done
