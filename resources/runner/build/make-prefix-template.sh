#!/bin/bash
# Makes the runner's ready-made Wine prefix at image build time: `wineboot --init` once, so a game's
# new prefix is a copy of this one (lib/wine-prefix.sh) instead of 10+ s of wineboot at its first
# launch. Most of a fresh prefix (1.4 GB) is Wine's own DLLs copied into system32, syswow64 and winsxs: each
# copy identical to the file Wine ships is replaced by a symlink to it (as Proton's default_pfx
# does), which leaves a template of a few MB. Wine loads a linked DLL as it loads the copy.
#   make-prefix-template.sh <template dir>
# Made for the user name the entrypoint gives every game (USER=player): drive_c/users/player.
set -euo pipefail
template=$1
export WINEPREFIX=$template USER=player LOGNAME=player WINEDEBUG=-all
mkdir -p "$template"
HOME=$(mktemp -d)
export HOME XDG_RUNTIME_DIR=$HOME
/usr/lib/wine/wine64 wineboot --init
/usr/lib/wine/wineserver64 -w

linked=0
# Anywhere under windows/ (system32, syswow64, winsxs's side-by-side copies): the same name among
# Wine's PE files of either arch, byte for byte.
while IFS= read -r -d '' file; do
  name=${file##*/}
  for source in /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/"$name" /usr/lib/i386-linux-gnu/wine/i386-windows/"$name"; do
    if [ -f "$source" ] && cmp -s "$file" "$source"; then
      ln -sf "$source" "$file"
      linked=$((linked + 1))
      break
    fi
  done
done < <(find "$template/drive_c/windows" -type f -print0)
# The user's folders must be real folders of the prefix (never links into HOME, which is not kept).
for entry in "$template"/drive_c/users/player/*; do
  if [ -L "$entry" ]; then rm "$entry" && mkdir "$entry"; fi
done
rm -rf "$HOME"
# Readable by every uid: each game's user copies it into its own prefix.
chmod -R a+rX "$template"
echo "make-prefix-template: $linked DLLs linked to Wine's own; $(du -sh "$template" | cut -f1) left in $template"
