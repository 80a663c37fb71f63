"""TLS material for serving the local cloud over HTTPS: a private CA and a server certificate.

Both are generated once into a directory (``{config_dir}/localcloud-tls/``) and reused, so a client
that trusts ca.pem keeps trusting every later server certificate. The server certificate is issued
again (by the same CA) only when it does not name a host it must serve or is about to expire.

  ca.pem            the CA certificate: what clients trust (REQUESTS_CA_BUNDLE, connection_verify)
  ca-key.pem        the CA's private key (0600)
  server.pem        the server certificate (SAN: IP 127.0.0.1, DNS localhost, and the served host)
  server-key.pem    the server's private key (0600)

Keys are ECDSA P-256. Only ``cryptography`` is needed, and only here.
"""
import datetime
import ipaddress
import os

CA_FILE = "ca.pem"
CA_KEY_FILE = "ca-key.pem"
SERVER_FILE = "server.pem"
SERVER_KEY_FILE = "server-key.pem"
LOCK_FILE = ".lock"

DEFAULT_HOSTS = ("127.0.0.1", "localhost")
CA_DAYS = 3650
SERVER_DAYS = 825
RENEW_BEFORE_DAYS = 30


class TlsFiles:
    def __init__(self, directory):
        self.directory = directory
        self.ca = os.path.join(directory, CA_FILE)
        self.ca_key = os.path.join(directory, CA_KEY_FILE)
        self.server = os.path.join(directory, SERVER_FILE)
        self.server_key = os.path.join(directory, SERVER_KEY_FILE)


def ensure(directory, hosts=()):
    """Create (or reuse) the CA and a server certificate valid for DEFAULT_HOSTS + hosts; returns TlsFiles.

    Safe when several processes call it at once: the work happens under a lock file and every file
    is replaced atomically.
    """
    os.makedirs(directory, mode=0o700, exist_ok=True)
    files = TlsFiles(directory)
    wanted = _names(tuple(DEFAULT_HOSTS) + tuple(h for h in hosts if h))
    with _lock(os.path.join(directory, LOCK_FILE)):
        ca_cert, ca_key = _load_ca(files)
        if ca_cert is None:
            ca_cert, ca_key = _new_ca()
            _write(files.ca_key, _key_pem(ca_key), 0o600)
            _write(files.ca, _cert_pem(ca_cert), 0o644)
            _remove(files.server)
        if not _server_ok(files, ca_cert, wanted):
            cert, key = _new_server(ca_cert, ca_key, wanted)
            _write(files.server_key, _key_pem(key), 0o600)
            _write(files.server, _cert_pem(cert), 0o644)
    return files


def _names(hosts):
    """Ordered, de-duplicated SAN entries: ('ip', address) or ('dns', name)."""
    names = []
    for host in hosts:
        host = host.strip("[]")
        try:
            entry = ("ip", ipaddress.ip_address(host))
        except ValueError:
            entry = ("dns", host.lower())
        if entry not in names:
            names.append(entry)
    return names


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def _load_ca(files):
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    try:
        with open(files.ca, "rb") as handle:
            cert = x509.load_pem_x509_certificate(handle.read())
        with open(files.ca_key, "rb") as handle:
            key = load_pem_private_key(handle.read(), password=None)
    except (OSError, ValueError):
        return None, None
    if cert.not_valid_after_utc - _now() < datetime.timedelta(days=RENEW_BEFORE_DAYS):
        return None, None
    if cert.public_key().public_numbers() != key.public_key().public_numbers():
        return None, None
    return cert, key


def _server_ok(files, ca_cert, wanted):
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    try:
        with open(files.server, "rb") as handle:
            cert = x509.load_pem_x509_certificate(handle.read())
        with open(files.server_key, "rb") as handle:
            key = load_pem_private_key(handle.read(), password=None)
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (OSError, ValueError, x509.ExtensionNotFound):
        return False
    if cert.issuer != ca_cert.subject or cert.public_key().public_numbers() != key.public_key().public_numbers():
        return False
    if cert.not_valid_after_utc - _now() < datetime.timedelta(days=RENEW_BEFORE_DAYS):
        return False
    have = set(("ip", a) for a in san.get_values_for_type(x509.IPAddress))
    have.update(("dns", n.lower()) for n in san.get_values_for_type(x509.DNSName))
    return all(entry in have for entry in wanted)


def _new_key():
    from cryptography.hazmat.primitives.asymmetric import ec
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name):
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "azcli local cloud"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _new_ca():
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    key = _new_key()
    now = _now()
    name = _name("azcli local cloud CA %s" % now.strftime("%Y-%m-%d %H:%M:%S"))
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         key_cert_sign=True, crl_sign=True, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return cert, key


def _new_server(ca_cert, ca_key, names):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID
    key = _new_key()
    now = _now()
    general = [x509.IPAddress(value) if kind == "ip" else x509.DNSName(value) for kind, value in names]
    ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (x509.CertificateBuilder()
            .subject_name(_name("localhost")).issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(min(now + datetime.timedelta(days=SERVER_DAYS), ca_cert.not_valid_after_utc))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         key_cert_sign=False, crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectAlternativeName(general), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return cert, key


def _key_pem(key):
    from cryptography.hazmat.primitives import serialization
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _cert_pem(cert):
    from cryptography.hazmat.primitives import serialization
    return cert.public_bytes(serialization.Encoding.PEM)


def _write(path, data, mode):
    """Write a file atomically with the given permissions (never readable by others on the way)."""
    tmp = "%s.%d.tmp" % (path, os.getpid())
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def _remove(path):
    try:
        os.remove(path)
    except OSError:
        pass


class _lock:
    """An exclusive lock on a file (fcntl where available; a no-op elsewhere)."""

    def __init__(self, path):
        self.path = path
        self.fd = None

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return self
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        os.close(self.fd)  # closing releases the lock
        self.fd = None
