"""Entry point. The fast paths (--version, completion, help, and the read commands and access tokens
framework/plain_reads.py answers from the token cache) import neither knack nor the SDK; everything
else goes through the knack CLI."""
import os
import sys


# The first words of the commands framework/plain_reads.py may answer (its modules declare them).
READ_FIRST_WORDS = ("group", "resource", "network", "account")


class _ClosedStream:
    """Stands in for a standard stream the shell closed (`>&-`): writing anything is EBADF, writing nothing
    (`-o none`) is fine."""

    def write(self, text):
        if text:
            import errno
            raise OSError(errno.EBADF, "Bad file descriptor")
        return 0

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        import errno
        raise OSError(errno.EBADF, "Bad file descriptor")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    if sys.stderr is None:
        sys.stderr = _ClosedStream()
    if os.environ.get("_AZCLI_COMPLETE"):
        from .framework.completion import complete
        return _finish(complete(os.environ.get("COMP_LINE", ""), os.environ.get("COMP_POINT"), sys.stdout))
    if argv in (["--version"], ["-v"]):
        from . import __version__
        sys.stdout.write("azcli {}\n".format(__version__))
        return _finish(0)
    if argv in ([], ["--help"], ["-h"], ["help"]):
        from .framework.completion import print_top_level_help
        if print_top_level_help(sys.stdout):
            return _finish(0)
    else:
        if argv[:1] and argv[0] in READ_FIRST_WORDS and "--help" not in argv and "-h" not in argv:
            from .framework.plain_reads import answer as read  # reads and a token, from the cache
            code = _fast(read, argv)
            if code is not None:
                return _finish(code)
        if argv and not argv[0].startswith("-") and (argv[-1] in ("--help", "-h") or not argv[-1].startswith("-")):
            from .framework.fast_help import print_help  # `azcli <group> [<command>] --help`, `azcli <group>`
            if print_help(argv, sys.stdout):
                return _finish(0)
    return _finish(run(argv))


def _fast(answer, argv):
    """A fast path's exit code (None: knack's path answers). Writing its answer can fail as knack's can
    (a closed stdout, a reader gone): reported as knack's path reports it."""
    try:
        return answer(argv, sys.stdout)
    except OSError as ex:
        from .framework.cli import report_exception
        return report_exception(ex)


def run(argv, out_file=None, environ=None):
    """Run one command through knack; returns the exit code. Never raises for user errors."""
    from .framework.cli import get_default_cli, report_exception
    try:
        cli = get_default_cli(out_file=out_file, environ=environ)
        return cli.invoke(argv, out_file=out_file)
    except KeyboardInterrupt:
        return 130
    except SystemExit as ex:
        return ex.code if isinstance(ex.code, int) else (0 if ex.code is None else 1)
    except Exception as ex:  # pylint: disable=broad-except
        return report_exception(ex, debug="--debug" in argv)


def _finish(code):
    """Flush stdout; a reader that went away (`| head`) is not an error worth a traceback."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return code


def entry():
    from .deferred_imports import install
    install()
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    entry()
