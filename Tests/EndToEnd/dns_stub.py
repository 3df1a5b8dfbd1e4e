"""A DNS stub on 127.0.0.1:53 (UDP) for the resolver path of the sandbox tests: every A query is
answered with 127.0.0.1, every other type with an empty answer. Needs root (port 53), and is
meant to run with a resolv.conf that names 127.0.0.1 (see `private_resolver`), so no query ever
leaves the machine."""

import contextlib
import os
import pathlib
import socket
import struct
import subprocess
import tempfile
import threading

TYPE_A = 1


class DNSStub:
    def __init__(self, host="127.0.0.1", port=53):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, port))
        self.sock.settimeout(0.2)
        self.queries = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()

    def _serve(self):
        while not self._stop.is_set():
            try:
                packet, peer = self.sock.recvfrom(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            reply = self._answer(packet)
            if reply:
                self.sock.sendto(reply, peer)

    def _answer(self, packet):
        if len(packet) < 12:
            return None
        ident, flags, qdcount = struct.unpack(">HHH", packet[:6])
        if qdcount != 1:
            return None
        # The question: labels up to the zero byte, then type and class.
        end = 12
        labels = []
        while end < len(packet) and packet[end] != 0:
            length = packet[end]
            labels.append(packet[end + 1:end + 1 + length].decode("ascii", "replace"))
            end += 1 + length
        question = packet[12:end + 5]
        if len(question) < end + 5 - 12:
            return None
        qtype = struct.unpack(">H", packet[end + 1:end + 3])[0]
        self.queries.append((".".join(labels), qtype))
        answers = b""
        count = 0
        if qtype == TYPE_A:
            # A pointer to the question's name, type A, class IN, TTL 5, 4 bytes of address.
            answers = struct.pack(">HHHIH", 0xC00C, TYPE_A, 1, 5, 4) + socket.inet_aton("127.0.0.1")
            count = 1
        recursion_desired = flags & 0x0100
        header = struct.pack(">HHHHHH", ident, 0x8180 | recursion_desired, 1, count, 0, 0)
        return header + question + answers


@contextlib.contextmanager
def private_resolver(hosts_services="files dns", extra_hosts=""):
    """Files for a private mount namespace: a resolv.conf naming 127.0.0.1, a hosts file without
    `localhost` (so the name goes to DNS), an nsswitch.conf with the given `hosts:` line. Yields
    the argv prefix that runs a command with them bind-mounted over /etc."""
    with tempfile.TemporaryDirectory() as directory:
        base = pathlib.Path(directory)
        (base / "resolv.conf").write_text("nameserver 127.0.0.1\noptions timeout:2 attempts:1\n")
        (base / "hosts").write_text(extra_hosts)
        (base / "nsswitch.conf").write_text(f"hosts: {hosts_services}\n")
        mounts = " && ".join(f"mount --bind {base / name} /etc/{name}" for name in ("resolv.conf", "hosts", "nsswitch.conf"))
        yield ["unshare", "--mount", "--propagation", "private", "sh", "-c", f'{mounts} && exec "$0" "$@"']


def can_use_private_resolver():
    """Root, a free port 53 on 127.0.0.1, and unshare/mount that work here."""
    if os.geteuid() != 0:
        return "needs root (port 53 and a private mount namespace)"
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.bind(("127.0.0.1", 53))
        probe.close()
    except OSError as error:
        return f"127.0.0.1:53 is not free: {error}"
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True)
    if done.returncode != 0:
        return f"unshare --mount fails here: {done.stderr.decode()[:200]}"
    return None
