"""The completion scripts in real shells: bash (its completion function with COMP_WORDS, and readline
under tmux), zsh (compinit and a TAB typed into an interactive zsh on a zpty), fish (`complete -C`).

Each shell completes commands, options, enum values and group names (from a cache the real
background refresh filled, against the local cloud). bash always runs; zsh, fish and tmux are
skipped with the reason when the machine lacks them.
"""
import os
import shutil
import subprocess
import sys
import time

import pytest

from azcli.framework import completion_values as cv
from runner import CLEARED_ENV, run_cli

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES = [
    ("azcli gr", {"group"}),
    ("azcli group create --lo", {"--location"}),
    ("azcli lock create --lock-type ", {"CanNotDelete", "ReadOnly"}),
    ("azcli group show -n ", {"alpha", "beta"}),
]
BASH_DRIVER = """
source "$SCRIPT"
COMP_LINE="$LINE"; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_azcli_complete
printf '%s\\n' "${COMPREPLY[@]}"
"""
# An interactive zsh on a pseudo-terminal: compinit, the script, then the line and a TAB. compadd
# (and _files) are wrapped to append what they were given to a file.
ZSH_DRIVER = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1=''; autoload -U compinit; compinit -u -D"
zpty -w z "source ${(q)SCRIPT}"
zpty -w z "compadd () { local -a __h; builtin compadd -O __h \"\$@\"; print -rl -- \"\${__h[@]}\" >> ${(q)OUT}; print -r -- '<<done>>' >> ${(q)OUT} }"
zpty -w z "_files () { print -r -- '<<files>>' >> ${(q)OUT}; print -r -- '<<done>>' >> ${(q)OUT} }"
zpty -n -w z "${LINE}"$'\t'
for i in {1..400}; do
  [[ -f $OUT ]] && grep -q '<<done>>' $OUT && break
  sleep 0.05
done
zpty -d z
"""


def _need(program):
    if shutil.which(program) is None:
        pytest.skip("{} is not installed on this machine (apt-get install {})".format(program, program))


@pytest.fixture(scope="module")
def shell_env(tmp_path_factory):
    """A signed-in config dir with two groups, a warm group-name cache, and `azcli` on PATH."""
    base = tmp_path_factory.mktemp("shells")
    config_dir, home, bin_dir = base / "azcli", base / "home", base / "bin"
    home.mkdir()
    bin_dir.mkdir()
    for argv in (["login", "--local"], ["group", "create", "-n", "alpha", "-l", "westus"],
                 ["group", "create", "-n", "beta", "-l", "westus"]):
        assert run_cli(argv, config_dir).exit_code == 0
    wrapper = bin_dir / "azcli"
    wrapper.write_text('#!/bin/sh\nexec "{}" -m azcli "$@"\n'.format(sys.executable))
    wrapper.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV and not k.startswith("AZCLI_")}
    env.update(AZCLI_CONFIG_DIR=str(config_dir), HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local"), PATH="{}:{}".format(bin_dir, env.get("PATH", "")))
    for line, listing in (("azcli group show -n ", "group\x1flist\x1f"), ("azcli account set -s ", "account\x1flist\x1f")):
        subprocess.run(["azcli"], env=dict(env, _AZCLI_COMPLETE="1", COMP_LINE=line),
                       capture_output=True, check=False, timeout=30)
        deadline = time.monotonic() + 60
        while not [k for k in cv.read_entries(cv.cache_path(str(config_dir))) if listing in k]:
            assert time.monotonic() < deadline, "the background refresh never filled the cache"
            time.sleep(0.05)
    return env


def _lines(text):
    return {line.split("\t")[0] for line in text.splitlines() if line.strip()}


@pytest.mark.parametrize("line,expected", CASES)
def test_bash(shell_env, line, expected):
    script = os.path.join(ROOT, "azcli.completion.sh")
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", BASH_DRIVER],
                          env=dict(shell_env, SCRIPT=script, LINE=line),
                          capture_output=True, text=True, timeout=60, check=True)
    assert expected <= _lines(proc.stdout), proc


def test_bash_quotes_a_value_with_spaces(shell_env):
    script = os.path.join(ROOT, "azcli.completion.sh")
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", BASH_DRIVER],
                          env=dict(shell_env, SCRIPT=script, LINE="azcli account set -s Loc"),
                          capture_output=True, text=True, timeout=60, check=True)
    assert _lines(proc.stdout) == {"Local\\ Cloud\\ Subscription"}


@pytest.mark.parametrize("line,expected", CASES)
def test_zsh(shell_env, tmp_path, line, expected):
    _need("zsh")
    out = tmp_path / "matches"
    subprocess.run(["zsh", "-f", "-c", ZSH_DRIVER],
                   env=dict(shell_env, SCRIPT=os.path.join(ROOT, "azcli.completion.zsh"), LINE=line, OUT=str(out)),
                   capture_output=True, text=True, timeout=60, check=False)
    assert out.exists(), "zsh never called compadd"
    assert expected <= _lines(out.read_text())


def test_zsh_leaves_free_text_values_to_file_completion(shell_env, tmp_path):
    _need("zsh")
    out = tmp_path / "matches"
    subprocess.run(["zsh", "-f", "-c", ZSH_DRIVER],
                   env=dict(shell_env, SCRIPT=os.path.join(ROOT, "azcli.completion.zsh"), OUT=str(out),
                            LINE="azcli deployment group create -g alpha --template-file "),
                   capture_output=True, text=True, timeout=60, check=False)
    assert "<<files>>" in out.read_text()


@pytest.mark.parametrize("line,expected", CASES)
def test_fish(shell_env, line, expected):
    _need("fish")
    script = os.path.join(ROOT, "azcli.completion.fish")
    proc = subprocess.run(["fish", "-c", 'source $SCRIPT; complete -C "$LINE"'],
                          env=dict(shell_env, SCRIPT=script, LINE=line),
                          capture_output=True, text=True, timeout=60, check=True)
    assert expected <= _lines(proc.stdout), proc


def _tmux(sock, *args):
    return subprocess.run(["tmux", "-S", str(sock)] + list(args), capture_output=True, text=True, check=False,
                          timeout=30)


@pytest.mark.parametrize("shell,setup,script", [
    ("bash --norc --noprofile -i", "", "azcli.completion.sh"),
    ("zsh -f -i", "autoload -U compinit && compinit -u -D && ", "azcli.completion.zsh"),
])
def test_a_tab_typed_in_an_interactive_shell(shell_env, tmp_path, shell, setup, script):
    """readline / zle under tmux: TAB completes a unique group name; TAB TAB lists enum values."""
    _need("tmux")
    _need(shell.split()[0])
    sock = tmp_path / "tmux.sock"
    env = dict(shell_env, PS1="$ ", PROMPT="$ ")
    subprocess.run(["tmux", "-S", str(sock), "new-session", "-d", "-x", "200", "-y", "50", shell],
                   env=env, check=True, timeout=30)
    try:
        _tmux(sock, "send-keys", "{}source {}".format(setup, os.path.join(ROOT, script)), "Enter")
        _tmux(sock, "send-keys", "azcli group show -n al", "Tab")
        assert _screen_shows(sock, "azcli group show -n alpha")
        _tmux(sock, "send-keys", "C-u", "azcli lock create --lock-type ", "Tab", "Tab")
        assert _screen_shows(sock, "CanNotDelete") and _screen_shows(sock, "ReadOnly")
    finally:
        _tmux(sock, "kill-server")


def _screen_shows(sock, text, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _tmux(sock, "capture-pane", "-p").stdout:
            return True
        time.sleep(0.1)
    return False
