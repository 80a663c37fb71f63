"""The JSON dialect json() accepts beyond strict JSON, as Newtonsoft (ARM's parser) does:
single-quoted strings, unquoted property names, trailing commas and comments.
"""

import json
import re

_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_BARE = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_WORDS = {"true": True, "false": False, "null": None}


def parse_json(text):
    """Strict JSON when it is, else the lenient dialect; ValueError when neither."""
    try:
        return json.loads(text)
    except ValueError:
        return parse_lenient_json(text)


def parse_lenient_json(text):
    parser = _Parser(text)
    value = parser.value()
    parser.skip()
    if parser.at != len(text):
        raise ValueError(f"unexpected character at position {parser.at}")
    return value


class _Parser:
    def __init__(self, text):
        self.text = text
        self.at = 0

    def skip(self):
        self.at = _SPACE.match(self.text, self.at).end()

    def peek(self):
        self.skip()
        return self.text[self.at] if self.at < len(self.text) else ""

    def expect(self, ch):
        if self.peek() != ch:
            raise ValueError(f"expected '{ch}' at position {self.at}")
        self.at += 1

    def value(self):
        ch = self.peek()
        if ch == "{":
            return self.object()
        if ch == "[":
            return self.array()
        if ch in "'\"":
            return self.string(ch)
        number = _NUMBER.match(self.text, self.at)
        if number:
            self.at = number.end()
            return json.loads(number.group())
        word = _BARE.match(self.text, self.at)
        if word and word.group() in _WORDS:
            self.at = word.end()
            return _WORDS[word.group()]
        raise ValueError(f"unexpected character at position {self.at}")

    def string(self, quote):
        start = self.at
        self.at += 1
        pieces = []
        while self.at < len(self.text):
            ch = self.text[self.at]
            if ch == quote:
                self.at += 1
                return "".join(pieces)
            if ch == "\\":
                escape = self.text[self.at:self.at + 6] if self.text[self.at + 1:self.at + 2] == "u" else \
                    self.text[self.at:self.at + 2]
                pieces.append("'" if escape == "\\'" else json.loads(f'"{escape}"'))
                self.at += len(escape)
            else:
                pieces.append(ch)
                self.at += 1
        raise ValueError(f"unterminated string starting at position {start}")

    def key(self):
        ch = self.peek()
        if ch in "'\"":
            return self.string(ch)
        word = _BARE.match(self.text, self.at)
        if not word:
            raise ValueError(f"expected a property name at position {self.at}")
        self.at = word.end()
        return word.group()

    def object(self):
        self.expect("{")
        result = {}
        while self.peek() != "}":
            key = self.key()
            self.expect(":")
            result[key] = self.value()
            if self.peek() != ",":
                break
            self.at += 1
        self.expect("}")
        return result

    def array(self):
        self.expect("[")
        result = []
        while self.peek() != "]":
            result.append(self.value())
            if self.peek() != ",":
                break
            self.at += 1
        self.expect("]")
        return result
