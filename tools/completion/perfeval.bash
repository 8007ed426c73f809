# bash completion for perfeval: subcommands, options, and the files each
# argument takes (rule files *.perf, data files *.json and *.jsonl, folders).
_perfeval() {
  local cur prev words cword
  _init_completion || return

  local commands="score audit explain check test fmt template help"
  local command="" word
  for word in "${words[@]:1:cword-1}"; do
    case "$word" in
      score | audit | explain | check | test | fmt | template | help) command=$word; break ;;
    esac
  done

  case "$prev" in
    -f | --format)
      case "$command" in
        audit) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "text json jsonl html csv md xlsx" -- "$cur")) ;;
      esac
      return ;;
    --lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    -j | --jobs) COMPREPLY=($(compgen -W "1 2 4 8" -- "$cur")); return ;;
    -o | --output) _filedir; return ;;
    -p | --project | -i | --indicator) return ;;
  esac

  if [[ $cur == -* ]]; then
    local options="-h --help --lang"
    local terminal="-q --quiet --color"
    case "$command" in
      "") options+=" --version -f --format -o --output -j --jobs $terminal" ;;
      score) options+=" -f --format -o --output -j --jobs $terminal" ;;
      audit) options+=" -f --format -j --jobs $terminal" ;;
      explain) options+=" -j --jobs -p --project -i --indicator $terminal" ;;
      check) options+=" -j --jobs $terminal" ;;
      fmt) options+=" --check" ;;
      template) options+=" -p --project -o --output" ;;
    esac
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return
  fi

  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
  fi
  case "$command" in
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    fmt | template) _filedir perf ;;
    test) _filedir '@(perf|json)' ;;
    *) _filedir '@(perf|json|jsonl)' ;;
  esac
}
complete -F _perfeval perfeval
