#compdef azcli
# Zsh completion for azcli. Install: `echo "source $PWD/azcli.completion.zsh" >> ~/.zshrc` (after
# `autoload -U compinit && compinit`), or copy it as `_azcli` into a directory on $fpath.
# Candidates come from azcli's prebuilt command index and, for values such as group names and
# locations, from a short-lived cache in the config dir. Exit status 3 from azcli means "a
# free-text value": zsh completes file names (for @file).
_azcli() {
    local line out rc
    local -a found
    line="${(j: :)${(@)words[1,CURRENT-1]}} ${compstate[quote]}${PREFIX}"
    out=$(_AZCLI_COMPLETE=1 COMP_LINE="$line" COMP_POINT=${#line} azcli 2>/dev/null)
    rc=$?
    if (( rc == 3 )); then
        _files
        return
    fi
    (( rc == 0 )) || return 1
    found=("${(@f)out}")
    found=(${found:#})
    (( ${#found} )) && compadd -- "${found[@]}"
}
if (( $+functions[compdef] )); then
    compdef _azcli azcli
fi
