#!/usr/bin/python3
"""A generic gRPC client for grantsd in Python (Debian's python3-grpcio).

Generates the grants.v1 stubs from proto/ at start, connects over TLS with a
bearer token, lists rounds, and shows how to read the stable error reason
that every failure carries.

Usage: ops/examples/grants_client.py --server 127.0.0.1:50051 \
           --ca .run/credentials/ca.pem --token "$(grantsctl token mint ...)"
       [--repeat N --interval S]   (a long-lived client: lists N times,
                                    riding out grantsd restarts)
"""
import argparse
import time

import grpc

from grants_stubs import Reconnecting, load_stubs


def error_reason(err, common_pb2):
    """The stable reason and fields from the grpc-status-details-bin trailer."""
    for key, value in err.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = common_pb2.RichStatus.FromString(value)
            info = common_pb2.ErrorInfo()
            status.details[0].Unpack(info)
            fields = [v.field for v in info.field_violations]
            return info.reason, fields
    return err.code().name, []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="127.0.0.1:50051")
    parser.add_argument("--ca", required=True, help="CA PEM of the server")
    parser.add_argument("--token", required=True, help="bearer token")
    parser.add_argument("--repeat", type=int, default=0,
                        help="then list the rounds N more times")
    parser.add_argument("--interval", type=float, default=1.0,
                        help="seconds between those lists")
    args = parser.parse_args()

    common_pb2, programmes_pb2, programmes_grpc = load_stubs("common_pb2", "programmes_pb2", "programmes_pb2_grpc")
    with open(args.ca, "rb") as f:
        creds = grpc.ssl_channel_credentials(root_certificates=f.read())
    conn = Reconnecting(args.server, creds)
    stub = programmes_grpc.ProgrammeServiceStub(conn.channel)
    metadata = [("authorization", f"Bearer {args.token}")]

    rounds = conn.call(programmes_grpc.ProgrammeServiceStub, "ListRounds",
                       programmes_pb2.ListRoundsRequest(), metadata=metadata)
    for r in rounds.rounds:
        print(f"{r.reference}\t{programmes_pb2.RoundState.Name(r.state)}\t"
              f"closes {r.closes_london}\t{r.budget.minor_units} {r.budget.currency_code}")

    # Every error carries a stable reason and the offending fields.
    try:
        stub.GetRound(programmes_pb2.GetRoundRequest(id="not-an-id"),
                      metadata=metadata)
    except grpc.RpcError as err:
        reason, fields = error_reason(err, common_pb2)
        print(f"error {err.code().name} {reason} {','.join(fields)}")

    listed = 0
    for _ in range(args.repeat):
        time.sleep(args.interval)
        conn.call(programmes_grpc.ProgrammeServiceStub, "ListRounds",
                  programmes_pb2.ListRoundsRequest(), metadata=metadata)
        listed += 1
    if args.repeat:
        print(f"listed {listed}/{args.repeat}")


if __name__ == "__main__":
    main()
