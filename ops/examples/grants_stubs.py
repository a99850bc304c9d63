"""Python stubs of the grants.v1 contract, generated from proto/ at start.

Shared by the example clients beside this file (Debian's python3-grpcio and
python3-grpc-tools; nothing is installed or checked in).
"""
import importlib
import os
import random
import sys
import tempfile
import time

import grpc

from grpc_tools import protoc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_stubs(*names):
    """Compiles proto/grants/v1/*.proto into a temp dir and imports the
    modules `names` of grants.v1 (e.g. "common_pb2", "payments_pb2_grpc")."""
    out = tempfile.mkdtemp(prefix="grants-py-")
    proto_dir = os.path.join(ROOT, "proto")
    files = sorted(
        os.path.join("grants/v1", f)
        for f in os.listdir(os.path.join(proto_dir, "grants/v1"))
        if f.endswith(".proto"))
    args = ["protoc", f"-I{proto_dir}", "-I/usr/include",
            f"--python_out={out}", f"--grpc_python_out={out}"] + files
    if protoc.main(args) != 0:
        sys.exit("protoc failed")
    sys.path.insert(0, out)
    return [importlib.import_module(f"grants.v1.{n}") for n in names]


# Reconnect quickly after grantsd restarts (gRPC's default waits 1-120 s
# between attempts to reconnect a channel).
CHANNEL_OPTIONS = [
    ("grpc.initial_reconnect_backoff_ms", 100),
    ("grpc.max_reconnect_backoff_ms", 1000),
]


class Reconnecting:
    """A channel for a long-lived client that outlives grantsd restarts.

    `call` waits for the server to be ready (wait_for_ready) within its
    timeout, and retries a call refused with UNAVAILABLE a few times with
    backoff on a fresh channel. Send the same request (and request_id) each
    time, so a retry after a lost reply gets the original result back."""

    def __init__(self, target, creds):
        self.target, self.creds = target, creds
        self.channel = grpc.secure_channel(target, creds, options=CHANNEL_OPTIONS)

    def renew(self):
        self.channel.close()
        self.channel = grpc.secure_channel(self.target, self.creds,
                                           options=CHANNEL_OPTIONS)

    def call(self, stub_class, method, request, timeout=10, attempts=5, **kwargs):
        backoff = 0.25
        for attempt in range(1, attempts + 1):
            stub = stub_class(self.channel)
            try:
                return getattr(stub, method)(request, timeout=timeout,
                                             wait_for_ready=True, **kwargs)
            except grpc.RpcError as err:
                if err.code() != grpc.StatusCode.UNAVAILABLE or attempt == attempts:
                    raise
            time.sleep(backoff * random.uniform(0.5, 1.0))
            backoff = min(backoff * 2, 2.0)
            self.renew()
