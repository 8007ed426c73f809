#!/bin/bash
# Checks tools/completion: what bash offers at a few points of a command
# line, and that the zsh script parses. Usage: completion.sh COMPLETION_DIR
set -eu
dir=$1
# shellcheck disable=SC1091
source /usr/share/bash-completion/bash_completion
# shellcheck disable=SC1091
source "$dir/perfeval.bash"

offered() {  # the words of a command line, the last one being completed
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _perfeval
  echo "${COMPREPLY[*]}"
}

expect() {
  local want=$1
  shift
  local got
  got=$(offered "$@")
  if [[ "$got" != "$want" ]]; then
    echo "completing '$*': expected '$want', got '$got'" >&2
    exit 1
  fi
}

expect "audit" perfeval au
expect "explain" perfeval ex
expect "text json" perfeval audit -f ""
expect "text json jsonl html csv md xlsx" perfeval -f ""
expect "zh en" perfeval --lang ""
expect "--check" perfeval fmt --ch
expect "--indicator" perfeval explain --ind
expect "score" perfeval sc
expect "help" perfeval he
expect "audit" perfeval help au
expect "auto always never" perfeval --color ""
expect "--quiet" perfeval audit --qu
expect "--output" perfeval score --outp
expect "template" perfeval templ
expect "--project" perfeval template rules --proj
zsh -n "$dir/_perfeval"
echo "completion: bash and zsh scripts work"
