# Wine settings: applies a game's per-game Wine settings to its prefix before the game starts, once.
# Functions only (sourced by entrypoint.sh); run as the game's user, after the prefix exists.
#
# Input (set by the app, src/main/container/wine-settings-env.ts):
#   DILLINGER_WINE_GRAPHICS            wined3d | dxvk: DXVK's DLLs are put into (or taken out of) the prefix
#   DILLINGER_WINE_WINDOWS_VERSION     win11, win10, ... (winecfg /v)
#   DILLINGER_WINE_WINETRICKS          verbs, space-separated, applied in order
#   DILLINGER_WINE_WINETRICKS_DOWNLOAD those of them that download what they install (winetricks' own list)
#   DILLINGER_WINE_DESKTOP             WIDTHxHEIGHT: the game runs in Wine's virtual desktop of that size
#   DILLINGER_WINE_MANGOHUD            1: the game runs under MangoHud (the FPS overlay with WineD3D)
#   DILLINGER_WINE_XRANDR              off: Wine does not use the display's RandR modes (a display without
#                                      a refresh rate, with DXVK: see wine_settings_xrandr); absent: it does
# WINEDLLOVERRIDES and DXVK_HUD reach the game as its own variables; nothing here sets them.
#
# What was applied is recorded in $WINEPREFIX/.dillinger/settings-applied, one "key value" line per
# setting (graphics, windows-version, xrandr, winetricks:<verb>), so a later launch with the same settings
# redoes nothing. Uses $wine, $wineserver and in_game_env from entrypoint.sh; sets wine_launch, the
# command the game is started with (its .exe and arguments follow).

WINE_SETTINGS_RECORD_DIR=.dillinger
WINE_SETTINGS_DXVK_DLLS="d3d8 d3d9 d3d10core d3d11 dxgi"

wine_settings_record_file() { printf '%s' "$WINEPREFIX/$WINE_SETTINGS_RECORD_DIR/settings-applied"; }

# The recorded value of a setting, or nothing.
wine_settings_recorded() {
  local file
  file=$(wine_settings_record_file)
  [ -f "$file" ] || return 0
  awk -v key="$1" '$1 == key { sub(/^[^ ]+ /, ""); value = $0 } END { if (value != "") print value }' "$file"
}

# Records key=value (replacing an earlier value), written to a new file and renamed over the old.
wine_settings_record() {
  local file tmp
  file=$(wine_settings_record_file)
  mkdir -p "$(dirname "$file")" || die 125 "cannot create $(dirname "$file") in the Wine prefix to record its settings"
  tmp=$file.tmp.$$
  { [ -f "$file" ] && awk -v key="$1" '$1 != key' "$file"; printf '%s %s\n' "$1" "$2"; } >"$tmp" &&
    mv -f "$tmp" "$file" || die 125 "cannot record the Wine setting $1 in $file"
  note "Wine setting applied: $1 $2"
}

# Copies one arch's DLLs (name.dll, or DXVK's name.dll.so) from $1 into the prefix's $2 folder.
wine_settings_copy_dlls() {
  local from=$1 to=$WINEPREFIX/drive_c/windows/$2 name src
  [ -d "$to" ] || return 0
  for name in $WINE_SETTINGS_DXVK_DLLS; do
    src=$from/$name.dll
    [ -f "$src" ] || src=$from/$name.dll.so
    [ -f "$src" ] || continue
    cp -f "$src" "$to/$name.dll" || die 125 "cannot copy $name.dll into $to"
  done
}

# DXVK in: its DLLs replace Wine's in the prefix (WINEDLLOVERRIDES makes them load, native).
# DXVK out: Wine's own DLLs go back, so the prefix is as wineboot made it.
wine_settings_graphics() {
  local want=${DILLINGER_WINE_GRAPHICS:-} have
  [ -n "$want" ] || return 0
  have=$(wine_settings_recorded graphics)
  [ "$want" != "${have:-wined3d}" ] || return 0
  if [ "$want" = dxvk ]; then
    [ -d /usr/lib/dxvk/wine64 ] || die 125 "this runner image has no DXVK (/usr/lib/dxvk), so Direct3D cannot go through Vulkan: choose WineD3D in the game's Wine settings, or use a runner image with DXVK"
    wine_settings_copy_dlls /usr/lib/dxvk/wine64 system32
    wine_settings_copy_dlls /usr/lib/dxvk/wine32 syswow64
  else
    wine_settings_copy_dlls /usr/lib/x86_64-linux-gnu/wine/x86_64-windows system32
    wine_settings_copy_dlls /usr/lib/i386-linux-gnu/wine/i386-windows syswow64
  fi
  wine_settings_record graphics "$want"
}

# Wine's RandR off or back on (HKCU\Software\Wine\X11 Driver, UseXRandR). The app turns it off
# for DXVK on a display that offers no refresh rate (Xephyr, the isolated display, always; a bare
# Xvfb): Wine would report every mode at 0 Hz, and DXVK 2.6's DXGI divides by that rate as soon as
# a D3D10/11 game looks at its output ("Unhandled division by zero" right after "DXGI: Failed to
# parse display metadata"). Without RandR (and with no XVidMode, which neither server has) Wine
# reports the screen as its one mode at 60 Hz. Follows each launch, not once: the same prefix may
# next be played on a display with real modes, where RandR gives the game its mode changes back.
wine_settings_xrandr() {
  local want=on have
  [ "${DILLINGER_WINE_XRANDR:-}" != off ] || want=off
  have=$(wine_settings_recorded xrandr)
  [ "$want" != "${have:-on}" ] || return 0
  if [ "$want" = off ]; then
    in_game_env "$wine" reg add 'HKCU\Software\Wine\X11 Driver' /v UseXRandR /t REG_SZ /d N /f >/dev/null ||
      die 125 "turning Wine's RandR off (UseXRandR=N, for DXVK on a display without a refresh rate) failed: its output is in the log"
  else
    # Already gone (the player's regedit) is what is wanted: not an error.
    in_game_env "$wine" reg delete 'HKCU\Software\Wine\X11 Driver' /v UseXRandR /f >/dev/null 2>&1 || true
  fi
  # Wine's desktop process (explorer.exe), already running once reg returns, read the display's modes
  # under the old setting and hands them to every later process (measured: the game still saw 0 Hz and
  # crashed): it must end, with its wineserver, so that the game's own starts under the new one.
  in_game_env "$wineserver" -w
  wine_settings_record xrandr "$want"
}

wine_settings_windows_version() {
  local want=${DILLINGER_WINE_WINDOWS_VERSION:-}
  [ -n "$want" ] || return 0
  [ "$(wine_settings_recorded windows-version)" != "$want" ] || return 0
  in_game_env "$wine" winecfg /v "$want" >/dev/null || die 125 "setting the Windows version to $want failed (winecfg /v $want): its output is in the log"
  wine_settings_record windows-version "$want"
}

wine_settings_winetricks() {
  local verb verbs
  [ -n "${DILLINGER_WINE_WINETRICKS:-}" ] || return 0
  read -ra verbs <<<"$DILLINGER_WINE_WINETRICKS"
  for verb in "${verbs[@]}"; do
    [ "$(wine_settings_recorded "winetricks:$verb")" != done ] || continue
    command -v winetricks >/dev/null || die 125 "this runner image has no winetricks, so $verb cannot be applied: remove the verbs from the game's Wine settings, or use a runner image with winetricks"
    note "applying winetricks $verb"
    if ! in_game_env /usr/bin/env WINE="$wine" WINESERVER="$wineserver" winetricks -q "$verb" >&2; then
      case " ${DILLINGER_WINE_WINETRICKS_DOWNLOAD:-} " in
        *" $verb "*) die 125 "winetricks $verb needs the internet to download what it installs, and it could not download it: check that this computer is online and the game's network is bridge, then play again (or remove $verb)" ;;
      esac
      die 125 "winetricks $verb failed (its output is in the log): remove it from the game's Wine settings, or try another verb"
    fi
    wine_settings_record "winetricks:$verb" done
  done
}

# Applies every setting and sets wine_launch. Called once the prefix exists, before the game.
wine_settings_apply() {
  wine_launch=("$wine")
  wine_settings_graphics
  wine_settings_xrandr
  wine_settings_windows_version
  wine_settings_winetricks
  # wineboot, winecfg and winetricks leave a wineserver running: the game reuses it.
  if [ "${DILLINGER_WINE_MANGOHUD:-}" = 1 ]; then
    command -v mangohud >/dev/null || die 125 "this runner image has no MangoHud for the FPS overlay with WineD3D: choose DXVK (its own counter), or turn the overlay off"
    wine_launch=(mangohud --dlsym "$wine")
  fi
  if [[ ${DILLINGER_WINE_DESKTOP:-} =~ ^[0-9]+x[0-9]+$ ]]; then
    note "the game runs in Wine's virtual desktop at $DILLINGER_WINE_DESKTOP"
    wine_launch+=(explorer "/desktop=dillinger,$DILLINGER_WINE_DESKTOP")
  fi
}
