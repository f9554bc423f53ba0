# Independent multipart fixtures and decoder for the codec tests, using
# os-ken (Debian's python3-os-ken; run with /usr/bin/python3).
#
#   osken-multipart.py fixtures   prints {name: hex} for requests that
#                                 os-ken serializes itself, and replies
#                                 assembled from os-ken's own structure
#                                 formats (*_PACK_STR) and serializers
#                                 (OFPMatch, instructions, actions, buckets,
#                                 meter bands), since os-ken does not
#                                 serialize reply bodies.
#   osken-multipart.py parse      reads one hex message per line on stdin
#                                 and prints, per line, os-ken's parse of it
#                                 as JSON (to_jsondict), or {"error": ...}.
import json
import struct
import sys

from os_ken.ofproto import ofproto_parser
from os_ken.ofproto import ofproto_v1_0 as o10
from os_ken.ofproto import ofproto_v1_0_parser as p10
from os_ken.ofproto import ofproto_v1_3 as o13
from os_ken.ofproto import ofproto_v1_3_parser as p13


class DP:
    def __init__(self, ofp, parser):
        self.ofproto = ofp
        self.ofproto_parser = parser


dp10 = DP(o10, p10)
dp13 = DP(o13, p13)


def ser(m, xid):
    m.set_xid(xid)
    m.serialize()
    return bytes(m.buf).hex()


def reply13(stat, flags, body, xid):
    head = struct.pack('!BBHI', 4, o13.OFPT_MULTIPART_REPLY, 16 + len(body), xid)
    return (head + struct.pack(o13.OFP_MULTIPART_REPLY_PACK_STR, stat, flags) + body).hex()


def reply10(stat, flags, body, xid):
    head = struct.pack('!BBHI', 1, o10.OFPT_STATS_REPLY, 12 + len(body), xid)
    return (head + struct.pack('!HH', stat, flags) + body).hex()


def ser_into(obj, *args):
    buf = bytearray()
    obj.serialize(buf, 0, *args)
    return bytes(buf)


def match13(**kw):
    buf = bytearray()
    p13.OFPMatch(**kw).serialize(buf, 0)
    return bytes(buf)


def match10(**kw):
    buf = bytearray()
    p10.OFPMatch(**kw).serialize(buf, 0)
    return bytes(buf)


def pad_name(s, n):
    return s.encode().ljust(n, b'\0')


def fixtures():
    f = {}
    # ---- OpenFlow 1.3 requests (os-ken serializes these) ----
    f['13_desc_req'] = ser(p13.OFPDescStatsRequest(dp13, 0), 1)
    f['13_flow_req'] = ser(p13.OFPFlowStatsRequest(
        dp13, 0, 1, 7, o13.OFPG_ANY, 0x1234, 0xffff,
        p13.OFPMatch(in_port=3, eth_type=0x0800, ipv4_dst=('10.0.0.0', '255.255.255.0'))), 2)
    f['13_flow_req_all'] = ser(p13.OFPFlowStatsRequest(
        dp13, 0, o13.OFPTT_ALL, o13.OFPP_ANY, o13.OFPG_ANY, 0, 0, p13.OFPMatch()), 3)
    f['13_aggregate_req'] = ser(p13.OFPAggregateStatsRequest(
        dp13, 0, o13.OFPTT_ALL, o13.OFPP_ANY, 5, 0, 0, p13.OFPMatch(eth_dst='aa:bb:cc:dd:ee:ff')), 4)
    f['13_table_req'] = ser(p13.OFPTableStatsRequest(dp13, 0), 5)
    f['13_port_req'] = ser(p13.OFPPortStatsRequest(dp13, 0, o13.OFPP_ANY), 6)
    f['13_port_desc_req'] = ser(p13.OFPPortDescStatsRequest(dp13, 0), 7)
    f['13_queue_req'] = ser(p13.OFPQueueStatsRequest(dp13, 0, 2, o13.OFPQ_ALL), 8)
    f['13_group_req'] = ser(p13.OFPGroupStatsRequest(dp13, 0, o13.OFPG_ALL), 9)
    f['13_group_desc_req'] = ser(p13.OFPGroupDescStatsRequest(dp13, 0), 10)
    f['13_group_features_req'] = ser(p13.OFPGroupFeaturesStatsRequest(dp13, 0), 11)
    f['13_meter_req'] = ser(p13.OFPMeterStatsRequest(dp13, 0, o13.OFPM_ALL), 12)
    f['13_meter_config_req'] = ser(p13.OFPMeterConfigStatsRequest(dp13, 0, 5), 13)
    f['13_meter_features_req'] = ser(p13.OFPMeterFeaturesStatsRequest(dp13, 0), 14)
    f['13_port_req_more'] = ser(p13.OFPPortStatsRequest(dp13, o13.OFPMPF_REQ_MORE, 1), 15)

    # ---- OpenFlow 1.0 requests ----
    f['10_desc_req'] = ser(p10.OFPDescStatsRequest(dp10, 0), 1)
    m10 = p10.OFPMatch(wildcards=o10.OFPFW_ALL & ~(o10.OFPFW_IN_PORT | o10.OFPFW_DL_TYPE), in_port=3, dl_type=0x0800)
    f['10_flow_req'] = ser(p10.OFPFlowStatsRequest(dp10, 0, m10, 1, 7), 2)
    f['10_flow_req_all'] = ser(p10.OFPFlowStatsRequest(dp10, 0, p10.OFPMatch(), 0xff, o10.OFPP_NONE), 3)
    f['10_aggregate_req'] = ser(p10.OFPAggregateStatsRequest(dp10, 0, p10.OFPMatch(), 0xff, o10.OFPP_NONE), 4)
    f['10_table_req'] = ser(p10.OFPTableStatsRequest(dp10, 0), 5)
    f['10_port_req'] = ser(p10.OFPPortStatsRequest(dp10, 0, o10.OFPP_NONE), 6)
    f['10_queue_req'] = ser(p10.OFPQueueStatsRequest(dp10, 0, 1, 0xffffffff), 8)

    # ---- OpenFlow 1.3 replies, built from os-ken's structure formats ----
    desc = struct.pack(o13.OFP_DESC_PACK_STR, b'Nicira, Inc.', b'Open vSwitch', b'3.1.0', b'None', b'br0 datapath')
    f['13_desc_reply'] = reply13(o13.OFPMP_DESC, 0, desc, 21)
    f['10_desc_reply'] = reply10(o10.OFPST_DESC, 0, desc, 21)

    inst = ser_into(p13.OFPInstructionActions(o13.OFPIT_APPLY_ACTIONS, [p13.OFPActionOutput(2, 0xffe5)]))
    mt = match13(in_port=1, eth_type=0x0800)
    mt_padded = mt + b'\0' * ((8 - len(mt) % 8) % 8)
    flow = struct.pack(o13.OFP_FLOW_STATS_0_PACK_STR, 0, 3, 10, 500000000, 100, 30, 60, 1,
                       0xabcd, 42, 4200) + mt_padded + inst
    flow = struct.pack('!H', len(flow)) + flow[2:]
    f['13_flow_reply'] = reply13(o13.OFPMP_FLOW, 0, flow, 22)

    agg = struct.pack(o13.OFP_AGGREGATE_STATS_REPLY_PACK_STR, 100, 6400, 3)
    f['13_aggregate_reply'] = reply13(o13.OFPMP_AGGREGATE, 0, agg, 23)
    f['10_aggregate_reply'] = reply10(o10.OFPST_AGGREGATE, 0, agg, 23)

    tables = b''.join(struct.pack(o13.OFP_TABLE_STATS_PACK_STR, i, 10 * i, 1000 + i, 900 + i) for i in range(3))
    f['13_table_reply'] = reply13(o13.OFPMP_TABLE, 0, tables, 24)

    ports = struct.pack(o13.OFP_PORT_STATS_PACK_STR, 1, 10, 20, 1000, 2000, 1, 2, 3, 4, 5, 6, 7, 8, 30, 40000) + \
        struct.pack(o13.OFP_PORT_STATS_PACK_STR, o13.OFPP_LOCAL, *([0xffffffffffffffff] * 12), 0xffffffff, 0xffffffff)
    f['13_port_reply'] = reply13(o13.OFPMP_PORT_STATS, 1, ports, 25)

    port1 = struct.pack(o13.OFP_PORT_PACK_STR, 1, b'\xaa\x55\xaa\x55\x00\x01', pad_name('p1', 16), 0, 4,
                        0x2840, 0x2840, 0x2840, 0, 10000000, 10000000)
    local = struct.pack(o13.OFP_PORT_PACK_STR, o13.OFPP_LOCAL, b'\xaa\x55\xaa\x55\x00\x00', pad_name('br0', 16), 1, 1,
                        0, 0, 0, 0, 0, 0)
    f['13_port_desc_reply'] = reply13(o13.OFPMP_PORT_DESC, 0, port1 + local, 26)

    queues = struct.pack(o13.OFP_QUEUE_STATS_PACK_STR, 1, 0, 5000, 50, 0, 12, 34) + \
        struct.pack(o13.OFP_QUEUE_STATS_PACK_STR, 2, 7, 6000, 60, 1, 56, 78)
    f['13_queue_reply'] = reply13(o13.OFPMP_QUEUE, 0, queues, 27)

    g = struct.pack(o13.OFP_GROUP_STATS_PACK_STR, 56, 1, 2, 300, 30000, 5, 6) + \
        struct.pack(o13.OFP_BUCKET_COUNTER_PACK_STR, 100, 10000)
    g2 = struct.pack(o13.OFP_GROUP_STATS_PACK_STR, 40, 9, 0, 0, 0, 1, 2)
    f['13_group_reply'] = reply13(o13.OFPMP_GROUP, 0, g + g2, 28)

    b1 = ser_into(p13.OFPBucket(1, o13.OFPP_ANY, o13.OFPG_ANY, [p13.OFPActionOutput(1, 0)]))
    b2 = ser_into(p13.OFPBucket(2, o13.OFPP_ANY, o13.OFPG_ANY, [p13.OFPActionOutput(2, 0)]))
    gd = struct.pack(o13.OFP_GROUP_DESC_STATS_PACK_STR, 8 + len(b1) + len(b2), o13.OFPGT_SELECT, 7) + b1 + b2
    f['13_group_desc_reply'] = reply13(o13.OFPMP_GROUP_DESC, 0, gd, 29)

    gf = struct.pack(o13.OFP_GROUP_FEATURES_PACK_STR, 0xf, 0x7, 10, 20, 30, 40, 0x1, 0x3, 0x7, 0xf)
    f['13_group_features_reply'] = reply13(o13.OFPMP_GROUP_FEATURES, 0, gf, 30)

    ms = struct.pack(o13.OFP_METER_STATS_PACK_STR, 1, 56, 2, 300, 30000, 5, 6) + \
        struct.pack(o13.OFP_METER_BAND_STATS_PACK_STR, 10, 1000)
    f['13_meter_reply'] = reply13(o13.OFPMP_METER, 0, ms, 31)

    bands = ser_into(p13.OFPMeterBandDrop(1000, 100)) + ser_into(p13.OFPMeterBandDscpRemark(2000, 200, 1))
    mc = struct.pack(o13.OFP_METER_CONFIG_PACK_STR, 8 + len(bands), o13.OFPMF_KBPS | o13.OFPMF_BURST, 5) + bands
    f['13_meter_config_reply'] = reply13(o13.OFPMP_METER_CONFIG, 0, mc, 32)

    mf = struct.pack(o13.OFP_METER_FEATURES_PACK_STR, 1000, 0x6, 0xf, 2, 8)
    f['13_meter_features_reply'] = reply13(o13.OFPMP_METER_FEATURES, 0, mf, 33)

    # ---- OpenFlow 1.0 replies ----
    acts10 = ser_into(p10.OFPActionOutput(2, 0xffe5))
    flow10 = struct.pack('!HBx', 0, 0, ) + match10(wildcards=o10.OFPFW_ALL & ~o10.OFPFW_IN_PORT, in_port=1) + \
        struct.pack('!IIHHH6xQQQ', 10, 500000000, 100, 30, 60, 0xabcd, 42, 4200) + acts10
    flow10 = struct.pack('!H', len(flow10)) + flow10[2:]
    f['10_flow_reply'] = reply10(o10.OFPST_FLOW, 0, flow10, 22)

    t10 = b''.join(struct.pack(o10.OFP_TABLE_STATS_PACK_STR, i, pad_name('table%d' % i, 32), o10.OFPFW_ALL, 1000000,
                               10 * i, 1000 + i, 900 + i) for i in range(2))
    f['10_table_reply'] = reply10(o10.OFPST_TABLE, 0, t10, 24)

    p10s = struct.pack(o10.OFP_PORT_STATS_PACK_STR, 1, 10, 20, 1000, 2000, 1, 2, 3, 4, 5, 6, 7, 8) + \
        struct.pack(o10.OFP_PORT_STATS_PACK_STR, o10.OFPP_LOCAL, *([0xffffffffffffffff] * 12))
    f['10_port_reply'] = reply10(o10.OFPST_PORT, 1, p10s, 25)

    q10 = struct.pack(o10.OFP_QUEUE_STATS_PACK_STR, 1, 0, 5000, 50, 0)
    f['10_queue_reply'] = reply10(o10.OFPST_QUEUE, 0, q10, 27)
    return f


def parse():
    out = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        buf = bytes.fromhex(line)
        version, msg_type, msg_len, xid = ofproto_parser.header(buf)
        dp = dp10 if version == 1 else dp13
        try:
            m = ofproto_parser.msg(dp, version, msg_type, msg_len, xid, buf)
            out.append(m.to_jsondict() if m is not None else {'error': 'unparsed'})
        except Exception as e:  # noqa: BLE001 -- reported to the test as data
            out.append({'error': repr(e)})
    print(json.dumps(out))


if __name__ == '__main__':
    if sys.argv[1] == 'fixtures':
        print(json.dumps(fixtures()))
    else:
        parse()
