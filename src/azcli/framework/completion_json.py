"""Reading JSON files on the completion path without the json package.

json's decoder imports re (and enum): about 6 ms of CPU, half of what a whole completion process
costs above `python -c pass`. CPython's C scanner (`_json`, which json itself uses) parses the same
documents without them. Anywhere it is missing or says no, the json package decides.
"""


class _ScanContext:
    """The attributes json.scanner.make_scanner reads from a JSONDecoder, with json's defaults."""
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int

    @staticmethod
    def parse_constant(name):
        return {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}[name]


def loads(text):
    """json.loads(text) for a document that starts with its value (as ours do)."""
    try:
        import _json
        value, end = _json.make_scanner(_ScanContext())(text, 0)
        if not text[end:].strip():
            return value
    except Exception:  # pylint: disable=broad-except
        pass  # not CPython, or not a plain document: json parses it or raises ValueError
    import json
    return json.loads(text)


def load(path):
    """The JSON document in a file; OSError or ValueError as json.load would raise them."""
    with open(path, encoding="utf-8") as handle:
        return loads(handle.read())
