#!/usr/bin/python3
"""A TCP proxy that drops the first N connections at once, then forwards.

Usage: flaky_proxy.py TARGET_PORT DROP_FIRST PORT_FILE
Writes its listening port to PORT_FILE, then the number of connections it
has accepted (line 2) after each one.
"""
import socket
import sys
import threading

target, drop, port_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def pump(src, dst):
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(16)
port = listener.getsockname()[1]
accepted = 0
with open(port_file, "w") as f:
    f.write(f"{port}\n0\n")
while True:
    client, _ = listener.accept()
    accepted += 1
    with open(port_file, "w") as f:
        f.write(f"{port}\n{accepted}\n")
    if accepted <= drop:
        client.close()  # as a server that is restarting looks
        continue
    upstream = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
