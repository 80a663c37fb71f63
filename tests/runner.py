"""Run the whole CLI in-process, like click's CliRunner: argv in; exit code, stdout, stderr out."""
import contextlib
import io
import json
import logging
import os
import shlex
import sys


class Result:
    def __init__(self, exit_code, stdout, stderr):
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def json(self):
        return json.loads(self.stdout)

    def __repr__(self):
        return "Result(exit_code={!r}, stdout={!r}, stderr={!r})".format(self.exit_code, self.stdout[:2000],
                                                                         self.stderr[:2000])


CLEARED_ENV = ("AZURE_SUBSCRIPTION_ID", "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET",
               "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_FEDERATED_TOKEN_FILE", "NO_COLOR")


@contextlib.contextmanager
def _patched_environ(config_dir, env):
    saved = dict(os.environ)
    try:
        for key in list(os.environ):
            if key.startswith("AZCLI_") or key in CLEARED_ENV:
                del os.environ[key]
        os.environ["AZCLI_CONFIG_DIR"] = str(config_dir)
        os.environ.update({k: str(v) for k, v in (env or {}).items()})
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _reset_logging():
    for name in (None, "cli"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)


def run_cli(argv, config_dir, env=None, stdin=""):
    from azcli.__main__ import main
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    with _patched_environ(config_dir, env):
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
        _reset_logging()
        try:
            code = main(list(argv))
        except SystemExit as ex:  # pragma: no cover - main() returns codes
            code = ex.code
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
            _reset_logging()
    return Result(code, out.getvalue(), err.getvalue())


def run_fast(answer, config_dir, argv, env=None):
    """(exit code, stdout) of a knack-free fast path's answer(argv, out); (None, "") when it leaves the
    command to knack's path."""
    out = io.StringIO()
    with _patched_environ(config_dir, env):
        code = answer(list(argv), out)
    return code, out.getvalue()


def run_knack(config_dir, argv, env=None):
    """(exit code, stdout) of the command through knack's path only (no fast path), stderr captured."""
    from azcli.__main__ import run
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stderr
    with _patched_environ(config_dir, env):
        sys.stderr = err
        _reset_logging()
        try:
            code = run(list(argv), out_file=out)
        finally:
            sys.stderr = saved
            _reset_logging()
    return code, out.getvalue()


class CLI:
    """`cli("group show -n x")` or `cli(["group", "show", "-n", "x"])` against one config dir."""

    def __init__(self, config_dir):
        self.config_dir = config_dir

    def __call__(self, args, env=None, stdin=""):
        argv = shlex.split(args) if isinstance(args, str) else list(args)
        return run_cli(argv, self.config_dir, env=env, stdin=stdin)
