"""Arguments of the local commands."""


def _port(value):
    from azcli.errors import InvalidArgumentValueError
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise InvalidArgumentValueError("--port must be a number from 0 to 65535, got '{}'.".format(value))
    return port


def _host(value):
    from azcli.errors import InvalidArgumentValueError
    if not value.strip() or value != value.strip():
        raise InvalidArgumentValueError("--host must be an address or host name to listen on, such as 127.0.0.1, "
                                        "got '{}'.".format(value))
    return value


def _seconds(value):
    from azcli.errors import InvalidArgumentValueError
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise InvalidArgumentValueError("--lro-seconds must be a number of seconds >= 0, got '{}'.".format(value))
    return seconds


def load_arguments(loader, _command):
    with loader.argument_context("local serve") as c:
        c.argument("host", options_list=["--host"], type=_host, metavar="ADDRESS",
                   help="Address to listen on. Keep it on loopback: anyone who can reach it can sign in.")
        c.argument("port", options_list=["--port"], type=_port, metavar="PORT",
                   help="TCP port to listen on; 0 picks a free one (printed in the JSON line).")
        c.argument("faults", options_list=["--faults"], metavar="SPEC",
                   help="Inject faults into ARM requests (never the identity endpoint), e.g. "
                        "'429=0.2,500=0.05,reset=0.02,seed=1'. Default: $AZCLI_LOCAL_FAULTS.")
        c.argument("lro_seconds", options_list=["--lro-seconds"], type=_seconds, metavar="SECONDS",
                   help="How long long-running operations take. Default: $AZCLI_LOCAL_LRO_SECONDS, else 0.")
