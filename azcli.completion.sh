# Bash completion for azcli. Source it: `source azcli.completion.sh` (or copy it to
# /etc/bash_completion.d/). Candidates come from azcli's prebuilt command index: a completion
# never loads the command modules or the Azure SDK.
_azcli_complete() {
    local IFS=$'\n'
    COMPREPLY=($(_AZCLI_COMPLETE=1 COMP_LINE="$COMP_LINE" COMP_POINT="$COMP_POINT" azcli 2>/dev/null))
}
complete -o default -o nosort -F _azcli_complete azcli
