#!/usr/bin/python3
"""A finance-system client for grantsd in Python (Debian's python3-grpcio).

Authenticates with the finance machine's client certificate (mTLS), pulls the
payment instructions that are authorised and due, acknowledges each, records
its remittance, then retries the remittance to show that a retry returns the
first result. Prints one line per step.

Usage: ops/examples/finance_client.py --server 127.0.0.1:50051 \
           --ca ca.pem --cert finance.pem --key finance.key [--paid-date YYYY-MM-DD]
"""
import argparse
import uuid

import grpc

from grants_stubs import load_stubs


def read(path):
    with open(path, "rb") as f:
        return f.read()


def pull(stub, pb):
    """Every instruction, page by page (listing changes nothing)."""
    token = ""
    while True:
        page = stub.ListPaymentInstructions(
            pb.ListPaymentInstructionsRequest(page_size=50, page_token=token))
        yield from page.instructions
        token = page.next_page_token
        if not token:
            return


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="127.0.0.1:50051")
    parser.add_argument("--ca", required=True, help="CA PEM of the server")
    parser.add_argument("--cert", required=True, help="finance client certificate")
    parser.add_argument("--key", required=True, help="its private key")
    parser.add_argument("--paid-date", default="2030-01-31")
    args = parser.parse_args()

    _, pb, pb_grpc = load_stubs("common_pb2", "payments_pb2", "payments_pb2_grpc")
    creds = grpc.ssl_channel_credentials(
        root_certificates=read(args.ca), private_key=read(args.key),
        certificate_chain=read(args.cert))
    stub = pb_grpc.FinanceServiceStub(grpc.secure_channel(args.server, creds))

    for ins in list(pull(stub, pb)):
        p = ins.payment
        print(f"instruction {ins.instruction_id} {p.amount.minor_units} "
              f"{p.amount.currency_code} {p.organisation_id}")
        acked = stub.AcknowledgeInstruction(pb.AcknowledgeInstructionRequest(
            request_id=str(uuid.uuid4()), instruction_id=ins.instruction_id))
        print(f"acknowledged {pb.PaymentState.Name(acked.payment.state)}")
        remit = pb.RecordRemittanceRequest(
            request_id=str(uuid.uuid4()), instruction_id=ins.instruction_id,
            paid_amount=p.amount, paid_date=args.paid_date,
            bank_reference=f"BACS-{ins.instruction_id[:8]}")
        first = stub.RecordRemittance(remit)
        print(f"remitted {pb.PaymentState.Name(first.payment.state)} "
              f"{first.payment.bank_reference}")
        # A retry (a new key, as after a lost response) gets the same answer.
        remit.request_id = str(uuid.uuid4())
        again = stub.RecordRemittance(remit)
        same = again.SerializeToString() == first.SerializeToString()
        print(f"retry {'same' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
