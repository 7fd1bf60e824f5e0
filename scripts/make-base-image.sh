#!/usr/bin/env bash
# Builds the local base image debian:bookworm-slim (run as root). Docker Hub is unreachable on our
# machines, so the runner's `FROM debian:bookworm-slim` must already exist locally: we debootstrap a
# minbase bookworm from the machine's own Debian mirror and `docker import` it.
# Idempotent: does nothing when the image exists. Prints one line saying what it did.
set -euo pipefail
IMAGE=debian:bookworm-slim

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "make-base-image: $IMAGE already present"
  exit 0
fi
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
start=$SECONDS
if ! debootstrap --variant=minbase bookworm "$TMP/rootfs" "$MIRROR" >"$TMP/debootstrap.log" 2>&1; then
  echo "make-base-image: debootstrap from $MIRROR failed:" >&2
  tail -20 "$TMP/debootstrap.log" >&2
  exit 1
fi
# Smaller image: the apt lists and caches are re-fetched by every `apt-get update` anyway.
rm -rf "$TMP/rootfs/var/lib/apt/lists/"* "$TMP/rootfs/var/cache/apt/"*.bin "$TMP/rootfs/var/cache/apt/archives/"*.deb
tar -C "$TMP/rootfs" -c . | docker import - "$IMAGE" >/dev/null
echo "make-base-image: built $IMAGE from $MIRROR in $((SECONDS - start)) s"
