#!/usr/bin/env python3
"""Start a local moto server with the PrivateLink-blueprint extensions.

Usage: python3 test/emulator/server.py --port 5000 [--host 127.0.0.1] [--per-account-az-ids] [--throttle RULES]

``--throttle 'route53:ChangeResourceRecordSets=2/s,ec2:*=20/s'`` (default: the
``PRIVATELINK_EMULATOR_THROTTLE`` environment variable) answers AWS's throttling
errors beyond those rates (moto_ext/throttle.py); ``/_emulator/throttle`` reads the
counts and replaces the rules at run time.

The extension module ``moto_ext`` (next to this file) is imported BEFORE the
server starts; it monkey-patches/registers the AWS operations that moto 5.2.1
lacks (see README.md).  When the server accepts connections a single line
``MOTO_EMULATOR_READY <host>:<port>`` is printed on stdout.
"""
import argparse
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import moto_ext  # noqa: E402,F401  (side effect: patches moto; one module per service)
from moto_ext.throttle import ThrottledMotoServer, parse_rules  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when the parent process dies (used by harness.ts)")
    parser.add_argument("--per-account-az-ids", action="store_true",
                        help="map AZ names to AZ ids per account in us-east-1 and eu-west-1, as AWS does "
                             "(default: moto's one mapping for every account)")
    parser.add_argument("--throttle", default=os.environ.get("PRIVATELINK_EMULATOR_THROTTLE", ""),
                        help="service:Action=N/s rules, comma-separated (e.g. route53:ChangeResourceRecordSets=2/s)")
    args = parser.parse_args()
    try:
        parse_rules(args.throttle)
    except ValueError as e:
        parser.error(str(e))
    if args.per_account_az_ids:
        moto_ext.ec2_availability_zones.set_per_account(True)

    server = ThrottledMotoServer(ip_address=args.host, port=args.port, verbose=False, throttle=args.throttle)
    server.start()
    print(f"MOTO_EMULATOR_READY {args.host}:{args.port}", flush=True)

    parent = os.getppid()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        while not stop.wait(1):
            if args.exit_with_parent and os.getppid() != parent:  # parent died (re-parented): do not leak
                break
    finally:
        server.stop()


if __name__ == "__main__":
    main()
