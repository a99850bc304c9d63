#!/usr/bin/env python3
"""Prints the HTTP/2 frames of haproxy.cfg's gRPC health check, as hex.

One grpc.health.v1.Health/Check call with an empty request, written out so
HAProxy's tcp-check can send it, and the DATA frame a SERVING answer
carries, which the check expects. Headers are HPACK literals without
indexing or Huffman coding (RFC 7541, 6.2.2), so no state is shared.
"""


def frame(kind, flags, stream, payload):
    return (len(payload).to_bytes(3, "big") + bytes([kind, flags]) +
            stream.to_bytes(4, "big") + payload)


def literal(value, name_index=0, name=None):
    """A literal header field without indexing (4-bit name index prefix)."""
    if name is not None:
        head = bytes([0x00, len(name)]) + name.encode()
    elif name_index < 15:
        head = bytes([name_index])
    else:
        head = bytes([0x0F, name_index - 15])
    return head + bytes([len(value)]) + value.encode()


HEADERS, DATA, SETTINGS = 0x1, 0x0, 0x4
END_STREAM, END_HEADERS = 0x1, 0x4

block = (bytes([0x83, 0x87])  # :method POST, :scheme https (static table)
         + literal("/grpc.health.v1.Health/Check", name_index=4)  # :path
         + literal("localhost", name_index=1)  # :authority
         + literal("application/grpc", name_index=31)  # content-type
         + literal("trailers", name="te"))
# An empty HealthCheckRequest: not compressed, length 0.
request = b"\x00" + (0).to_bytes(4, "big")
# HealthCheckResponse{status: SERVING}: field 1, varint 1.
serving = b"\x00" + (2).to_bytes(4, "big") + b"\x08\x01"

print("tcp-check send-binary", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".hex())
print("tcp-check send-binary", frame(SETTINGS, 0, 0, b"").hex())
print("tcp-check send-binary", frame(HEADERS, END_HEADERS, 1, block).hex())
print("tcp-check send-binary", frame(DATA, END_STREAM, 1, request).hex())
print("tcp-check expect binary", frame(DATA, 0, 1, serving).hex())
