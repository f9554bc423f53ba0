"""Decode rate of os-ken's OpenFlow parser, for comparison with ours.

Reads lines "NAME HEX" on stdin; for each message, decodes it with os-ken's
parser in WINDOWS windows of WINDOW_SECONDS each (argv[1] and argv[2],
default 4 and 0.5), after a warm-up, and prints one line
"NAME CPU,CPU,... WALL,WALL,... ENCODE_NOTE": each window's rate in
messages per second of CPU time used and of wall-clock time, the way
main.ts measures ours (main.ts keeps the best and the median).  os-ken is
a controller library: it does not serialise switch-to-controller messages
such as PACKET_IN (serialize() gives a bare header), so the rate is decode
only; ENCODE_NOTE says whether os-ken's serialize() reproduces the input
bytes.  Run with Debian's /usr/bin/python3 (python3-os-ken).
"""
import sys
import time

from os_ken.ofproto import ofproto_parser
from os_ken.ofproto import ofproto_protocol

BATCH = 100
WARMUP = 2000


def window_rates(dp, version, msg_type, msg_len, xid, buf, seconds):
    """Messages decoded per CPU second and per wall-clock second over one window of about 'seconds'."""
    n = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(BATCH):
            ofproto_parser.msg(dp, version, msg_type, msg_len, xid, buf)
        n += BATCH
        now = time.perf_counter()
        if now >= deadline:
            return n / (time.process_time() - cpu_start), n / (now - start)


def main():
    windows = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    for line in sys.stdin:
        if not line.strip():
            continue
        name, hexstr = line.split()
        buf = bytes.fromhex(hexstr)
        version, msg_type, msg_len, xid = ofproto_parser.header(buf)
        dp = ofproto_protocol.ProtocolDesc(version)
        for _ in range(WARMUP):
            msg = ofproto_parser.msg(dp, version, msg_type, msg_len, xid, buf)
        rates = [window_rates(dp, version, msg_type, msg_len, xid, buf, seconds) for _ in range(windows)]
        cpu = ",".join(f"{c:.0f}" for c, _ in rates)
        wall = ",".join(f"{w:.0f}" for _, w in rates)
        msg.buf = None
        try:
            msg.serialize()
            same = "encodes-same" if bytes(msg.buf) == buf else "encode-differs"
        except Exception:  # noqa: BLE001 - any failure means os-ken cannot encode it
            same = "no-encode"
        print(f"{name} {cpu} {wall} {same}", flush=True)


if __name__ == "__main__":
    main()
