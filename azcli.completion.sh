# Bash completion for azcli. Install: `echo "source $PWD/azcli.completion.sh" >> ~/.bashrc` (or copy
# it to /etc/bash_completion.d/azcli). Candidates come from azcli's prebuilt command index and, for
# values such as group names and locations, from a short-lived cache in the config dir: a
# completion never loads the command modules or the Azure SDK. Exit status 3 from azcli means
# "a free-text value": the shell completes file names (for @file).
_azcli_complete() {
    local IFS=$'\n' out status word quoted
    out=$(_AZCLI_COMPLETE=1 COMP_LINE="$COMP_LINE" COMP_POINT="$COMP_POINT" azcli 2>/dev/null)
    status=$?
    COMPREPLY=()
    if [[ $status -eq 3 ]]; then
        compopt -o default 2>/dev/null
        return 0
    fi
    [[ $status -eq 0 && -n $out ]] || return 0
    for word in $out; do
        if [[ ${COMP_WORDS[COMP_CWORD]} == [\"\']* ]]; then
            COMPREPLY+=("$word")
        else
            printf -v quoted '%q' "$word"
            COMPREPLY+=("$quoted")
        fi
    done
}
complete -o nosort -F _azcli_complete azcli
