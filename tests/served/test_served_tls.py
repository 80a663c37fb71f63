"""The served cloud itself refuses TLS below 1.2 (issue 13).

A default client context would refuse TLS 1.0/1.1 on its own, proving nothing about the server; so the
client here offers only TLS 1.0 and 1.1 (security level 0, so that OpenSSL 3 lets it), is first shown
to complete a handshake with a permissive TLS 1.0 server, and then must fail against the served cloud.
"""
import socket
import ssl
import threading
import warnings

import pytest

OLD = (ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1)


def old_tls_client(cafile):
    """A client context offering only TLS 1.0 and 1.1, or None when this OpenSSL cannot be made to."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.minimum_version, context.maximum_version = OLD
            context.set_ciphers("ALL:@SECLEVEL=0")
        except (ValueError, ssl.SSLError):
            return None
    context.load_verify_locations(cafile)
    return context


def permissive_server(certfile, keyfile):
    """A one-connection TLS server that accepts TLS 1.0 and up; returns (port, thread, result dict)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1
        context.set_ciphers("ALL:@SECLEVEL=0")
    context.load_cert_chain(certfile, keyfile)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    result = {}

    def serve():
        try:
            conn, _ = listener.accept()
            with context.wrap_socket(conn, server_side=True) as tls:
                result["version"] = tls.version()
        except (OSError, ssl.SSLError) as ex:
            result["error"] = ex
        finally:
            listener.close()
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener.getsockname()[1], thread, result


def handshake(context, port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            return tls.version()


def test_server_refuses_tls_1_0_and_1_1(served):
    import os
    tls_dir = os.path.dirname(served.ca)
    client = old_tls_client(served.ca)
    if client is None:
        pytest.skip("this OpenSSL (%s) cannot build a client context limited to TLS 1.0/1.1" % ssl.OPENSSL_VERSION)
    port, thread, result = permissive_server(os.path.join(tls_dir, "server.pem"), os.path.join(tls_dir, "server-key.pem"))
    try:
        offered = handshake(client, port)
    except (OSError, ssl.SSLError) as ex:
        pytest.skip("this OpenSSL (%s) cannot negotiate TLS 1.0/1.1 even with a server that allows it: %r"
                    % (ssl.OPENSSL_VERSION, ex))
    finally:
        thread.join(10)
    assert offered in ("TLSv1", "TLSv1.1") and result.get("version") == offered, (offered, result)
    # The same client, against the served cloud: the server must end the handshake.
    with pytest.raises(ssl.SSLError) as refused:
        handshake(client, served.details["port"])
    assert "VERSION" in str(refused.value).upper() or "ALERT" in str(refused.value).upper(), refused.value
    # And a modern client still gets TLS 1.2 or 1.3.
    assert handshake(ssl.create_default_context(cafile=served.ca), served.details["port"]) in ("TLSv1.2", "TLSv1.3")
