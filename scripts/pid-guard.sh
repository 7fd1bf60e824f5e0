# shellcheck shell=bash
# Sourced by provision.sh (and its test): signalling a process named by a pid file safely.
# The pid files provision.sh reads lie in folders an unprivileged uid owns (or could have made
# first, in /tmp): the pid in one may have been reused by another process, or written there by that
# uid to have root kill something of its choice. So a pid is signalled only when /proc says it is
# the expected program run by the expected uid, and the signal is sent as that uid: never anything else.

# is_program PID UID PROGRAM...: whether PID is alive, run by UID, and named one of the PROGRAMs.
is_program() {
  local pid=$1 uid=$2 comm owner program
  shift 2
  [[ $pid =~ ^[1-9][0-9]{0,9}$ ]] || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  owner=$(stat -c %u "/proc/$pid" 2>/dev/null) || return 1
  [ "$owner" = "$uid" ] || return 1
  for program in "$@"; do
    [ "$comm" = "${program:0:15}" ] && return 0   # comm holds at most 15 characters
  done
  return 1
}
# kill_as UID KILL-ARGUMENTS...: kill, sent as UID (it can reach only what UID could signal itself).
kill_as() {
  local uid=$1
  shift
  if [ "$uid" = 0 ]; then kill "$@"; else setpriv --reuid="$uid" --regid="$uid" --clear-groups kill "$@"; fi
}
