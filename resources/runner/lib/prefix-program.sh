# shellcheck shell=bash
# Installer and tool sessions (DILLINGER_PROGRAM_KIND=install|tool): what the program left in the
# Wine prefix, told in the session's log. The prefix may be a Docker volume the app cannot read from
# the host, while the log is the app's own file: so the entrypoint, which sees the prefix as the
# player, lists every .exe under drive_c (but Wine's own C:\windows) and every Start-menu shortcut
# before the program runs, and after wineserver has saved the prefix prints what is new or was
# rewritten since (an installer run again over its own files: a repair, an update), one note a line:
#   dillinger-entrypoint: note: prefix program: C:\Program Files\Game\game.exe
#   dillinger-entrypoint: note: prefix shortcut: C:\ProgramData\...\Game.lnk -> C:\Program Files\Game\game.exe
# (the target is empty when the shortcut's file names no .exe). Functions only; entrypoint.sh calls
# prefix_program_before once the prefix exists and prefix_program_after at the end, Stop included.

prefix_program_list() {
  local root=$WINEPREFIX/drive_c
  [ -d "$root" ] || return 0
  find "$root" -path "$root/windows" -prune -o -type f \( -iname '*.exe' -o \( -iname '*.lnk' -ipath '*/start menu/*' \) \) -print 2>/dev/null |
    LC_ALL=C sort
}

prefix_program_before() {
  prefix_program_list >"$HOME/.dillinger-prefix-before"
}

# Programs and shortcuts that were there before but written since (their ctime, which every write
# and every copy's own time-setting moves, is newer than the list made before the program ran).
prefix_program_rewritten() {
  local root=$WINEPREFIX/drive_c
  [ -d "$root" ] || return 0
  find "$root" -path "$root/windows" -prune -o -type f \( -iname '*.exe' -o \( -iname '*.lnk' -ipath '*/start menu/*' \) \) \
    -cnewer "$HOME/.dillinger-prefix-before" -print 2>/dev/null
}

# C:\... for a path under the prefix's drive_c.
prefix_windows_path() {
  local rest=${1#"$WINEPREFIX"/drive_c/}
  printf 'C:\\%s' "${rest//\//\\}"
}

# The .exe a shortcut starts: a .lnk keeps its target as text (ANSI in its link info, UTF-16 in its
# string data); the first C:\...\x.exe found in either form.
prefix_lnk_target() {
  { tr -c '[:print:]' '\n' <"$1"; tr -d '\000' <"$1" | tr -c '[:print:]' '\n'; } 2>/dev/null |
    grep -aoiE '[A-Z]:\\[^:*?"<>|]*\.exe' | head -n1
}

prefix_program_after() {
  local path
  [ -f "$HOME/.dillinger-prefix-before" ] || return 0
  while IFS= read -r path; do
    case ${path,,} in
      *.lnk) note "prefix shortcut: $(prefix_windows_path "$path") -> $(prefix_lnk_target "$path")" ;;
      *) note "prefix program: $(prefix_windows_path "$path")" ;;
    esac
  done < <({ prefix_program_list | LC_ALL=C comm -13 "$HOME/.dillinger-prefix-before" -; prefix_program_rewritten; } | LC_ALL=C sort -u)
}
