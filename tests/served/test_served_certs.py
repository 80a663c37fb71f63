"""The TLS files of served mode: one CA, a server certificate re-issued only when a host is missing."""
import ipaddress
import os
import stat
import threading

from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store

from azcli.emulator.serve import certs


def load(path):
    with open(path, "rb") as handle:
        return x509.load_pem_x509_certificate(handle.read())


def verify(files, name):
    """Verify the server certificate for a DNS name or IP against the CA, as a TLS client would."""
    try:
        subject = x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        subject = x509.DNSName(name)
    verifier = PolicyBuilder().store(Store([load(files.ca)])).build_server_verifier(subject)
    return verifier.verify(load(files.server), [])


def test_made_once_then_reissued_only_for_a_new_host(tmp_path):
    directory = str(tmp_path / "tls")
    files = certs.ensure(directory)
    ca, server = open(files.ca, "rb").read(), open(files.server, "rb").read()
    for name in ("127.0.0.1", "localhost"):
        assert verify(files, name)
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    for path in (files.ca_key, files.server_key):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600

    assert certs.ensure(directory, ["localhost", "127.0.0.1"]) and open(files.server, "rb").read() == server
    certs.ensure(directory, ["10.1.2.3"])
    assert open(files.ca, "rb").read() == ca  # clients keep trusting the same CA
    assert open(files.server, "rb").read() != server
    for name in ("127.0.0.1", "localhost", "10.1.2.3"):
        assert verify(files, name)


def test_broken_files_are_replaced(tmp_path):
    directory = str(tmp_path / "tls")
    files = certs.ensure(directory)
    with open(files.server_key, "w") as handle:
        handle.write("garbage")
    certs.ensure(directory)
    assert verify(files, "127.0.0.1")
    with open(files.ca_key, "w") as handle:
        handle.write("garbage")
    certs.ensure(directory)  # a new CA, and a server certificate it issued
    assert verify(files, "localhost")


def test_concurrent_first_use_agrees_on_one_ca(tmp_path):
    directory = str(tmp_path / "tls")
    threads = [threading.Thread(target=certs.ensure, args=(directory,)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    files = certs.TlsFiles(directory)
    assert verify(files, "127.0.0.1")
    assert sorted(os.listdir(directory)) == [".lock", "ca-key.pem", "ca.pem", "server-key.pem", "server.pem"]
