"""Hostile peers for the end-to-end tests: a raw TLS server on 127.0.0.1 that misbehaves in
ways http.server cannot (truncated bodies, resets, oversized and endless bodies, drip-fed
answers), certificate factories for broken certificates, and small process probes.

Loopback only, by construction: every socket binds 127.0.0.1. Every blocking call has a
timeout and every loop a bound, so a test that goes wrong fails instead of hanging."""

import datetime
import ipaddress
import socket
import ssl
import struct
import subprocess
import threading
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

MiB = 1024 * 1024
LOOPBACK = "127.0.0.1"


# ---------------------------------------------------------------------------------------------
# Certificates


class PKI:
    """A CA of its own (written to ca.pem) that issues leaf certificates on request."""

    def __init__(self, directory, name="hostile test CA"):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        now = datetime.datetime.now(datetime.timezone.utc)
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        self.cert = (x509.CertificateBuilder().subject_name(self.name).issuer_name(self.name)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(now - datetime.timedelta(days=30)).not_valid_after(now + datetime.timedelta(days=30))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                                  content_commitment=False, key_encipherment=False,
                                                  data_encipherment=False, key_agreement=False,
                                                  encipher_only=False, decipher_only=False), critical=True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
                     .sign(self.key, hashes.SHA256()))
        self.ca_path = directory / "ca.pem"
        self.ca_path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, label, names=("127.0.0.1", "localhost"), valid_from_days=-1, valid_until_days=2):
        """Writes <label>.pem and <label>.key; `names` become SANs (IP addresses as IP SANs).
        Validity is relative to now, in days (negative = in the past)."""
        now = datetime.datetime.now(datetime.timezone.utc)
        key = ec.generate_private_key(ec.SECP256R1())
        sans = []
        for name in names:
            try:
                sans.append(x509.IPAddress(ipaddress.ip_address(name)))
            except ValueError:
                sans.append(x509.DNSName(name))
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
                .issuer_name(self.name).public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now + datetime.timedelta(days=valid_from_days))
                .not_valid_after(now + datetime.timedelta(days=valid_until_days))
                .add_extension(x509.SubjectAlternativeName(sans), critical=False)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
                .sign(self.key, hashes.SHA256()))
        cert_path = self.directory / f"{label}.pem"
        key_path = self.directory / f"{label}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        return cert_path, key_path


# ---------------------------------------------------------------------------------------------
# A raw TLS server


class PeerGone(Exception):
    """The client went away while the server was still sending."""


class RawTLSServer:
    """Accepts TLS on 127.0.0.1, reads each request head, and hands the connection to
    `behaviour(conn, head, server)`, which writes whatever it likes and returns True to keep
    the connection for another request. Counters record what happened."""

    HEAD_LIMIT = 64 * 1024
    IO_TIMEOUT = 10

    def __init__(self, cert_path, key_path, behaviour):
        self.behaviour = behaviour
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(str(cert_path), str(key_path))
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((LOOPBACK, 0))
        self.listener.listen(64)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.live = set()
        self.connections = 0
        self.handshakes_failed = 0
        self.heads = []
        self.bytes_sent = 0
        self.peer_disconnects = 0
        self.thread = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def base_url(self):
        return f"https://{LOOPBACK}:{self.port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopping.set()
        with self.lock:
            sockets = list(self.live)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.thread.join(timeout=5)
        self.listener.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _accept_loop(self):
        while not self.stopping.is_set():
            try:
                raw, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            raw.settimeout(self.IO_TIMEOUT)
            with self.lock:
                self.connections += 1
                self.live.add(raw)
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, raw):
        conn = None
        try:
            try:
                conn = self.context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False)
                conn.do_handshake()
            except (ssl.SSLError, OSError):
                with self.lock:
                    self.handshakes_failed += 1
                return
            for _ in range(1000):  # requests on one keep-alive connection, bounded
                if self.stopping.is_set():
                    return
                head = self._read_head(conn)
                if head is None:
                    return
                with self.lock:
                    self.heads.append(head)
                if not self.behaviour(conn, head, self):
                    return
        except PeerGone:
            with self.lock:
                self.peer_disconnects += 1
        except (ssl.SSLError, OSError):
            pass
        finally:
            with self.lock:
                self.live.discard(raw)
            try:
                (conn or raw).close()
            except OSError:
                pass

    def _read_head(self, conn):
        data = b""
        while b"\r\n\r\n" not in data:
            if len(data) > self.HEAD_LIMIT:
                return None
            try:
                chunk = conn.recv(4096)
            except (ssl.SSLError, OSError):
                return None
            if not chunk:
                return None
            data += chunk
        return data.split(b"\r\n\r\n", 1)[0]

    def send(self, conn, data):
        """Sends all of `data`; raises PeerGone when the client has gone."""
        try:
            conn.sendall(data)
        except (ssl.SSLError, OSError) as error:
            raise PeerGone() from error
        with self.lock:
            self.bytes_sent += len(data)

    def wait_for_peer_close(self, conn, timeout):
        """Reads until the client closes the connection (or `timeout`); True if it did."""
        deadline = time.monotonic() + timeout
        conn.settimeout(0.2)
        while time.monotonic() < deadline and not self.stopping.is_set():
            try:
                if not conn.recv(4096):
                    return True
            except socket.timeout:
                continue
            except (ssl.SSLError, OSError):
                return True
        return False


def head_lines(status, headers):
    lines = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Hostile'}"]
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


# Behaviours ----------------------------------------------------------------------------------


def answer(status, body, content_type="application/json"):
    """A well-formed answer (used to prove that a certificate alone makes the difference)."""

    def behaviour(conn, head, server):
        server.send(conn, head_lines(status, [("Content-Type", content_type), ("Content-Length", len(body))]) + body)
        return True

    return behaviour


def truncated(declared=1000, sent=10, ending="eof"):
    """Promises `declared` bytes, sends `sent`, then ends the connection: "close_notify" (a clean
    TLS close), "eof" (TCP FIN without close_notify) or "rst" (TCP reset)."""

    def behaviour(conn, head, server):
        server.send(conn, head_lines(200, [("Content-Type", "application/json"), ("Content-Length", declared)])
                    + b'[{"uuid":"'[:sent].ljust(sent, b"x"))
        time.sleep(0.1)
        if ending == "close_notify":
            try:
                conn.unwrap()
            except (ssl.SSLError, OSError):
                pass
        elif ending == "rst":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        return False

    return behaviour


def _json_filler(size):
    """`size` bytes of a JSON array body's middle: "xxxx…", repeated."""
    piece = b'"' + b"x" * 1020 + b'",'
    return piece * (size // len(piece))


def oversized(total=20 * MiB, framing="content-length", echo=b""):
    """A body of `total` bytes, framed by Content-Length, or by the connection's end."""

    def behaviour(conn, head, server):
        headers = [("Content-Type", "application/json")]
        if framing == "content-length":
            headers.append(("Content-Length", total))
        else:
            headers.append(("Connection", "close"))
        server.send(conn, head_lines(200, headers))
        first = b"[" + echo
        server.send(conn, first)
        sent = len(first)
        block = _json_filler(256 * 1024)
        while sent < total and not server.stopping.is_set():
            piece = block[: total - sent]
            server.send(conn, piece)
            sent += len(piece)
        return False

    return behaviour


def endless_chunked(limit=20 * MiB, hold=10):
    """Chunked encoding whose final chunk never comes: chunks up to `limit` bytes or until the
    client disconnects, then the connection is held open (up to `hold` seconds)."""

    def behaviour(conn, head, server):
        server.send(conn, head_lines(200, [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]))
        data = b"[" + _json_filler(64 * 1024)
        sent = 0
        while sent < limit and not server.stopping.is_set():
            server.send(conn, b"%x\r\n" % len(data) + data + b"\r\n")
            sent += len(data)
            data = _json_filler(64 * 1024)
        if not server.wait_for_peer_close(conn, hold):
            return False
        raise PeerGone()

    return behaviour


def drip(declared=1000, interval=0.5, limit=120):
    """Sends the head at once, then one body byte every `interval` seconds: never idle long
    enough for a read timeout, never finished within any sane deadline."""

    def behaviour(conn, head, server):
        server.send(conn, head_lines(200, [("Content-Type", "application/json"), ("Content-Length", declared)]))
        for _ in range(min(declared, limit)):
            if server.stopping.wait(interval):
                return False
            server.send(conn, b" ")
        return False

    return behaviour


# ---------------------------------------------------------------------------------------------
# Process probes


def memory_kib(pid):
    """VmRSS and VmHWM (peak) of a live process, in KiB."""
    values = {}
    with open(f"/proc/{pid}/status") as file:
        for line in file:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0])
    return values


def spawn_without_stdout_reader(binary, args, env):
    """The binary with stdout on a pipe nobody reads (so the test may close it), stderr
    collected by a thread. Returns (proc, stderr bytearray)."""
    proc = subprocess.Popen([str(binary), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    stderr = bytearray()

    def read_stderr():
        for line in proc.stderr:
            stderr.extend(line)

    threading.Thread(target=read_stderr, daemon=True).start()
    return proc, stderr
