"""Decode+encode rate of os-ken's OpenFlow parser, for comparison with ours.

Reads lines "NAME HEX" on stdin; for each message, decodes it with os-ken's
parser repeatedly for about SECONDS seconds (argv[1], default 2) and prints
one line "NAME DECODE_RATE ENCODE_NOTE" (messages per second).  os-ken is a
controller library: it does not serialise switch-to-controller messages such
as PACKET_IN (serialize() gives a bare header), so the rate is decode only;
ENCODE_NOTE says whether os-ken's serialize() reproduces the input bytes.
Run with Debian's /usr/bin/python3 (python3-os-ken).
"""
import sys
import time

from os_ken.ofproto import ofproto_parser
from os_ken.ofproto import ofproto_protocol


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    for line in sys.stdin:
        if not line.strip():
            continue
        name, hexstr = line.split()
        buf = bytes.fromhex(hexstr)
        version, msg_type, msg_len, xid = ofproto_parser.header(buf)
        dp = ofproto_protocol.ProtocolDesc(version)
        n = 0
        start = time.perf_counter()
        deadline = start + seconds
        while True:
            for _ in range(100):
                msg = ofproto_parser.msg(dp, version, msg_type, msg_len, xid, buf)
            n += 100
            if time.perf_counter() >= deadline:
                break
        elapsed = time.perf_counter() - start
        msg.buf = None
        try:
            msg.serialize()
            same = "encodes-same" if bytes(msg.buf) == buf else "encode-differs"
        except Exception:  # noqa: BLE001 - any failure means os-ken cannot encode it
            same = "no-encode"
        print(f"{name} {n / elapsed:.0f} {same}", flush=True)


if __name__ == "__main__":
    main()
