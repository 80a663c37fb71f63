"""plain_output (used where knack is not imported) prints what knack's formatters print, and --query
selects what knack's query selects."""
from collections import OrderedDict

from hypothesis import given, settings, strategies as st
from knack.output import format_json, format_tsv
from knack.util import CommandResultItem

from azcli.framework import plain_output

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
KEYS = st.text(max_size=5)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=4).map(OrderedDict), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(VALUES.filter(lambda value: value is not None))
def test_json_and_tsv_are_knacks(value):
    item = CommandResultItem(value)
    assert plain_output.format_json(value) == format_json(item)
    assert plain_output.format_tsv(value) == format_tsv(item)


def test_query_keeps_the_projection_order_as_knack_does():
    data = {"b": 1, "a": 2}
    picked = plain_output.apply_query("{z: b, y: a}", data)
    assert list(picked) == ["z", "y"] and plain_output.format_tsv(picked) == "1\t2\n"
    assert plain_output.format_tsv(data) == "2\t1\n"  # a plain dict: sorted by key
