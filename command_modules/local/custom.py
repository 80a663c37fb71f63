"""Serving the local cloud over HTTPS, and its connection details.

`local serve` creates the emulator's WSGI app over the config dir's localcloud.db (the store the
in-process commands use) and serves it with TLS on loopback. The TLS files live in
{config_dir}/localcloud-tls/ (generated once); while serving, {config_dir}/localcloud-serve.json
records the pid, host and port so that `local show` can report them. One config dir has one serving
process: a second `local serve` there (on another port) stops with an error naming the first, which keeps
its state file; the file is removed on exit only by the process it names (a killed server's stale file is
taken over).
"""
import json
import os
import sys
import time

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7443
TLS_DIR = "localcloud-tls"
STATE_FILE = "localcloud-serve.json"


def serve(cmd, host=DEFAULT_HOST, port=DEFAULT_PORT, faults=None, lro_seconds=None):
    """Serve the local cloud over HTTPS until SIGINT or SIGTERM; prints one JSON line with the details."""
    from azcli.emulator import https_server
    from azcli.errors import AzCliError, InvalidArgumentValueError

    config_dir = cmd.cli_ctx.config_dir
    host, port = str(host), int(port)
    try:
        server = https_server(config_dir, host, port, os.path.join(config_dir, TLS_DIR),
                              client_host=_client_host(host), lro_seconds=lro_seconds, faults=faults)
    except ValueError as ex:
        source = "--faults" if faults is not None else "AZCLI_LOCAL_FAULTS"
        raise InvalidArgumentValueError("{}: {}".format(source, ex)) from None
    if not _is_loopback(host):
        from knack.log import get_logger
        get_logger(__name__).warning("Serving on %s, beyond loopback: anyone who can reach it can sign in with "
                                     "the built-in principal's secret.", host)
    server.catch_signals()
    try:
        server.start()
    except OSError as ex:
        server.wait()  # restores the signal handlers
        raise AzCliError("Cannot listen on {}:{}: {}. Choose another --port (0 picks a free one)."
                         .format(host, port, ex.strerror or ex)) from None
    state_path = os.path.join(config_dir, STATE_FILE)
    other = _claim_state(state_path, host, server.port)
    if other is not None:
        server.request_stop()
        server.wait()  # stops the server, restores the signal handlers
        from azcli.errors import ConflictError
        raise ConflictError("The local cloud of this config dir is already served by process {} on port {}; stop it "
                            "first, or use another config dir (AZCLI_CONFIG_DIR).".format(other["pid"], other["port"]))
    try:
        details = _details(config_dir, host, server.port)
        out = cmd.cli_ctx.out_file
        out.write(json.dumps(details) + "\n")
        out.flush()
        if sys.stderr.isatty():
            print("Serving the local cloud at {} (Ctrl-C to stop).".format(details["resourceManager"]),
                  file=sys.stderr)
        server.wait()
    finally:
        server.stop()
        _remove_state(state_path)


def show(cmd):
    """The local cloud's connection details; endpoints and port are null when it is not being served."""
    config_dir = cmd.cli_ctx.config_dir
    state = _read_state(os.path.join(config_dir, STATE_FILE))
    if state is None:
        return _details(config_dir, None, None)
    details = _details(config_dir, state["host"], state["port"])
    details["pid"] = state["pid"]
    return details


def reset(cmd):
    """Empty the local cloud's ARM state (groups, resources, locks, deployments...); keep identities."""
    from azcli.emulator import reset_state
    reset_state(cmd.cli_ctx.config_dir)


def _is_loopback(host):
    import ipaddress
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _client_host(host):
    """The address clients use for a listening address (a wildcard means this machine's loopback)."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)


def _details(config_dir, host, port):
    from azcli.emulator import local_identity
    identity = local_identity(config_dir)
    ca_path = os.path.join(config_dir, TLS_DIR, "ca.pem")
    if port is None:
        base = None
    else:
        client_host = _client_host(host)
        if ":" in client_host:
            client_host = "[{}]".format(client_host)
        base = "https://{}:{}".format(client_host, port)
    return {
        "resourceManager": base + "/" if base else None,
        "activeDirectory": base,
        # the audience the emulator accepts: tokens requested for {base}/.default are issued for {base}/
        "activeDirectoryResourceId": base + "/" if base else None,
        "tenantId": identity["tenantId"],
        "subscriptionId": identity["subscriptionId"],
        "subscriptionName": identity.get("subscriptionName"),
        "clientId": identity["clientId"],
        "clientSecret": identity["clientSecret"],
        "caCertPath": ca_path if os.path.exists(ca_path) else None,
        "host": host,
        "port": port,
    }


def _claim_state(path, host, port):
    """Record this process as the config dir's server; returns the live other server's state instead if there is one."""
    from azcli.fileio import locked, write_json
    with locked(path):
        other = _read_state(path)
        if other is not None and other["pid"] != os.getpid():
            return other
        write_json(path, {"pid": os.getpid(), "host": host, "port": port, "started": time.time()})
    return None


def _read_state(path):
    """The state file of a serve process that is still running, else None."""
    from azcli.fileio import CorruptFileError, read_json
    try:
        state = read_json(path)
    except CorruptFileError:
        return None
    if not isinstance(state, dict) or not isinstance(state.get("pid"), int) or not isinstance(state.get("port"), int):
        return None
    return state if _alive(state["pid"]) else None


def _alive(pid):
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _remove_state(path):
    """Remove the state file if it is still this process's (another serve may have taken over)."""
    from azcli.fileio import CorruptFileError, locked, read_json
    with locked(path):
        try:
            state = read_json(path)
        except CorruptFileError:
            state = None
        if isinstance(state, dict) and state.get("pid") == os.getpid():
            try:
                os.remove(path)
            except OSError:
                pass
