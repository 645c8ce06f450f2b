// The scripts `okr completion bash|zsh|fish` prints. Each hands the words typed so far to
// `okr __complete -- WORDS...`, which prints one candidate a line and, last, what to do with them:
// ":words", ":nospace" (the word goes on, as after "payments/") or ":files" (complete file names).

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

const BASH = `# okr completion for bash (okr completion bash).
# This shell only:  source <(okr completion bash)
# For good:         okr completion bash > ~/.local/share/bash-completion/completions/okr
_okr() {
  # The words as okr splits them: bash also breaks words at "=" and ":" (COMP_WORDBREAKS).
  local line=\${COMP_LINE:0:COMP_POINT} cur=\${COMP_WORDS[COMP_CWORD]}
  local -a words out
  read -r -a words <<< "$line"
  [[ $line =~ [[:space:]]$ ]] && words+=("")
  mapfile -t out < <(okr __complete -- "\${words[@]:1}" 2>/dev/null)
  local n=\${#out[@]}
  (( n )) || return 0
  local mode=\${out[n-1]}
  out=("\${out[@]:0:n-1}")
  COMPREPLY=()
  if [[ $mode == :files ]]; then
    compopt -o default
    return 0
  fi
  [[ $mode == :nospace ]] && compopt -o nospace
  # bash replaces only its own last word: drop what okr's word holds before it.
  local typed=\${words[\${#words[@]}-1]}
  local cut=$(( \${#typed} - \${#cur} ))
  (( cut < 0 )) && cut=0
  local word
  for word in "\${out[@]}"; do COMPREPLY+=("\${word:cut}"); done
}
complete -F _okr okr
`;

const ZSH = `#compdef okr
# okr completion for zsh (okr completion zsh).
# This shell only:  source <(okr completion zsh)
# For good:         okr completion zsh > "\${fpath[1]}/_okr"   (then start a new shell)
_okr() {
  local -a out
  local mode
  out=("\${(@f)$(okr __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  (( \${#out} )) || return 1
  mode=\${out[-1]}
  out=("\${(@)out[1,-2]}")
  case $mode in
    :files) _files ;;
    :nospace) compadd -Q -S '' -- "\${(@)out}" ;;
    *) compadd -Q -- "\${(@)out}" ;;
  esac
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _okr "$@"
else
  (( \${+functions[compdef]} )) || { autoload -Uz compinit && compinit; }
  compdef _okr okr
fi
`;

const FISH = `# okr completion for fish (okr completion fish).
# This shell only:  okr completion fish | source
# For good:         okr completion fish > ~/.config/fish/completions/okr.fish
function __okr_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l out (okr __complete -- $words[2..-1] 2>/dev/null)
    test (count $out) -gt 0; or return
    set -l mode $out[-1]
    set -e out[-1]
    if test "$mode" = :files
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\\n' $out
end
complete -c okr -f -a '(__okr_complete)'
`;

export function completionScript(shell: CompletionShell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
