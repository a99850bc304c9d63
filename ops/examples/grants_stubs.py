"""Python stubs of the grants.v1 contract, generated from proto/ at start.

Shared by the example clients beside this file (Debian's python3-grpcio and
python3-grpc-tools; nothing is installed or checked in).
"""
import importlib
import os
import sys
import tempfile

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
