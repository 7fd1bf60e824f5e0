# A game's new Wine prefix, made from the image's ready-made one (build/make-prefix-template.sh,
# at /opt/dillinger/wine-prefix-template): a copy of ~33 MB, made by the game's own user (so it owns
# every file, as Wine requires, without any chown), instead of `wineboot --init` (10+ s on Wine 10).
# The copy keeps the template's .update-timestamp and registry, so Wine sees a prefix that is up to
# date and runs no update. An image without a template (one built FROM an older runner) falls back
# to wineboot. Runs as the user (the --as-user stage).
WINE_PREFIX_TEMPLATE=/opt/dillinger/wine-prefix-template

# Makes $WINEPREFIX a usable prefix (it has no system.reg yet: new, or its first session was killed).
wine_prefix_create() {
  local wine=$1
  note "creating the Wine prefix in $WINEPREFIX (first run)"
  rm -f "$WINEPREFIX/.update-timestamp"
  if [ -f "$WINE_PREFIX_TEMPLATE/system.reg" ]; then
    # --no-preserve=ownership: the files become the user's; links to Wine's DLLs stay links.
    cp -a --no-preserve=ownership "$WINE_PREFIX_TEMPLATE/." "$WINEPREFIX/" ||
      die 125 "copying the image's ready-made Wine prefix into $WINEPREFIX failed (is the prefix's disk full?)"
    note "the Wine prefix is ready (copied from the image's ready-made prefix)"
    return 0
  fi
  "$GAME_ENV" --game "$wine" wineboot --init || die 125 "creating the Wine prefix in $WINEPREFIX failed"
  note "the Wine prefix is ready"
}
