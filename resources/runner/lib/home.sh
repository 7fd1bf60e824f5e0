# The game's HOME: /tmp/dillinger-home, the game's own persistent folder bind-mounted there by the
# app (<dataDir>/saves/<gameId>/home, see src/main/saves/home-folder.ts), or a folder on the
# tmpfs when none is mounted. Keeping the old path makes every existing Wine prefix's user-folder
# links (Documents, Desktop, ... -> /tmp/dillinger-home/...) point into the persistent home.
# Root here has no CAP_FOWNER: it may chmod only what it owns, so a home the player already owns
# (every session after the first) is left as it is, and one owned by anyone else is refused.

# prepare_home DIR: DIR exists, is 0700 and belongs to $uid:$gid, or the entrypoint exits 125.
prepare_home() {
  local dir=$1 owner
  mkdir -p "$dir" 2>/dev/null || die 125 "cannot create $dir (is /tmp a writable tmpfs?)"
  owner=$(stat -c %u "$dir") || die 125 "cannot read the owner of $dir"
  if [ "$owner" = "$uid" ]; then
    return 0
  fi
  if [ "$owner" = 0 ] && [ "$me" = 0 ]; then
    # chmod before chown: without CAP_FOWNER root may not chmod a file it no longer owns.
    chmod 700 "$dir" 2>/dev/null || die 125 "cannot chmod $dir"
    chown "$uid:$gid" "$dir" || die 125 "cannot chown $dir (needs CAP_CHOWN)"
    return 0
  fi
  die 125 "the game's home folder $dir belongs to uid $owner, not to the player (uid $uid), and Dillinger does not take over files it did not create: give the folder back to the player (chown $uid:$gid on the host) or remove it so the app makes a new one"
}

# prefix_user_folders_repair: run as the player, before the game. A prefix made while HOME was on the
# tmpfs has drive_c/users/<user>/Documents (Desktop, Music, ...) linked to /tmp/dillinger-home(/...).
# Each such link becomes a real folder in the prefix (as the image's template prefix has), holding a
# copy of what the link pointed to (a subfolder of the home; a link to the whole home starts empty).
# A link that points anywhere else is left alone. A repair cut short is finished at the next launch.
prefix_user_folders_repair() {
  local link target real
  for real in "$WINEPREFIX"/drive_c/users/*/*.dillinger-repair; do
    [ -d "$real" ] || continue
    link=${real%.dillinger-repair}
    if [ -L "$link" ]; then rm -rf "$real"; elif [ ! -e "$link" ]; then mv -T "$real" "$link"; fi
  done
  for link in "$WINEPREFIX"/drive_c/users/*/*; do
    [ -L "$link" ] || continue
    target=$(readlink "$link")
    case $target in /tmp/dillinger-home | /tmp/dillinger-home/*) ;; *) continue ;; esac
    real=$link.dillinger-repair
    mkdir "$real" 2>/dev/null || die 125 "cannot repair the Wine prefix's user folder $link (cannot create $real)"
    if [ "$target" != /tmp/dillinger-home ] && [ -d "$target" ]; then
      cp -a "$target"/. "$real"/ || die 125 "cannot copy $target into the Wine prefix's $link"
    fi
    rm -f "$link" && mv -T "$real" "$link" || die 125 "cannot replace the link $link with a real folder"
    note "the Wine prefix's $(basename "$link") folder is now a real folder in the prefix (it was a link to $target)"
  done
}
