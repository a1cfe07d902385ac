"""A TCP relay between the program and the test cluster that can stop forwarding without closing anything, as
a network that silently drops does: the program's sockets stay open and nothing answers. What was sent while
held is delivered once it resumes (TCP retransmits after a short outage); `cut` ends every connection, as a
long one does in the end.

It listens on 127.0.0.1 only and forwards to the cluster on 127.0.0.1; its threads end with `close`.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading


class Relay:
    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._requests = threading.Event()  # forwarding to the server
        self._answers = threading.Event()  # forwarding to the program
        self.resume()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._start(self._accept)

    # ------------------------------------------------------------------ control

    def hold(self) -> None:
        """Stop forwarding, both ways; nothing is closed, nothing refused."""
        self._answers.clear()
        self._requests.clear()

    def resume(self) -> None:
        self._requests.set()
        self._answers.set()

    def cut(self) -> None:
        """End every connection made through the relay so far (new ones are still relayed)."""
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self) -> None:
        self._closed.set()
        self.resume()
        self.cut()
        self._listener.close()
        for t in self._threads:
            t.join(timeout=5)

    def url(self, url: str, **params: int) -> str:
        """`url` (the cluster's, on 127.0.0.1) through the relay, with libpq parameters added."""
        relayed = url.replace(f"127.0.0.1:{self.target[1]}/", f"127.0.0.1:{self.port}/")
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return relayed + ("?" + query if query else "")

    # ------------------------------------------------------------------ forwarding

    def _start(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="test-relay")
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            ready, _, _ = select.select([self._listener], [], [], 0.1)
            if not ready:
                continue
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, server]
            self._start(self._pump, client, server, self._requests)
            self._start(self._pump, server, client, self._answers)

    def _pump(self, source: socket.socket, sink: socket.socket, flowing: threading.Event) -> None:
        while not self._closed.is_set():
            try:
                ready, _, _ = select.select([source], [], [], 0.1)
                if not ready:
                    continue
                data = source.recv(65536)
            except (OSError, ValueError):  # cut or closed
                break
            if not data:
                break
            while not flowing.wait(0.1):  # held: the bytes wait here, the sender's socket stays open
                if self._closed.is_set():
                    return
            try:
                sink.sendall(data)
            except OSError:
                break
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
