"""knack's json, tsv and none output formats for plain data (dicts, lists, strings, numbers, booleans,
None), without importing knack: the knack-free fast paths print exactly what knack's path would
(tests/cli/test_plain_output.py holds them to knack's formatters)."""
import json
from collections import OrderedDict


def format_json(result):
    return json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True, separators=(",", ": ")) + "\n"


def _tsv_cell(value):
    # A nested value becomes a placeholder, so every row keeps its number of columns.
    if isinstance(value, list):
        return str(len(value))
    if isinstance(value, dict):
        return ""
    return value if isinstance(value, str) else str(value)


def _tsv_row(item):
    if isinstance(item, OrderedDict):  # a --query projection keeps the query's order
        cells = item.values()
    elif isinstance(item, dict):
        cells = [value for _, value in sorted(item.items())]
    elif isinstance(item, list):
        cells = item
    elif isinstance(item, bool):
        return str(item).lower()
    else:
        return _tsv_cell(item)
    return "\t".join(_tsv_cell(cell) for cell in cells)


def format_tsv(result):
    rows = result if isinstance(result, list) else [result]
    return "".join(_tsv_row(row) + "\n" for row in rows)


def format_none(_result):
    return ""


FORMATTERS = {"json": format_json, "tsv": format_tsv, "none": format_none}


def apply_query(query, result):
    """--query as knack applies it (JMESPath, objects kept in the query's order). Raises jmespath's errors."""
    import jmespath
    return jmespath.compile(query).search(result, jmespath.Options(OrderedDict))
