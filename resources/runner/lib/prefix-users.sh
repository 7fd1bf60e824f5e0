# A Windows game's saves in its prefix's user folders (drive_c/users: Documents, Saved Games,
# AppData). When the prefix is the app's named volume, the app binds a folder of the game's own over
# drive_c/users (DILLINGER_PREFIX_USERS=bound), because it cannot read a volume's files from the host
# to snapshot them (src/main/saves/save-roots.ts), and shows the whole volume, read-only, at
# /dillinger-prefix-volume. A prefix made before that keeps its users in the volume, hidden under
# the bind now: they are copied once into the bound folder (the volume's copy is left as it was).
# .dillinger-users-bound at the prefix's top marks it done. A copy cut short (the container killed)
# is made again from the start; a move of the copied folders cut short is finished. Runs as the user.
PREFIX_VOLUME_VIEW=/dillinger-prefix-volume

# Whether folder $1 holds anything but this file's own work folders (.dillinger-*).
has_user_files() {
  local entry
  for entry in "$1"/* "$1"/.[!.]* "$1"/..?*; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    case ${entry##*/} in .dillinger-*) ;; *) return 0 ;; esac
  done
  return 1
}

prefix_users_move_in() {
  local users=$WINEPREFIX/drive_c/users old=$PREFIX_VOLUME_VIEW/drive_c/users entry
  [ ! -e "$WINEPREFIX/.dillinger-users-bound" ] || return 0
  if [ ! -d "$users/.dillinger-copied" ] && [ -d "$old" ] && has_user_files "$old" && ! has_user_files "$users"; then
    rm -rf "$users/.dillinger-copying"
    cp -a "$old" "$users/.dillinger-copying" ||
      die 125 "copying the Wine prefix's user folders (drive_c/users) into the game's saves folder failed (is the disk full?)"
    mv -T "$users/.dillinger-copying" "$users/.dillinger-copied" || die 125 "cannot finish copying the Wine prefix's user folders"
  fi
  if [ -d "$users/.dillinger-copied" ]; then
    for entry in "$users/.dillinger-copied"/* "$users/.dillinger-copied"/.[!.]*; do
      [ -e "$entry" ] || [ -L "$entry" ] || continue
      [ -e "$users/${entry##*/}" ] || mv -T "$entry" "$users/${entry##*/}" ||
        die 125 "cannot move the Wine prefix's user folder ${entry##*/} into the game's saves folder"
    done
    rm -rf "$users/.dillinger-copied"
    note "the Wine prefix's user folders (Documents, AppData, ...) now live in the game's saves folder, where every session's end snapshots them"
  fi
  rm -rf "$users/.dillinger-copying"
  : >"$WINEPREFIX/.dillinger-users-bound" || die 125 "cannot write $WINEPREFIX/.dillinger-users-bound (is the prefix read-only?)"
}
