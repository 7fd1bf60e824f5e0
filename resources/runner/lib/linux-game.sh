# shellcheck shell=bash
# Linux games as stores ship them: a folder with a start.sh, the binary and its bundled lib/. The
# game starts in DILLINGER_WORKDIR (the app sets the game's own folder, or the manifest's
# workingDirectory inside it), where such a script expects to be; without it, the program's folder.
# A script that lost its x bit (an unpacked archive; the game's folder is mounted read-only, so
# nothing can chmod it) is run by the interpreter its #! line names, when this image has it.
# Functions only; entrypoint.sh calls linux_game_start as the user, as its last step.

# The interpreter (and its one optional argument, as the kernel reads it) of a #! line, one a line;
# nothing when the file has no #! line.
linux_game_shebang() {
  local line interpreter argument
  IFS= read -r -n 256 line <"$1" 2>/dev/null || [ -n "$line" ] || return 0
  [[ $line == '#!'* ]] || return 0
  line=${line#'#!'}
  line=${line%$'\r'}
  read -r interpreter argument <<<"$line"
  [ -n "${interpreter:-}" ] || return 0
  printf '%s\n' "$interpreter"
  [ -z "${argument:-}" ] || printf '%s\n' "$argument"
}

# The command that runs a script without its x bit (its interpreter, found in this image), on stdout
# one word a line; dies (126) saying why when it cannot be run.
linux_game_interpreter() {
  local exe=$1 name words interpreter found
  name=$(basename "$exe")
  mapfile -t words < <(linux_game_shebang "$exe")
  [ "${#words[@]}" -gt 0 ] ||
    die 126 "$exe: not executable (no x bit, and no #! line naming an interpreter): give game.json the game's binary, or restore the file's x bit (chmod +x) in the game's folder"
  interpreter=${words[0]}
  if [ "$(basename "$interpreter")" = env ] && [ "${#words[@]}" -gt 1 ]; then
    # #!/usr/bin/env bash: the program env would find, looked up here so a missing one is named.
    [[ ${words[1]} != -* ]] || die 126 "$name: its #! line runs env with options (${words[1]}), which the runner does not follow for a file without its x bit: restore the x bit (chmod +x) in the game's folder"
    found=$(command -v -- "${words[1]}" 2>/dev/null) ||
      die 126 "$name: its #! line asks for ${words[1]}, which this runner image does not have: choose a runner image that has it in the game's launch settings, or restore the x bit if the game ships it"
    printf '%s\n' "$found"
    return 0
  fi
  [[ $interpreter == /* ]] && [ -f "$interpreter" ] && [ -x "$interpreter" ] ||
    die 126 "$name: its #! line names $interpreter, which this runner image does not have: choose a runner image that has it in the game's launch settings"
  printf '%s\n' "${words[@]}"
}

# Enters the game's working directory and replaces this shell with the game (through dillinger-env).
linux_game_start() {
  local exe=$1 dir interpreter command
  shift
  dir=${DILLINGER_WORKDIR:-$(dirname "$exe")}
  [ -d "$dir" ] || die 126 "$dir: the game's working directory is not in its folder (check workingDirectory in game.json)"
  cd "$dir" || die 126 "$dir: cannot enter the game's working directory"
  if [ -x "$exe" ]; then
    exec "$GAME_ENV" --game "$exe" "$@"
  fi
  [ -r "$exe" ] || die 126 "$exe: not executable and not readable by uid $(id -u): check the file's permissions in the game's folder"
  interpreter=$(linux_game_interpreter "$exe") || exit # its die said why, on stderr
  mapfile -t command <<<"$interpreter"
  note "$(basename "$exe") has no x bit: running it with ${command[*]}"
  exec "$GAME_ENV" --game "${command[@]}" "$exe" "$@"
}
