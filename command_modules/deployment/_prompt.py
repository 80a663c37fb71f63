"""Asking the user, on a terminal only: missing template parameters and the what-if confirmation.

Questions go to stderr (stdout carries data only); secure strings are read without echo. The streams
are injected so tests can drive a prompter without a terminal.
"""
import json
import sys


class Prompter:
    def __init__(self, stdin=None, stderr=None, getpass=None):
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stderr = stderr if stderr is not None else sys.stderr
        self._getpass = getpass

    def interactive(self):
        isatty = getattr(self.stdin, "isatty", None)
        return bool(isatty and isatty())

    def _line(self, question):
        self.stderr.write(question)
        self.stderr.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError("no more input")
        return line.rstrip("\r\n")

    def _secret(self, question):
        if self._getpass is not None:
            return self._getpass(question)
        import getpass
        return getpass.getpass(question, stream=self.stderr)

    def confirm(self, question):
        return self._line("{} (y/n): ".format(question)).strip().lower() in ("y", "yes")

    def ask(self, name, definition):
        """A value for template parameter `name`, typed as its definition says; asks again until valid."""
        kind = (definition.get("type") or "string").lower()
        description = (definition.get("metadata") or {}).get("description") or "Missing description"
        allowed = definition.get("allowedValues")
        question = "Please provide {} value for '{}' (? for help): ".format(kind, name)
        while True:
            if allowed:
                self.stderr.write("".join(" [{}] {}\n".format(i + 1, v) for i, v in enumerate(allowed)))
            raw = self._secret(question) if kind in ("securestring", "secureobject") else self._line(question)
            if raw.strip() == "?":
                self.stderr.write(description + "\n")
                continue
            value, problem = _convert(kind, raw, allowed)
            if problem is None:
                return value
            self.stderr.write(problem + "\n")


def _convert(kind, raw, allowed):
    """(value, None) or (None, why the answer is not acceptable)."""
    if allowed:
        text = raw.strip()
        if text.isdigit() and 1 <= int(text) <= len(allowed):
            return allowed[int(text) - 1], None
        matches = [v for v in allowed if str(v) == text]
        return (matches[0], None) if matches else (None, "Choose a number from the list.")
    if kind == "int":
        try:
            return int(raw.strip()), None
        except ValueError:
            return None, "An integer is required."
    if kind == "bool":
        text = raw.strip().lower()
        if text in ("true", "t", "yes", "y"):
            return True, None
        if text in ("false", "f", "no", "n"):
            return False, None
        return None, "Answer true or false."
    if kind in ("object", "array", "secureobject"):
        if not raw.strip():
            return ({} if kind != "array" else []), None
        try:
            return json.loads(raw), None
        except ValueError as ex:
            return None, "Not valid JSON: {}".format(ex)
    return raw, None
