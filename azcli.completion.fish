# Fish completion for azcli. Install: `ln -s $PWD/azcli.completion.fish ~/.config/fish/completions/azcli.fish`.
# Candidates come from azcli's prebuilt command index and, for values such as group names and
# locations, from a short-lived cache in the config dir. Exit status 3 from azcli means "a
# free-text value": fish completes file names (for @file).
function __azcli_complete
    set -l line (commandline -cp)
    set -l out (env _AZCLI_COMPLETE=1 COMP_LINE="$line" COMP_POINT=(string length -- "$line") azcli 2>/dev/null)
    set -l code $status
    if test $code -eq 3
        __fish_complete_path (commandline -ct)
    else if test $code -eq 0
        printf '%s\n' $out
    end
end
complete -c azcli -f -a '(__azcli_complete)'
