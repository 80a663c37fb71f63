"""The router matches whole-segment templates without regular expressions: it must agree with the
regular expression every template compiles to, on every route the app registers."""
import re

from hypothesis import given, settings, strategies as st

from azcli.emulator.wire import route_table
from azcli.emulator.wire.router import Router, _compile

ROUTER = Router()
route_table.register_all(ROUTER)
ROUTES = ROUTER.routes
SEGMENT_CHARS = st.text(alphabet=st.sampled_from("aZ09-_.%() /\u00e9\u212a"), min_size=0, max_size=6)


def _paths(template, draw):
    """A path from template: each {param} replaced by drawn text, literal letters in drawn case,
    sometimes a trailing slash, sometimes one segment dropped or added."""
    out = re.sub(r"\{\w+\*?\}", lambda _: draw(SEGMENT_CHARS), template)
    out = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in out)
    change = draw(st.sampled_from(["none", "none", "slash", "drop", "add", "empty"]))
    if change == "slash":
        out += "/"
    elif change == "drop":
        out = out.rsplit("/", 1)[0]
    elif change == "add":
        out += "/" + draw(SEGMENT_CHARS)
    elif change == "empty":
        out += "//"
    return out


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_segment_matching_agrees_with_the_template_regex(data):
    route = data.draw(st.sampled_from(ROUTES))
    other = data.draw(st.sampled_from(ROUTES))  # paths of other templates must not match by accident
    for template in (route.template, other.template):
        path = _paths(template, data.draw)
        m = _compile(route.template).match(path)
        assert route.match(path) == (None if m is None else m.groupdict()), (route.template, path)


def test_most_routes_need_no_regular_expression():
    plain = [r for r in ROUTES if r._segments is not None]  # pylint: disable=protected-access
    assert len(plain) >= 0.8 * len(ROUTES)


def test_creating_the_app_compiles_no_route_regex(tmp_path, monkeypatch):
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k))
    from azcli.emulator import create_app
    create_app(str(tmp_path))
    assert not [p for p in compiled if str(p).startswith("^/") or "(?P<" in str(p)]


def test_the_shipped_route_table_is_what_the_nouns_register():
    assert route_table.load() == route_table.build(), (
        "the route table is stale: run python -m azcli.emulator.wire.route_table")


def test_a_request_imports_only_the_nouns_it_reaches(tmp_path):
    import subprocess
    import sys
    code = ("import io, sys; from azcli.emulator import create_app; app = create_app(%r); "
            "env = {'REQUEST_METHOD': 'GET', 'PATH_INFO': '/metadata/endpoints', 'QUERY_STRING': 'api-version=2022-09-01', "
            "'HTTP_HOST': 'local.azcli.invalid', 'wsgi.url_scheme': 'https', 'wsgi.input': io.BytesIO()}; "
            "b''.join(app(env, lambda s, h, e=None: None)); "
            "print(sorted(m for m in sys.modules if m.startswith('azcli.emulator.arm.')))" % str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['azcli.emulator.arm.metadata']"
