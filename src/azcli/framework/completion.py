"""Tab completion and top-level help, answered from the command index alone.

Neither imports knack nor any command module: a completion is one JSON read.
Protocol (see azcli.framework.completion.sh): the shell sets _AZCLI_COMPLETE=1, COMP_LINE and
COMP_POINT; candidates are printed one per line.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
GLOBAL_OPTIONS = ["--debug", "--help", "--only-show-errors", "--output", "--query", "--subscription",
                  "--verbose"]
OUTPUT_FORMATS = ["csv", "json", "jsonc", "jsonl", "none", "table", "tsv", "yaml", "yamlc"]


def _index():
    try:
        with open(os.path.join(HERE, "command_index.json"), encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def candidates(words, prefix, index):
    """Completions for `prefix` after the already typed `words` (program name excluded)."""
    if words and words[-1] in ("--output", "-o"):
        return [f for f in OUTPUT_FORMATS if f.startswith(prefix)]
    path = []
    for word in words:
        if word.startswith("-"):
            break
        path.append(word.lower())
    command = " ".join(path)
    if command in index["commands"]:
        options = index["commands"][command]["options"] + GLOBAL_OPTIONS
        return sorted({o for o in options if o.startswith(prefix) and o.startswith("--")} or
                      {o for o in options if o.startswith(prefix)})
    depth = len(path)
    names = set()
    for name in list(index["commands"]) + list(index["groups"]):
        parts = name.split()
        if len(parts) > depth and parts[:depth] == path and parts[depth].startswith(prefix.lower()):
            names.add(parts[depth])
    return sorted(names)


def complete(comp_line, comp_point, out):
    index = _index()
    if index is None:
        return 1
    point = int(comp_point) if comp_point and comp_point.isdigit() else len(comp_line)
    line = comp_line[:point]
    words = line.split()
    prefix = "" if line.endswith(" ") or not words else words.pop()
    out.write("".join(c + "\n" for c in candidates(words[1:], prefix, index)))
    return 0


def print_top_level_help(out):
    """`azcli --help` from the index; False when the index is missing (knack then answers)."""
    index = _index()
    if index is None:
        return False
    top = sorted((name, data.get("summary", "")) for name, data in index["groups"].items() if " " not in name)
    top += sorted((name, data.get("summary", "")) for name, data in index["commands"].items() if " " not in name)
    width = max(len(name) for name, _ in top) + 2
    lines = ["", "Group", "    azcli", "",
             "azcli: manage Azure resources, or the built-in local cloud.", "",
             "Subgroups and commands:"]
    lines += ["    {}: {}".format(name.ljust(width - 2), summary) for name, summary in sorted(top)]
    lines += ["", "Global arguments: --output/-o {}, --query JMESPATH, --subscription, --only-show-errors,"
              .format("|".join(OUTPUT_FORMATS)),
              "  --verbose, --debug.", "",
              "Sign in to the built-in local cloud with 'azcli login --local'.",
              "Use 'azcli <group> --help' for more on a group.", ""]
    out.write("\n".join(lines))
    return True
