#!/usr/bin/python3
"""Builds the golden OpenFlow corpus (osken-corpus.json) with os-ken.

The corpus is the codec's independent judge: every message here was either
serialised by os-ken (controller-to-switch messages, which os-ken can build)
or packed by this script from the OpenFlow structures and then parsed by
os-ken (switch-to-controller messages, which os-ken can only parse).  Either
way os-ken's own view of the message (to_jsondict()) is stored beside the
bytes.  Every candidate is also shown to `ovs-ofctl ofp-print`; a message
that Open vSwitch refuses or decodes with errors is left out of the corpus
(and listed under "excluded" with Open vSwitch's complaint), so every
fixture is one two independent implementations agree is well formed.

Run with Debian's interpreter, which has python3-os-ken:

    /usr/bin/python3 test/openflow/corpus/generate.py   (or: make corpus)

The output is deterministic (fixed seed, fixed xids, sorted keys): running
it again on the same os-ken and Open vSwitch gives the same file.
"""

import base64
import json
import logging
import os
import random
import re
import signal
import struct
import subprocess
import sys

import os_ken
from os_ken.lib import addrconv
from os_ken.lib.packet import arp, ethernet, icmp, icmpv6, ipv4, ipv6, mpls
from os_ken.lib.packet import packet, tcp, udp, vlan
from os_ken.ofproto import nicira_ext, nx_match, ofproto_parser, ofproto_protocol
from os_ken.ofproto import ofproto_v1_0 as of10
from os_ken.ofproto import ofproto_v1_3 as of13

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'osken-corpus.json')
SEED = 20240613
NX_VENDOR = 0x00002320
ONF_VENDOR = 0x4f4e4600
# Integers above this are stored as decimal strings: JavaScript numbers
# cannot hold them exactly.
MAX_SAFE_INTEGER = 2 ** 53 - 1

logging.disable(logging.CRITICAL)  # os-ken logs every parse failure loudly.


class ParseTimeout(Exception):
    pass


def _on_alarm(_sig, _frame):
    raise ParseTimeout()


signal.signal(signal.SIGALRM, _on_alarm)

DP = {v: ofproto_protocol.ProtocolDesc(v) for v in (1, 3, 4, 5, 6)}
P10 = DP[1].ofproto_parser
P13 = DP[4].ofproto_parser
P14 = DP[5].ofproto_parser
P15 = DP[6].ofproto_parser
rng = random.Random(SEED)


def osken_version():
    try:
        from importlib import metadata
        return metadata.version('os-ken')
    except Exception:  # pragma: no cover - depends on packaging
        return getattr(os_ken, '__version__', 'unknown')


def ofctl_version():
    out = subprocess.run(['ovs-ofctl', '--version'], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[0]


def jsonable(value):
    """os-ken's to_jsondict() output made JSON-safe and exact for JavaScript."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode('ascii')
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        return str(value) if value > MAX_SAFE_INTEGER or value < -MAX_SAFE_INTEGER else value
    if isinstance(value, str):
        return value
    if hasattr(value, 'to_jsondict'):
        return jsonable(value.to_jsondict())
    if hasattr(value, '__dict__'):
        # Plain os-ken objects (NXMatch, ...): their public attributes.
        return {type(value).__name__: jsonable({k: v for k, v in vars(value).items() if not k.startswith('_')})}
    raise TypeError('cannot store %r in the corpus' % (value,))


def ofctl_print(hexstr):
    """ovs-ofctl's rendering of one message and whether it found fault with it."""
    res = subprocess.run(['ovs-ofctl', 'ofp-print', hexstr], capture_output=True, text=True)
    text = res.stdout
    # Informational log lines ("... is deprecated in OpenFlow13") are not complaints.
    complaints = [l for l in res.stderr.splitlines() if l.strip() and '|INFO|' not in l and '|DBG|' not in l]
    # Log lines start with a timestamp and a sequence number; drop them so that the file is reproducible.
    stderr = '\n'.join(re.sub(r'^\S+\|\d+\|', '', l) for l in res.stderr.splitlines())
    bad = res.returncode != 0 or complaints != [] or '***' in text or 'decode error' in text
    return text, stderr, bad


class Corpus:
    """Collects fixtures; see the module comment for what a fixture is."""

    def __init__(self):
        self.fixtures = []
        self.excluded = []
        self.names = set()
        self.next_xid = 1

    def xid(self):
        x = self.next_xid
        self.next_xid += 1
        return x

    def add(self, name, msg):
        """Adds os-ken message 'msg', serialised by os-ken."""
        if msg.xid is None:
            msg.set_xid(self.xid())
        msg.serialize()
        buf = bytes(msg.buf)
        data = getattr(msg, 'data', None)
        if isinstance(data, (bytes, bytearray)) and data and not buf.endswith(bytes(data)):
            # os-ken 2.5's PACKET_OUT serialiser appends the frame before the
            # fixed fields exist when there are no actions, then writes those
            # fields over the frame's first 8 bytes: its bytes and its object
            # disagree, so neither can judge us.
            self.names.add(name)
            self.excluded.append({'name': name, 'hex': buf.hex(), 'osken': 'os-ken serialised the data wrongly'})
            return
        self._record(name, buf, 'osken-serialize', msg)

    def add_packed(self, name, version, msg_type, body, xid=None):
        """Adds a message packed here from its body; os-ken must parse it."""
        if xid is None:
            xid = self.xid()
        buf = struct.pack('!BBHI', version, msg_type, 8 + len(body), xid) + bytes(body)
        self._record(name, buf, 'packed', None)

    def add_vendor(self, name, version, vendor, subtype, body, xid=None):
        """Adds a vendor/experimenter message (Nicira or ONF) packed here."""
        self.add_packed(name, version, 4, struct.pack('!II', vendor, subtype) + bytes(body), xid)

    def _record(self, name, buf, source, built):
        assert name not in self.names, 'duplicate fixture name ' + name
        self.names.add(name)
        version, msg_type, msg_len, xid = ofproto_parser.header(buf)
        assert msg_len == len(buf), name
        parsed = None
        signal.alarm(5)  # some os-ken parsers loop forever on input they do not expect
        try:
            parsed = ofproto_parser.msg(DP[version], version, msg_type, msg_len, xid, buf)
        except Exception:
            parsed = None
        finally:
            signal.alarm(0)
        if parsed is None and built is None:
            self.excluded.append({'name': name, 'hex': buf.hex(), 'osken': 'os-ken cannot parse it'})
            return
        view = parsed if parsed is not None else built
        text, err, bad = ofctl_print(buf.hex())
        if bad:
            self.excluded.append({'name': name, 'hex': buf.hex(), 'ofctl': (text + err).strip()[:2000]})
            return
        self.fixtures.append({
            'name': name,
            'version': version,
            'xid': xid,
            'hex': buf.hex(),
            'source': source,
            'oskenParsed': parsed is not None,
            'osken': jsonable(view.to_jsondict()),
        })


C = Corpus()

# ---------------------------------------------------------------------------
# Values used throughout.

MAC1 = '00:11:22:33:44:55'
MAC2 = 'aa:bb:cc:dd:ee:ff'
MAC3 = '02:00:5e:10:00:01'
IP1 = '192.168.1.10'
IP2 = '10.0.0.1'
IP6A = '2001:db8::1'
IP6B = 'fe80::200:5eff:fe10:1'


def mac_bin(m):
    return addrconv.mac.text_to_bin(m)


def frame(kind, size=None):
    """A real Ethernet frame of the given kind, built with os-ken's packet library."""
    p = packet.Packet()
    if kind == 'arp':
        p.add_protocol(ethernet.ethernet(dst='ff:ff:ff:ff:ff:ff', src=MAC1, ethertype=0x0806))
        p.add_protocol(arp.arp_ip(arp.ARP_REQUEST, MAC1, IP1, '00:00:00:00:00:00', IP2))
    elif kind == 'tcp':
        p.add_protocol(ethernet.ethernet(dst=MAC2, src=MAC1, ethertype=0x0800))
        p.add_protocol(ipv4.ipv4(src=IP1, dst=IP2, proto=6, identification=0x1234))
        p.add_protocol(tcp.tcp(src_port=40000, dst_port=80, seq=1, ack=0, bits=tcp.TCP_SYN))
    elif kind == 'udp':
        p.add_protocol(ethernet.ethernet(dst=MAC2, src=MAC1, ethertype=0x8100))
        p.add_protocol(vlan.vlan(pcp=3, vid=100, ethertype=0x0800))
        p.add_protocol(ipv4.ipv4(src=IP1, dst=IP2, proto=17))
        p.add_protocol(udp.udp(src_port=5353, dst_port=53))
        p.add_protocol(b'\x00' * 12)
    elif kind == 'icmp':
        p.add_protocol(ethernet.ethernet(dst=MAC2, src=MAC1, ethertype=0x0800))
        p.add_protocol(ipv4.ipv4(src=IP1, dst=IP2, proto=1))
        p.add_protocol(icmp.icmp(type_=8, code=0, data=icmp.echo(id_=7, seq=1, data=b'ping' * 8)))
    elif kind == 'icmpv6':
        p.add_protocol(ethernet.ethernet(dst='33:33:00:00:00:01', src=MAC1, ethertype=0x86dd))
        p.add_protocol(ipv6.ipv6(src=IP6B, dst='ff02::1', nxt=58, hop_limit=255))
        p.add_protocol(icmpv6.icmpv6(type_=135, data=icmpv6.nd_neighbor(dst=IP6A, option=icmpv6.nd_option_sla(hw_src=MAC1))))
    elif kind == 'mpls':
        p.add_protocol(ethernet.ethernet(dst=MAC2, src=MAC1, ethertype=0x8847))
        p.add_protocol(mpls.mpls(label=1000, exp=2, bsb=1, ttl=64))
        p.add_protocol(ipv4.ipv4(src=IP1, dst=IP2, proto=17))
        p.add_protocol(udp.udp(src_port=1, dst_port=2))
    p.serialize()
    data = bytes(p.data)
    if size is not None:
        data = (data + bytes(rng.randrange(256) for _ in range(max(0, size - len(data)))))[:size]
    return data


FRAMES = {k: frame(k) for k in ('arp', 'tcp', 'udp', 'icmp', 'icmpv6', 'mpls')}
BIG_FRAME = frame('tcp', 1500)


def pad8(b):
    return bytes(b) + b'\x00' * ((8 - len(b) % 8) % 8)


def ser(obj, *args):
    """Serialises an os-ken match/action/instruction/bucket/band into bytes."""
    buf = bytearray()
    n = obj.serialize(buf, 0, *args)
    if n is None:
        n = len(buf)
    return bytes(buf[:n]) if n else bytes(buf)


def ser_actions(actions):
    out = b''
    for a in actions:
        buf = bytearray()
        a.serialize(buf, 0)
        out += bytes(buf[:a.len])
    return out


def ser_match13(match):
    buf = bytearray()
    length = match.serialize(buf, 0)
    return bytes(buf[:length])


def ser_match10(match):
    buf = bytearray()
    match.serialize(buf, 0)
    return bytes(buf[:40])


# ---------------------------------------------------------------------------
# HELLO, ERROR, ECHO (every version the codec speaks).

# os-ken has no OpenFlow 1.1 parser, so 1.1 is not in the corpus.
for v in (1, 3, 4, 5, 6):
    C.add_packed('of1%d/hello/plain' % (v - 1), v, 0, b'')
for v, bitmaps in ((4, [0x12]), (4, [0x7e]), (5, [0x32]), (6, [0x42]), (4, [0x10, 0x00]), (6, [0x7e, 0x01])):
    el = struct.pack('!HH', 1, 4 + 4 * len(bitmaps)) + b''.join(struct.pack('!I', b) for b in bitmaps)
    C.add_packed('of1%d/hello/bitmap_%s' % (v - 1, '_'.join('%x' % b for b in bitmaps)), v, 0, pad8(el))
# (A HELLO with an unknown element is left out: os-ken's parser loops forever on it.)

ERRORS10 = [
    ('hello_failed_incompatible', of10.OFPET_HELLO_FAILED, of10.OFPHFC_INCOMPATIBLE,
     b'We support version 0x01, you support version 0x04, no common versions.'),
    ('hello_failed_eperm', of10.OFPET_HELLO_FAILED, of10.OFPHFC_EPERM, b'permission denied'),
    ('bad_request_bad_version', of10.OFPET_BAD_REQUEST, of10.OFPBRC_BAD_VERSION, bytes.fromhex('0405000800000007')),
    ('bad_request_bad_type', of10.OFPET_BAD_REQUEST, of10.OFPBRC_BAD_TYPE, bytes.fromhex('0112000800000009')),
    ('bad_request_bad_stat', of10.OFPET_BAD_REQUEST, of10.OFPBRC_BAD_STAT, bytes.fromhex('0110000c0000000a00000000')),
    ('bad_request_bad_vendor', of10.OFPET_BAD_REQUEST, of10.OFPBRC_BAD_VENDOR, bytes.fromhex('010400140000000b000023200000000a00000001')),
    ('bad_request_bad_len', of10.OFPET_BAD_REQUEST, of10.OFPBRC_BAD_LEN, bytes.fromhex('0105000800000001')),
    ('bad_request_eperm', of10.OFPET_BAD_REQUEST, of10.OFPBRC_EPERM, b''),
    ('bad_request_buffer_unknown', of10.OFPET_BAD_REQUEST, of10.OFPBRC_BUFFER_UNKNOWN, b''),
    ('bad_action_bad_type', of10.OFPET_BAD_ACTION, of10.OFPBAC_BAD_TYPE, b''),
    ('bad_action_bad_out_port', of10.OFPET_BAD_ACTION, of10.OFPBAC_BAD_OUT_PORT, b''),
    ('bad_action_bad_queue', of10.OFPET_BAD_ACTION, of10.OFPBAC_BAD_QUEUE, b''),
    ('flow_mod_failed_all_tables_full', of10.OFPET_FLOW_MOD_FAILED, of10.OFPFMFC_ALL_TABLES_FULL, b''),
    ('flow_mod_failed_overlap', of10.OFPET_FLOW_MOD_FAILED, of10.OFPFMFC_OVERLAP, b''),
    ('flow_mod_failed_bad_command', of10.OFPET_FLOW_MOD_FAILED, of10.OFPFMFC_BAD_COMMAND, b''),
    ('port_mod_failed_bad_port', of10.OFPET_PORT_MOD_FAILED, of10.OFPPMFC_BAD_PORT, b''),
    ('port_mod_failed_bad_hw_addr', of10.OFPET_PORT_MOD_FAILED, of10.OFPPMFC_BAD_HW_ADDR, b''),
    ('queue_op_failed_bad_queue', of10.OFPET_QUEUE_OP_FAILED, of10.OFPQOFC_BAD_QUEUE, b''),
]
for name, t, c, data in ERRORS10:
    C.add('of10/error/' + name, P10.OFPErrorMsg(DP[1], type_=t, code=c, data=data))
# Nicira vendor errors in OF1.0: type NXET_VENDOR, code 0, then vendor/type/code.
for name, vt, vc in (('nx_bad_table_id', 1, 512), ('nx_bad_port', 1, 514), ('nx_nxm_invalid', 1, 256)):
    C.add('of10/error/' + name, P10.OFPErrorMsg(DP[1], type_=0xb0c2, code=0,
                                                data=struct.pack('!IHH', NX_VENDOR, vt, vc) + bytes.fromhex('010200080000000c')))

ERRORS13 = [
    ('hello_failed_incompatible', of13.OFPET_HELLO_FAILED, of13.OFPHFC_INCOMPATIBLE,
     b'We support versions 0x01, 0x04, you support version 0x06, no common versions.'),
    ('bad_request_bad_version', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_VERSION, bytes.fromhex('0105000800000003')),
    ('bad_request_bad_type', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_TYPE, bytes.fromhex('0414000800000003')),
    ('bad_request_bad_multipart', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_MULTIPART, bytes.fromhex('04120010000000030000000000000000')),
    ('bad_request_bad_experimenter', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_EXPERIMENTER, b''),
    ('bad_request_bad_exp_type', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_EXP_TYPE, b''),
    ('bad_request_bad_len', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_LEN, bytes.fromhex('0405000800000001')),
    ('bad_request_bad_table_id', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_TABLE_ID, b''),
    ('bad_request_is_slave', of13.OFPET_BAD_REQUEST, of13.OFPBRC_IS_SLAVE, bytes.fromhex('04100028000000030000000100000000020000000001000000000001000000010000000000000000')),
    ('bad_request_bad_port', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_PORT, b''),
    ('bad_request_bad_packet', of13.OFPET_BAD_REQUEST, of13.OFPBRC_BAD_PACKET, b''),
    ('bad_request_multipart_buffer_overflow', of13.OFPET_BAD_REQUEST, of13.OFPBRC_MULTIPART_BUFFER_OVERFLOW, b''),
    ('bad_action_bad_type', of13.OFPET_BAD_ACTION, of13.OFPBAC_BAD_TYPE, b''),
    ('bad_action_bad_out_group', of13.OFPET_BAD_ACTION, of13.OFPBAC_BAD_OUT_GROUP, b''),
    ('bad_action_bad_set_type', of13.OFPET_BAD_ACTION, of13.OFPBAC_BAD_SET_TYPE, b''),
    ('bad_instruction_unknown_inst', of13.OFPET_BAD_INSTRUCTION, of13.OFPBIC_UNKNOWN_INST, b''),
    ('bad_instruction_bad_table_id', of13.OFPET_BAD_INSTRUCTION, of13.OFPBIC_BAD_TABLE_ID, b''),
    ('bad_match_bad_field', of13.OFPET_BAD_MATCH, of13.OFPBMC_BAD_FIELD, b''),
    ('bad_match_bad_prereq', of13.OFPET_BAD_MATCH, of13.OFPBMC_BAD_PREREQ, b''),
    ('bad_match_dup_field', of13.OFPET_BAD_MATCH, of13.OFPBMC_DUP_FIELD, b''),
    ('flow_mod_failed_table_full', of13.OFPET_FLOW_MOD_FAILED, of13.OFPFMFC_TABLE_FULL, b''),
    ('flow_mod_failed_bad_timeout', of13.OFPET_FLOW_MOD_FAILED, of13.OFPFMFC_BAD_TIMEOUT, b''),
    ('group_mod_failed_group_exists', of13.OFPET_GROUP_MOD_FAILED, of13.OFPGMFC_GROUP_EXISTS, b''),
    ('group_mod_failed_unknown_group', of13.OFPET_GROUP_MOD_FAILED, of13.OFPGMFC_UNKNOWN_GROUP, b''),
    ('port_mod_failed_bad_config', of13.OFPET_PORT_MOD_FAILED, of13.OFPPMFC_BAD_CONFIG, b''),
    ('table_mod_failed_bad_table', of13.OFPET_TABLE_MOD_FAILED, of13.OFPTMFC_BAD_TABLE, b''),
    ('queue_op_failed_bad_port', of13.OFPET_QUEUE_OP_FAILED, of13.OFPQOFC_BAD_PORT, b''),
    ('switch_config_failed_bad_len', of13.OFPET_SWITCH_CONFIG_FAILED, of13.OFPSCFC_BAD_LEN, b''),
    ('role_request_failed_stale', of13.OFPET_ROLE_REQUEST_FAILED, of13.OFPRRFC_STALE, bytes.fromhex('0418001800000005000000020000000000000000000000ff')),
    ('role_request_failed_bad_role', of13.OFPET_ROLE_REQUEST_FAILED, of13.OFPRRFC_BAD_ROLE, b''),
    ('meter_mod_failed_unknown_meter', of13.OFPET_METER_MOD_FAILED, of13.OFPMMFC_UNKNOWN_METER, b''),
    ('meter_mod_failed_bad_band', of13.OFPET_METER_MOD_FAILED, of13.OFPMMFC_BAD_BAND, b''),
    ('table_features_failed_bad_table', of13.OFPET_TABLE_FEATURES_FAILED, of13.OFPTFFC_BAD_TABLE, b''),
]
for name, t, c, data in ERRORS13:
    C.add('of13/error/' + name, P13.OFPErrorMsg(DP[4], type_=t, code=c, data=data))
# OF1.2+ experimenter errors (OFPET_EXPERIMENTER, exp_type, experimenter id).
for name, exp_type, exp_id in (('nx_nxm_invalid', 2, NX_VENDOR), ('nx_must_be_zero', 5, NX_VENDOR),
                                ('onf_multipart_request_timeout', 2640, ONF_VENDOR)):
    C.add_packed('of13/error/experimenter_' + name, 4, 1,
                 struct.pack('!HHI', 0xffff, exp_type, exp_id) + bytes.fromhex('04120010000000070000000000000000'))
C.add('of14/error/bad_request_bad_version', P14.OFPErrorMsg(DP[5], type_=1, code=0, data=bytes.fromhex('0105000800000003')))
C.add('of15/error/bad_request_bad_type', P15.OFPErrorMsg(DP[6], type_=1, code=1, data=bytes.fromhex('0605000800000003')))

for v, P in ((1, P10), (4, P13), (5, P14), (6, P15)):
    tag = 'of1%d' % (v - 1)
    C.add(tag + '/echo_request/empty', P.OFPEchoRequest(DP[v], data=b''))
    C.add(tag + '/echo_request/payload', P.OFPEchoRequest(DP[v], data=b'hello, switch'))
    C.add(tag + '/echo_reply/empty', P.OFPEchoReply(DP[v], data=b''))
    C.add(tag + '/echo_reply/payload', P.OFPEchoReply(DP[v], data=bytes(range(64))))
C.add('of13/echo_request/large_payload', P13.OFPEchoRequest(DP[4], data=bytes(rng.randrange(256) for _ in range(3000))))

# ---------------------------------------------------------------------------
# FEATURES, CONFIG, BARRIER.


def phy_port10(port_no, hw, name, config=0, state=0, curr=0, adv=0, supp=0, peer=0):
    return struct.pack('!H6s16sIIIIII', port_no, mac_bin(hw), name.encode().ljust(16, b'\0'),
                       config, state, curr, adv, supp, peer)


def port13(port_no, hw, name, config=0, state=0, curr=0, adv=0, supp=0, peer=0, curr_speed=0, max_speed=0):
    return struct.pack('!I4x6s2x16sIIIIIIII', port_no, mac_bin(hw), name.encode().ljust(16, b'\0'),
                       config, state, curr, adv, supp, peer, curr_speed, max_speed)


def port14(port_no, hw, name, config=0, state=0, curr=0, adv=0, supp=0, peer=0, curr_speed=0, max_speed=0):
    eth = struct.pack('!HH4xIIIIII', 0, 32, curr, adv, supp, peer, curr_speed, max_speed)
    return struct.pack('!IH2x6s2x16sII', port_no, 40 + len(eth), mac_bin(hw), name.encode().ljust(16, b'\0'),
                       config, state) + eth


PORTS10 = [
    phy_port10(1, '02:00:00:00:00:01', 'eth1', 0, 0, 0x2a0, 0x2bf, 0x2bf, 0),
    phy_port10(2, '02:00:00:00:00:02', 'eth2', of10.OFPPC_NO_FLOOD | of10.OFPPC_PORT_DOWN, of10.OFPPS_LINK_DOWN, 0x82, 0, 0x82, 0),
    phy_port10(0xfffe, '02:00:00:00:00:00', 'br0', of10.OFPPC_PORT_DOWN, of10.OFPPS_LINK_DOWN),
    phy_port10(65, '02:00:00:00:00:41', 'vif65.0', 0, of10.OFPPS_STP_FORWARD, 0x20, 0x20, 0x20, 0x20),
]
C.add('of10/features_request', P10.OFPFeaturesRequest(DP[1]))
C.add('of13/features_request', P13.OFPFeaturesRequest(DP[4]))
C.add('of14/features_request', P14.OFPFeaturesRequest(DP[5]))
for n, ports in ((0, []), (1, PORTS10[:1]), (4, PORTS10)):
    C.add_packed('of10/features_reply/%d_ports' % n, 1, 6,
                 struct.pack('!QIB3xII', 0x0000123456789abc, 256, 254, 0xc7, 0xfff) + b''.join(ports))
C.add_packed('of10/features_reply/odd_values', 1, 6,
             struct.pack('!QIB3xII', 0xfedcba9876543210, 0, 1, 0x87, 0x1) + PORTS10[2])
for dpid, nbuf, ntab, aux, caps in ((0x1, 256, 254, 0, 0x4f), (0xfedcba9876543210, 0, 1, 1, 0x147), (0x00000a0b0c0d0e0f, 0xffffffff, 255, 2, 0x7)):
    C.add_packed('of13/features_reply/dpid_%x_aux_%d' % (dpid, aux), 4, 6, struct.pack('!QIBB2xII', dpid, nbuf, ntab, aux, caps, 0))
C.add_packed('of14/features_reply', 5, 6, struct.pack('!QIBB2xII', 0x42, 256, 254, 0, 0x14f, 0))
C.add_packed('of12/features_reply/with_port', 3, 6,
             struct.pack('!QIB3xII', 0x99, 256, 254, 0xcf, 0) + port13(1, '02:00:00:00:00:01', 'p1', 0, 4, 0x2820, 0x2820, 0x2820, 0, 10000000, 10000000))

for v, P, tag in ((1, P10, 'of10'), (4, P13, 'of13'), (5, P14, 'of14')):
    C.add(tag + '/get_config_request', P.OFPGetConfigRequest(DP[v]))
    for flags, msl in ((0, 128), (1, 0xffff), (2, 0), (3, 1500)) if v == 1 else ((0, 128), (1, 0xffe5), (2, 0xffff)):
        C.add('%s/set_config/flags_%d_miss_%d' % (tag, flags, msl), P.OFPSetConfig(DP[v], flags, msl))
        C.add_packed('%s/get_config_reply/flags_%d_miss_%d' % (tag, flags, msl), v, 8, struct.pack('!HH', flags, msl))
    C.add(tag + '/barrier_request', P.OFPBarrierRequest(DP[v]))
    C.add_packed(tag + '/barrier_reply', v, 19 if v == 1 else 21, b'')
C.add('of10/set_config/invalid_ttl_to_controller', P10.OFPSetConfig(DP[1], 4, 128))

# ---------------------------------------------------------------------------
# PORT_STATUS, PORT_MOD.

for reason, rname in ((0, 'add'), (1, 'delete'), (2, 'modify')):
    for i, p in enumerate(PORTS10):
        C.add_packed('of10/port_status/%s_%d' % (rname, i), 1, 12, struct.pack('!B7x', reason) + p)
PORTS13 = [
    port13(1, '02:00:00:00:00:01', 'eth1', 0, of13.OFPPS_LIVE, 0x2820, 0x2820, 0x2820, 0, 10000000, 10000000),
    port13(2, '02:00:00:00:00:02', 'eth2', of13.OFPPC_PORT_DOWN, of13.OFPPS_LINK_DOWN, 0, 0, 0x2fff, 0, 0, 0),
    port13(0xfffffffe, '02:00:00:00:00:00', 'br0', 0, 0, 0, 0, 0, 0, 0, 0),
    port13(0xfeff, '02:00:00:00:01:00', 'tap0123456789ab', of13.OFPPC_NO_FWD | of13.OFPPC_NO_PACKET_IN, of13.OFPPS_BLOCKED,
           0x840, 0x840, 0x840, 0x840, 1000000, 1000000),
]
for reason, rname in ((0, 'add'), (1, 'delete'), (2, 'modify')):
    for i, p in enumerate(PORTS13):
        C.add_packed('of13/port_status/%s_%d' % (rname, i), 4, 12, struct.pack('!B7x', reason) + p)
C.add_packed('of14/port_status/modify', 5, 12,
             struct.pack('!B7x', 2) + port14(3, '02:00:00:00:00:03', 'eth3', 0, 4, 0x2820, 0x2820, 0x2820, 0, 10000000, 10000000))
C.add_packed('of14/port_status/add', 5, 12,
             struct.pack('!B7x', 0) + port14(7, '02:00:00:00:00:07', 'eth7'))

for i, (port, hw, config, mask, adv) in enumerate((
        (1, '02:00:00:00:00:01', of10.OFPPC_PORT_DOWN, of10.OFPPC_PORT_DOWN, 0),
        (2, '02:00:00:00:00:02', 0, of10.OFPPC_NO_FLOOD, 0x20f),
        (0xfffe, '02:00:00:00:00:00', of10.OFPPC_NO_STP | of10.OFPPC_NO_RECV, 0x7f, 0),
        (3, '02:00:00:00:00:03', 0, 0, 0))):
    C.add('of10/port_mod/%d' % i, P10.OFPPortMod(DP[1], port_no=port, hw_addr=hw, config=config, mask=mask, advertise=adv))
for i, (port, hw, config, mask, adv) in enumerate((
        (1, '02:00:00:00:00:01', of13.OFPPC_PORT_DOWN, of13.OFPPC_PORT_DOWN, 0),
        (2, '02:00:00:00:00:02', 0, of13.OFPPC_NO_PACKET_IN, 0x2820),
        (0xfffffffe, '02:00:00:00:00:00', of13.OFPPC_NO_RECV | of13.OFPPC_NO_FWD, 0x65, 0),
        (0xfeff, '02:00:00:00:fe:ff', 0, 0, 0))):
    C.add('of13/port_mod/%d' % i, P13.OFPPortMod(DP[4], port_no=port, hw_addr=hw, config=config, mask=mask, advertise=adv))

# ---------------------------------------------------------------------------
# OpenFlow 1.0 matches and actions.

MATCHES10 = [
    ('all_wildcards', {}),
    ('in_port', dict(in_port=1)),
    ('in_port_local', dict(in_port=0xfffe)),
    ('dl_src', dict(dl_src=MAC1)),
    ('dl_dst', dict(dl_dst=MAC2)),
    ('dl_vlan', dict(dl_vlan=100)),
    ('dl_vlan_none', dict(dl_vlan=0xffff)),
    ('dl_vlan_pcp', dict(dl_vlan=5, dl_vlan_pcp=3)),
    ('dl_type_arp', dict(dl_type=0x0806)),
    ('arp_op', dict(dl_type=0x0806, nw_proto=1)),
    ('arp_spa_tpa', dict(dl_type=0x0806, nw_src=IP1, nw_dst=IP2)),
    ('nw_tos', dict(dl_type=0x0800, nw_tos=0x28)),
    ('nw_proto', dict(dl_type=0x0800, nw_proto=17)),
    ('nw_src', dict(dl_type=0x0800, nw_src=IP1)),
    ('nw_dst', dict(dl_type=0x0800, nw_dst=IP2)),
    ('nw_src_8', dict(dl_type=0x0800, nw_src='10.0.0.0', nw_src_mask=8)),
    ('nw_src_16', dict(dl_type=0x0800, nw_src='172.16.0.0', nw_src_mask=16)),
    ('nw_src_24', dict(dl_type=0x0800, nw_src='192.168.1.0', nw_src_mask=24)),
    ('nw_src_31', dict(dl_type=0x0800, nw_src='192.168.1.10', nw_src_mask=31)),
    ('nw_dst_1', dict(dl_type=0x0800, nw_dst='128.0.0.0', nw_dst_mask=1)),
    ('nw_dst_20', dict(dl_type=0x0800, nw_dst='10.1.16.0', nw_dst_mask=20)),
    ('nw_src_dst_masked', dict(dl_type=0x0800, nw_src='10.0.0.0', nw_src_mask=8, nw_dst='10.1.0.0', nw_dst_mask=16)),
    ('tcp_src', dict(dl_type=0x0800, nw_proto=6, tp_src=22)),
    ('tcp_dst', dict(dl_type=0x0800, nw_proto=6, tp_dst=443)),
    ('udp_src_dst', dict(dl_type=0x0800, nw_proto=17, tp_src=68, tp_dst=67)),
    ('icmp_type_code', dict(dl_type=0x0800, nw_proto=1, tp_src=8, tp_dst=0)),
    ('every_field', dict(in_port=3, dl_src=MAC1, dl_dst=MAC2, dl_vlan=10, dl_vlan_pcp=7, dl_type=0x0800,
                         nw_tos=0xfc, nw_proto=6, nw_src=IP1, nw_dst=IP2, tp_src=1234, tp_dst=80)),
    ('every_field_masked', dict(in_port=3, dl_src=MAC1, dl_dst=MAC2, dl_vlan=10, dl_vlan_pcp=7, dl_type=0x0800,
                                nw_tos=0x04, nw_proto=17, nw_src='10.0.0.0', nw_src_mask=8,
                                nw_dst='10.10.0.0', nw_dst_mask=16, tp_src=1, tp_dst=2)),
]


def match10(**kw):
    return P10.OFPMatch(**kw)


ACTIONS10 = [
    ('output', lambda: [P10.OFPActionOutput(2)]),
    ('output_max_len', lambda: [P10.OFPActionOutput(3, max_len=0)]),
    ('output_controller', lambda: [P10.OFPActionOutput(of10.OFPP_CONTROLLER, max_len=128)]),
    ('output_controller_max', lambda: [P10.OFPActionOutput(of10.OFPP_CONTROLLER, max_len=0xffff)]),
    ('output_in_port', lambda: [P10.OFPActionOutput(of10.OFPP_IN_PORT)]),
    ('output_flood_all_local', lambda: [P10.OFPActionOutput(of10.OFPP_FLOOD), P10.OFPActionOutput(of10.OFPP_ALL),
                                        P10.OFPActionOutput(of10.OFPP_LOCAL)]),
    ('output_normal', lambda: [P10.OFPActionOutput(of10.OFPP_NORMAL)]),
    ('output_table', lambda: [P10.OFPActionOutput(of10.OFPP_TABLE)]),
    ('set_vlan_vid', lambda: [P10.OFPActionVlanVid(42), P10.OFPActionOutput(1)]),
    ('set_vlan_pcp', lambda: [P10.OFPActionVlanPcp(5), P10.OFPActionOutput(1)]),
    ('strip_vlan', lambda: [P10.OFPActionStripVlan(), P10.OFPActionOutput(1)]),
    ('set_dl_src_dst', lambda: [P10.OFPActionSetDlSrc(mac_bin(MAC3)), P10.OFPActionSetDlDst(mac_bin(MAC2)), P10.OFPActionOutput(1)]),
    ('set_nw_src_dst', lambda: [P10.OFPActionSetNwSrc('1.2.3.4'), P10.OFPActionSetNwDst('5.6.7.8'), P10.OFPActionOutput(1)]),
    ('set_nw_tos', lambda: [P10.OFPActionSetNwTos(0x28), P10.OFPActionOutput(1)]),
    ('set_tp_src_dst', lambda: [P10.OFPActionSetTpSrc(1111), P10.OFPActionSetTpDst(2222), P10.OFPActionOutput(1)]),
    ('enqueue', lambda: [P10.OFPActionEnqueue(2, 7)]),
    ('enqueue_in_port', lambda: [P10.OFPActionEnqueue(of10.OFPP_IN_PORT, 0)]),
    ('drop', lambda: []),
    ('many', lambda: [P10.OFPActionVlanVid(9), P10.OFPActionVlanPcp(1), P10.OFPActionSetDlSrc(mac_bin(MAC1)),
                      P10.OFPActionSetNwTos(0x10), P10.OFPActionSetTpDst(8080), P10.OFPActionOutput(1),
                      P10.OFPActionOutput(2), P10.OFPActionEnqueue(3, 1), P10.OFPActionOutput(of10.OFPP_CONTROLLER, 64)]),
]


def nx_actions(P):
    """Nicira extension actions os-ken can build (same classes in every version)."""
    in_port = 'in_port_nxm' if P is P10 else 'in_port'  # os-ken's field names differ by version
    return [
        ('nx_resubmit', lambda: [P.NXActionResubmit(in_port=5)]),
        ('nx_resubmit_table', lambda: [P.NXActionResubmitTable(in_port=0xfff8, table_id=3)]),
        ('nx_reg_load', lambda: [P.NXActionRegLoad(ofs_nbits=nicira_ext.ofs_nbits(0, 31), dst='reg0', value=0xcafe)]),
        ('nx_reg_move', lambda: [P.NXActionRegMove(src_field='reg1', dst_field='reg2', n_bits=16, src_ofs=0, dst_ofs=8)]),
        ('nx_set_tunnel', lambda: [P.NXActionSetTunnel(tun_id=0x1234)]),
        ('nx_set_tunnel64', lambda: [P.NXActionSetTunnel64(tun_id=0x123456789abcdef0)]),
        ('nx_note', lambda: [P.NXActionNote(note=[0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77])]),
        ('nx_exit', lambda: [P.NXActionExit()]),
        ('nx_controller', lambda: [P.NXActionController(max_len=1024, controller_id=3, reason=1)]),
        ('nx_output_reg', lambda: [P.NXActionOutputReg(ofs_nbits=nicira_ext.ofs_nbits(0, 15), src='reg3', max_len=128)]),
        ('nx_fin_timeout', lambda: [P.NXActionFinTimeout(fin_idle_timeout=10, fin_hard_timeout=30)]),
        ('nx_multipath', lambda: [P.NXActionMultipath(fields=nicira_ext.NX_HASH_FIELDS_SYMMETRIC_L4, basis=50, algorithm=nicira_ext.NX_MP_ALG_HRW,
                                                      max_link=7, arg=0, ofs_nbits=nicira_ext.ofs_nbits(0, 31), dst='reg4')]),
        ('nx_bundle', lambda: [P.NXActionBundle(algorithm=nicira_ext.NX_BD_ALG_HRW, fields=nicira_ext.NX_HASH_FIELDS_ETH_SRC, basis=0,
                                                slave_type=nicira_ext.NXM_OF_IN_PORT, n_slaves=2, ofs_nbits=0, dst=0, slaves=[1, 2])]),
        ('nx_conjunction', lambda: [P.NXActionConjunction(clause=1, n_clauses=2, id_=10)]),
        ('nx_ct', lambda: [P.NXActionCT(flags=nicira_ext.NX_CT_F_COMMIT, zone_src='', zone_ofs_nbits=5, recirc_table=4, alg=0, actions=[])]),
        ('nx_ct_clear', lambda: [P.NXActionCTClear()]),
        ('nx_sample', lambda: [P.NXActionSample(probability=0xffff, collector_set_id=1, obs_domain_id=2, obs_point_id=3)]),
        ('nx_stack_push_pop', lambda: [P.NXActionStackPush(field='reg2', start=0, end=32), P.NXActionStackPop(field='reg3', start=0, end=32)]),
        ('nx_dec_ttl_cnt_ids', lambda: [P.NXActionDecTtlCntIds(cnt_ids=[1, 2, 3])]),
        ('nx_output_trunc', lambda: [P.NXActionOutputTrunc(port=1, max_len=100)]),
    ] + ([
        # Open vSwitch knows these Nicira encodings in OpenFlow 1.0 only.
        ('nx_dec_ttl', lambda: [P.NXActionDecTtl()]),
        ('nx_set_queue_pop_queue', lambda: [P.NXActionSetQueue(queue_id=4), P.NXActionPopQueue()]),
    ] if P is P10 else []) + [
        ('nx_learn', lambda: [P.NXActionLearn(table_id=1, specs=[
            P.NXFlowSpecMatch(src=(in_port, 0), dst=(in_port, 0), n_bits=16),
            P.NXFlowSpecOutput(src=(in_port, 0), dst='', n_bits=16)], idle_timeout=10, priority=100, cookie=0x5)]),
    ]


def flow_mod10(name, match, actions, **kw):
    C.add('of10/flow_mod/' + name, P10.OFPFlowMod(DP[1], match=match, actions=actions, **kw))


for mname, m in MATCHES10:
    flow_mod10('match_' + mname, match10(**m), [P10.OFPActionOutput(1)], priority=0x8000, cookie=0x10 + len(C.fixtures))
for aname, acts in ACTIONS10:
    flow_mod10('actions_' + aname, match10(in_port=1, dl_type=0x0800, nw_proto=6), acts(), priority=100)
for aname, acts in nx_actions(P10):
    flow_mod10('actions_' + aname, match10(in_port=1, dl_type=0x0800, nw_proto=6), acts(), priority=200)
for cname, cmd in (('add', of10.OFPFC_ADD), ('modify', of10.OFPFC_MODIFY), ('modify_strict', of10.OFPFC_MODIFY_STRICT),
                   ('delete', of10.OFPFC_DELETE), ('delete_strict', of10.OFPFC_DELETE_STRICT)):
    flow_mod10('command_' + cname, match10(in_port=2, dl_dst=MAC2), [] if cname.startswith('delete') else [P10.OFPActionOutput(3)],
               command=cmd, cookie=0xfedcba9876543210, idle_timeout=60, hard_timeout=300, priority=0xffff,
               buffer_id=0xffffffff, out_port=of10.OFPP_NONE if not cname.startswith('delete') else 3,
               flags=of10.OFPFF_SEND_FLOW_REM | of10.OFPFF_CHECK_OVERLAP)
flow_mod10('buffer_id', match10(in_port=1), [P10.OFPActionOutput(2)], buffer_id=0x1234)

# PACKET_OUT 1.0.
for aname, acts in ACTIONS10 + nx_actions(P10):
    if aname in ('nx_learn', 'nx_ct'):
        continue
    C.add('of10/packet_out/' + aname, P10.OFPPacketOut(DP[1], buffer_id=0xffffffff, in_port=of10.OFPP_NONE,
                                                       actions=acts(), data=FRAMES['tcp']))
for fname, data in sorted(FRAMES.items()):
    C.add('of10/packet_out/frame_' + fname, P10.OFPPacketOut(DP[1], buffer_id=0xffffffff, in_port=1,
                                                             actions=[P10.OFPActionOutput(of10.OFPP_FLOOD)], data=data))
C.add('of10/packet_out/buffered', P10.OFPPacketOut(DP[1], buffer_id=0x100, in_port=of10.OFPP_LOCAL,
                                                   actions=[P10.OFPActionOutput(of10.OFPP_TABLE)], data=None))
C.add('of10/packet_out/in_port_controller', P10.OFPPacketOut(DP[1], buffer_id=0xffffffff, in_port=of10.OFPP_CONTROLLER,
                                                             actions=[P10.OFPActionOutput(of10.OFPP_TABLE)], data=BIG_FRAME))

# PACKET_IN 1.0 (switch to controller: packed, parsed by os-ken).
for i, (bid, reason, port, data, total) in enumerate((
        (0xffffffff, of10.OFPR_NO_MATCH, 1, FRAMES['tcp'], None),
        (0x100, of10.OFPR_ACTION, 2, FRAMES['arp'][:40], len(FRAMES['arp'])),
        (0xffffffff, of10.OFPR_ACTION, 0xfffe, FRAMES['icmp'], None),
        (7, of10.OFPR_NO_MATCH, 3, BIG_FRAME[:128], len(BIG_FRAME)),
        (0xffffffff, of10.OFPR_NO_MATCH, 65, FRAMES['udp'], None),
        (0xffffffff, of10.OFPR_ACTION, 4, b'', 0),
        (0xffffffff, of10.OFPR_NO_MATCH, 5, BIG_FRAME, None))):
    C.add_packed('of10/packet_in/%d' % i, 1, 10, struct.pack('!IHHBx', bid, total if total is not None else len(data), port, reason) + data)

# FLOW_REMOVED 1.0.
for i, (mname, reason, prio, cookie) in enumerate((('in_port', 0, 0x8000, 1), ('every_field', 1, 100, 0xffffffffffffffff),
                                                    ('nw_src_24', 2, 0, 0x123456789))):
    m = ser_match10(match10(**dict(MATCHES10)[mname]))
    C.add_packed('of10/flow_removed/%s' % mname, 1, 11,
                 m + struct.pack('!QHBxIIH2xQQ', cookie, prio, reason, 3600 + i, 500000000, 60 * i, 1000 + i, 64000 + i))

# ---------------------------------------------------------------------------
# OpenFlow 1.3 matches (OXM), actions and instructions.

IP4 = dict(eth_type=0x0800)
IP6 = dict(eth_type=0x86dd)
TCP4 = dict(eth_type=0x0800, ip_proto=6)
UDP4 = dict(eth_type=0x0800, ip_proto=17)
SCTP4 = dict(eth_type=0x0800, ip_proto=132)
ICMP4 = dict(eth_type=0x0800, ip_proto=1)
ICMP6 = dict(eth_type=0x86dd, ip_proto=58)
ARP = dict(eth_type=0x0806)
MPLS = dict(eth_type=0x8847)

OXM = [
    ('in_port', {}, dict(in_port=1)),
    ('in_port_local', {}, dict(in_port=0xfffffffe)),
    ('metadata', {}, dict(metadata=0x0123456789abcdef)),
    ('metadata_masked', {}, dict(metadata=(0x1200000000000034, 0xff000000000000ff))),
    ('eth_dst', {}, dict(eth_dst=MAC2)),
    ('eth_dst_masked', {}, dict(eth_dst=('01:00:00:00:00:00', '01:00:00:00:00:00'))),
    ('eth_src', {}, dict(eth_src=MAC1)),
    ('eth_src_masked', {}, dict(eth_src=(MAC1, 'ff:ff:ff:00:00:00'))),
    ('eth_type', {}, dict(eth_type=0x88cc)),
    ('vlan_vid', {}, dict(vlan_vid=0x1000 | 100)),
    ('vlan_vid_none', {}, dict(vlan_vid=0x0000)),
    ('vlan_vid_present', {}, dict(vlan_vid=(0x1000, 0x1000))),
    ('vlan_vid_masked', {}, dict(vlan_vid=(0x1000 | 0x10, 0x1ff0))),
    ('vlan_pcp', {}, dict(vlan_vid=0x1000 | 5, vlan_pcp=6)),
    ('ip_dscp', IP4, dict(ip_dscp=46)),
    ('ip_ecn', IP4, dict(ip_ecn=3)),
    ('ip_proto', IP4, dict(ip_proto=47)),
    ('ipv4_src', IP4, dict(ipv4_src=IP1)),
    ('ipv4_src_masked', IP4, dict(ipv4_src=('10.0.0.0', '255.0.0.0'))),
    ('ipv4_dst', IP4, dict(ipv4_dst=IP2)),
    ('ipv4_dst_masked', IP4, dict(ipv4_dst=('192.168.0.0', '255.255.0.0'))),
    ('ipv4_dst_noncontiguous', IP4, dict(ipv4_dst=('10.0.0.1', '255.0.255.0'))),
    ('tcp_src', TCP4, dict(tcp_src=22)),
    ('tcp_dst', TCP4, dict(tcp_dst=443)),
    ('udp_src', UDP4, dict(udp_src=68)),
    ('udp_dst', UDP4, dict(udp_dst=4789)),
    ('sctp_src', SCTP4, dict(sctp_src=2905)),
    ('sctp_dst', SCTP4, dict(sctp_dst=3868)),
    ('icmpv4_type', ICMP4, dict(icmpv4_type=8)),
    ('icmpv4_code', ICMP4, dict(icmpv4_type=3, icmpv4_code=1)),
    ('arp_op', ARP, dict(arp_op=2)),
    ('arp_spa', ARP, dict(arp_spa=IP1)),
    ('arp_spa_masked', ARP, dict(arp_spa=('192.168.0.0', '255.255.255.0'))),
    ('arp_tpa', ARP, dict(arp_tpa=IP2)),
    ('arp_tpa_masked', ARP, dict(arp_tpa=('10.0.0.0', '255.255.0.0'))),
    ('arp_sha', ARP, dict(arp_sha=MAC1)),
    ('arp_sha_masked', ARP, dict(arp_sha=(MAC1, 'ff:ff:ff:ff:00:00'))),
    ('arp_tha', ARP, dict(arp_tha=MAC2)),
    ('arp_tha_masked', ARP, dict(arp_tha=(MAC2, 'ff:ff:ff:ff:ff:00'))),
    ('ipv6_src', IP6, dict(ipv6_src=IP6A)),
    ('ipv6_src_masked', IP6, dict(ipv6_src=('2001:db8::', 'ffff:ffff::'))),
    ('ipv6_dst', IP6, dict(ipv6_dst=IP6B)),
    ('ipv6_dst_masked', IP6, dict(ipv6_dst=('fe80::', 'ffff:ffff:ffff:ffff::'))),
    ('ipv6_flabel', IP6, dict(ipv6_flabel=0x12345)),
    ('ipv6_flabel_masked', IP6, dict(ipv6_flabel=(0x10000, 0xf0000))),
    ('ipv6_dscp_ecn', IP6, dict(ip_dscp=10, ip_ecn=1)),
    ('icmpv6_type', ICMP6, dict(icmpv6_type=128)),
    ('icmpv6_code', ICMP6, dict(icmpv6_type=1, icmpv6_code=4)),
    ('ipv6_nd_target', ICMP6, dict(icmpv6_type=135, ipv6_nd_target=IP6A)),
    ('ipv6_nd_sll', ICMP6, dict(icmpv6_type=135, ipv6_nd_sll=MAC1)),
    ('ipv6_nd_tll', ICMP6, dict(icmpv6_type=136, ipv6_nd_tll=MAC2)),
    ('tcp6_dst', dict(eth_type=0x86dd, ip_proto=6), dict(tcp_dst=179)),
    ('mpls_label', MPLS, dict(mpls_label=1000)),
    ('mpls_tc', MPLS, dict(mpls_tc=5)),
    ('mpls_bos', MPLS, dict(mpls_bos=1)),
    ('mpls_all', dict(eth_type=0x8848), dict(mpls_label=0xfffff, mpls_tc=7, mpls_bos=0)),
    ('tunnel_id', {}, dict(tunnel_id=0x1234)),
    ('tunnel_id_masked', {}, dict(tunnel_id=(0xabcd000000000000, 0xffff000000000000))),
    ('nx_reg0', {}, dict(reg0=0x12345678)),
    ('nx_reg7_masked', {}, dict(reg7=(0x10, 0xf0))),
    ('nx_tun_ipv4_src', {}, dict(tun_ipv4_src=IP1)),
    ('nx_tun_ipv4_dst_masked', {}, dict(tun_ipv4_dst=('10.0.0.0', '255.0.0.0'))),
    ('nx_pkt_mark', {}, dict(pkt_mark=0xbeef)),
    ('nx_ct_state', {}, dict(ct_state=(0x21, 0x21))),
    ('nx_ct_zone', {}, dict(ct_zone=7)),
    ('nx_ct_mark', {}, dict(ct_mark=(0x1, 0xff))),
    ('nx_conj_id', {}, dict(conj_id=10)),
    ('five_tuple_v4', {}, dict(in_port=7, eth_type=0x0800, ip_proto=6, ipv4_src=IP1, ipv4_dst=IP2, tcp_src=1234, tcp_dst=80)),
    ('five_tuple_v6', {}, dict(in_port=7, eth_type=0x86dd, ip_proto=17, ipv6_src=IP6A, ipv6_dst=IP6B, udp_src=546, udp_dst=547)),
    ('l2_everything', {}, dict(in_port=2, eth_dst=MAC2, eth_src=MAC1, eth_type=0x0800, vlan_vid=0x1000 | 7, vlan_pcp=3,
                               metadata=(0x5, 0xf), tunnel_id=0x99)),
]


def match13(P, extra, fields):
    kw = dict(extra)
    kw.update(fields)
    return P.OFPMatch(**kw)


SET_FIELDS = [
    ('eth_dst', {}, dict(eth_dst=MAC2)),
    ('eth_src', {}, dict(eth_src=MAC3)),
    ('vlan_vid', dict(vlan_vid=(0x1000, 0x1000)), dict(vlan_vid=0x1000 | 200)),
    ('vlan_pcp', dict(vlan_vid=(0x1000, 0x1000)), dict(vlan_pcp=4)),
    ('ip_dscp', IP4, dict(ip_dscp=18)),
    ('ip_ecn', IP4, dict(ip_ecn=2)),
    ('ipv4_src', IP4, dict(ipv4_src='1.1.1.1')),
    ('ipv4_dst', IP4, dict(ipv4_dst='8.8.8.8')),
    ('tcp_src', TCP4, dict(tcp_src=8080)),
    ('tcp_dst', TCP4, dict(tcp_dst=8443)),
    ('udp_src', UDP4, dict(udp_src=5000)),
    ('udp_dst', UDP4, dict(udp_dst=5001)),
    ('sctp_dst', SCTP4, dict(sctp_dst=9)),
    ('icmpv4_type', ICMP4, dict(icmpv4_type=0)),
    ('arp_op', ARP, dict(arp_op=2)),
    ('arp_spa', ARP, dict(arp_spa='10.1.1.1')),
    ('arp_tha', ARP, dict(arp_tha=MAC1)),
    ('ipv6_src', IP6, dict(ipv6_src='2001:db8::99')),
    ('ipv6_dst', IP6, dict(ipv6_dst='2001:db8::98')),
    ('ipv6_flabel', IP6, dict(ipv6_flabel=0xbeef)),
    ('ipv6_nd_target', dict(eth_type=0x86dd, ip_proto=58, icmpv6_type=135), dict(ipv6_nd_target=IP6A)),
    ('mpls_label', MPLS, dict(mpls_label=77)),
    ('mpls_tc', MPLS, dict(mpls_tc=3)),
    ('tunnel_id', {}, dict(tunnel_id=0xfeed)),
    ('metadata', {}, dict(metadata=0x42)),
    ('nx_reg5', {}, dict(reg5=0x5555)),
    ('nx_tun_ipv4_dst', {}, dict(tun_ipv4_dst='172.16.0.9')),
    ('nx_pkt_mark', {}, dict(pkt_mark=0x77)),
]

ACTIONS13 = [
    ('output', [], lambda P, o: [P.OFPActionOutput(2, 0)]),
    ('output_max_len', [], lambda P, o: [P.OFPActionOutput(3, 1500)]),
    ('output_controller', [], lambda P, o: [P.OFPActionOutput(o.OFPP_CONTROLLER, o.OFPCML_NO_BUFFER)]),
    ('output_controller_128', [], lambda P, o: [P.OFPActionOutput(o.OFPP_CONTROLLER, 128)]),
    ('output_reserved', [], lambda P, o: [P.OFPActionOutput(o.OFPP_IN_PORT, 0), P.OFPActionOutput(o.OFPP_FLOOD, 0),
                                          P.OFPActionOutput(o.OFPP_ALL, 0), P.OFPActionOutput(o.OFPP_LOCAL, 0),
                                          P.OFPActionOutput(o.OFPP_NORMAL, 0)]),
    ('group', [], lambda P, o: [P.OFPActionGroup(group_id=5)]),
    ('set_queue', [], lambda P, o: [P.OFPActionSetQueue(queue_id=3), P.OFPActionOutput(1, 0)]),
    ('set_mpls_ttl', MPLS, lambda P, o: [P.OFPActionSetMplsTtl(mpls_ttl=10)]),
    ('dec_mpls_ttl', MPLS, lambda P, o: [P.OFPActionDecMplsTtl()]),
    ('set_nw_ttl', IP4, lambda P, o: [P.OFPActionSetNwTtl(nw_ttl=64)]),
    ('dec_nw_ttl', IP4, lambda P, o: [P.OFPActionDecNwTtl()]),
    ('push_vlan_8100', [], lambda P, o: [P.OFPActionPushVlan(0x8100), P.OFPActionSetField(vlan_vid=0x1000 | 10)]),
    ('push_vlan_88a8', [], lambda P, o: [P.OFPActionPushVlan(0x88a8)]),
    ('pop_vlan', dict(vlan_vid=(0x1000, 0x1000)), lambda P, o: [P.OFPActionPopVlan()]),
    ('push_mpls_8847', IP4, lambda P, o: [P.OFPActionPushMpls(0x8847)]),
    ('push_mpls_8848', IP4, lambda P, o: [P.OFPActionPushMpls(0x8848), P.OFPActionSetField(mpls_label=5)]),
    ('pop_mpls', MPLS, lambda P, o: [P.OFPActionPopMpls(0x0800)]),
    ('mixed', IP4, lambda P, o: [P.OFPActionDecNwTtl(), P.OFPActionSetField(ipv4_dst='10.9.8.7'), P.OFPActionSetQueue(1),
                                 P.OFPActionGroup(2), P.OFPActionOutput(4, 0)]),
]


def instructions13(P, o, acts):
    return [P.OFPInstructionActions(o.OFPIT_APPLY_ACTIONS, acts)]


def flow_mod13(v, tag, name, match, insts, **kw):
    P = DP[v].ofproto_parser
    C.add('%s/flow_mod/%s' % (tag, name), P.OFPFlowMod(DP[v], match=match, instructions=insts, **kw))


o13 = DP[4].ofproto
for fname, pre, fields in OXM:
    flow_mod13(4, 'of13', 'match_' + fname, match13(P13, pre, fields),
               instructions13(P13, o13, [P13.OFPActionOutput(1, 0)]), priority=1000, cookie=len(C.fixtures), table_id=0)
for fname, pre, fields in SET_FIELDS:
    flow_mod13(4, 'of13', 'set_field_' + fname, match13(P13, pre, {}),
               instructions13(P13, o13, [P13.OFPActionSetField(**fields), P13.OFPActionOutput(1, 0)]), priority=2000)
for aname, pre, acts in ACTIONS13:
    flow_mod13(4, 'of13', 'actions_' + aname, match13(P13, pre or {}, {}), instructions13(P13, o13, acts(P13, o13)), priority=3000)
for aname, acts in nx_actions(P13):
    flow_mod13(4, 'of13', 'actions_' + aname, match13(P13, TCP4, {}), instructions13(P13, o13, acts()), priority=4000)

INSTS = [
    ('goto_table', lambda P, o: [P.OFPInstructionGotoTable(1)]),
    ('write_metadata', lambda P, o: [P.OFPInstructionWriteMetadata(0x1234, 0xffff)]),
    ('write_metadata_full', lambda P, o: [P.OFPInstructionWriteMetadata(0xfedcba9876543210, 0xffffffffffffffff)]),
    ('apply_actions_empty', lambda P, o: [P.OFPInstructionActions(o.OFPIT_APPLY_ACTIONS, [])]),
    ('write_actions', lambda P, o: [P.OFPInstructionActions(o.OFPIT_WRITE_ACTIONS, [P.OFPActionOutput(2, 0)])]),
    ('write_actions_group', lambda P, o: [P.OFPInstructionActions(o.OFPIT_WRITE_ACTIONS, [P.OFPActionSetQueue(1), P.OFPActionGroup(9)])]),
    ('clear_actions', lambda P, o: [P.OFPInstructionActions(o.OFPIT_CLEAR_ACTIONS, [])]),
    ('meter', lambda P, o: [P.OFPInstructionMeter(meter_id=3)]),
    ('all', lambda P, o: [P.OFPInstructionMeter(meter_id=1),
                          P.OFPInstructionActions(o.OFPIT_APPLY_ACTIONS, [P.OFPActionPushVlan(0x8100), P.OFPActionSetField(vlan_vid=0x1005)]),
                          P.OFPInstructionActions(o.OFPIT_CLEAR_ACTIONS, []),
                          P.OFPInstructionActions(o.OFPIT_WRITE_ACTIONS, [P.OFPActionOutput(3, 0)]),
                          P.OFPInstructionWriteMetadata(0x10, 0xf0),
                          P.OFPInstructionGotoTable(5)]),
    ('none', lambda P, o: []),
]
for iname, insts in INSTS:
    flow_mod13(4, 'of13', 'instructions_' + iname, match13(P13, {}, dict(in_port=1)), insts(P13, o13), priority=500, table_id=0)
for cname, cmd in (('add', o13.OFPFC_ADD), ('modify', o13.OFPFC_MODIFY), ('modify_strict', o13.OFPFC_MODIFY_STRICT),
                   ('delete', o13.OFPFC_DELETE), ('delete_strict', o13.OFPFC_DELETE_STRICT)):
    deleting = cname.startswith('delete')
    flow_mod13(4, 'of13', 'command_' + cname, match13(P13, IP4, dict(ipv4_dst=('10.0.0.0', '255.0.0.0'))),
               [] if deleting else instructions13(P13, o13, [P13.OFPActionOutput(2, 0)]),
               command=cmd, cookie=0xfedcba9876543210, cookie_mask=0xffffffffffffffff if cname != 'add' else 0,
               table_id=0xff if deleting else 3, idle_timeout=30, hard_timeout=120, priority=0xffff,
               buffer_id=0xffffffff, out_port=2 if deleting else o13.OFPP_ANY, out_group=7 if deleting else o13.OFPG_ANY,
               flags=o13.OFPFF_SEND_FLOW_REM | o13.OFPFF_CHECK_OVERLAP | o13.OFPFF_RESET_COUNTS)
flow_mod13(4, 'of13', 'flags_no_counts', match13(P13, {}, {}), [], flags=o13.OFPFF_NO_PKT_COUNTS | o13.OFPFF_NO_BYT_COUNTS,
           table_id=1, priority=0)
flow_mod13(4, 'of13', 'buffer_id', match13(P13, {}, dict(in_port=3)), instructions13(P13, o13, [P13.OFPActionOutput(1, 0)]),
           buffer_id=0x42)
# A few in 1.4 and 1.5 for the version-independent codec.
for v, tag in ((5, 'of14'), (6, 'of15')):
    P = DP[v].ofproto_parser
    o = DP[v].ofproto
    flow_mod13(v, tag, 'five_tuple', match13(P, {}, dict(
        in_port=7, eth_type=0x0800, ip_proto=6, ipv4_src=IP1, ipv4_dst=IP2, tcp_src=1234, tcp_dst=80)),
        [P.OFPInstructionActions(o.OFPIT_APPLY_ACTIONS, [P.OFPActionOutput(2, 0)])], priority=10)

# PACKET_OUT 1.3.
for aname, pre, acts in ACTIONS13:
    if pre:
        continue
    C.add('of13/packet_out/' + aname, P13.OFPPacketOut(DP[4], buffer_id=0xffffffff, in_port=o13.OFPP_CONTROLLER,
                                                       actions=acts(P13, o13), data=FRAMES['tcp']))
for aname, acts in nx_actions(P13):
    if aname in ('nx_learn', 'nx_ct'):
        continue
    C.add('of13/packet_out/' + aname, P13.OFPPacketOut(DP[4], buffer_id=0xffffffff, in_port=1, actions=acts(), data=FRAMES['udp']))
for fname, data in sorted(FRAMES.items()):
    C.add('of13/packet_out/frame_' + fname, P13.OFPPacketOut(DP[4], buffer_id=0xffffffff, in_port=1,
                                                             actions=[P13.OFPActionOutput(o13.OFPP_TABLE, 0)], data=data))
C.add('of13/packet_out/buffered', P13.OFPPacketOut(DP[4], buffer_id=0x100, in_port=2,
                                                   actions=[P13.OFPActionOutput(o13.OFPP_FLOOD, 0)], data=None))
C.add('of13/packet_out/no_actions', P13.OFPPacketOut(DP[4], buffer_id=0xffffffff, in_port=o13.OFPP_LOCAL, actions=[], data=BIG_FRAME))

# PACKET_IN 1.3 (packed: header fields, OXM match, 2 pad bytes, frame).
PIN13 = [
    ('no_match_tcp', 0xffffffff, 0, 0, 0, dict(in_port=1), FRAMES['tcp'], None),
    ('action_arp_buffered', 0x200, 1, 3, 0x1122334455667788, dict(in_port=2), FRAMES['arp'][:32], len(FRAMES['arp'])),
    ('invalid_ttl', 0xffffffff, 2, 1, 5, dict(in_port=3, metadata=0x77), FRAMES['icmp'], None),
    ('tunnel_metadata', 0xffffffff, 1, 7, 0xffffffffffffffff, dict(in_port=4, metadata=0x1234, tunnel_id=0x99), FRAMES['udp'], None),
    ('table_254', 0xffffffff, 0, 254, 0, dict(in_port=0xfffffffe), FRAMES['icmpv6'], None),
    ('truncated', 5, 0, 0, 0, dict(in_port=1), BIG_FRAME[:128], len(BIG_FRAME)),
    ('full_frame', 0xffffffff, 1, 2, 3, dict(in_port=1), BIG_FRAME, None),
    ('empty_frame', 0xffffffff, 1, 0, 0, dict(in_port=1), b'', 0),
    ('nx_reg_pipeline', 0xffffffff, 1, 4, 9, dict(in_port=5, reg0=0x11, reg3=0x33), FRAMES['mpls'], None),
]
for name, bid, reason, table, cookie, mfields, data, total in PIN13:
    for v, tag in ((4, 'of13'),) + (((5, 'of14'), (6, 'of15')) if name == 'no_match_tcp' else ()):
        P = DP[v].ofproto_parser
        m = pad8(ser_match13(P.OFPMatch(**mfields)))
        body = struct.pack('!IHBBQ', bid, total if total is not None else len(data), reason, table, cookie) + m + b'\x00\x00' + data
        C.add_packed('%s/packet_in/%s' % (tag, name), v, 10, body)

# FLOW_REMOVED 1.3.
for i, (name, reason, mfields) in enumerate((('idle', 0, dict(in_port=1)), ('hard', 1, dict(OXM[-3][2])),
                                              ('delete', 2, dict(eth_type=0x86dd, ipv6_src=(IP6A, 'ffff::'))),
                                              ('group_delete', 3, dict(metadata=(1, 1))), ('empty_match', 2, {}))):
    m = pad8(ser_match13(P13.OFPMatch(**mfields)))
    C.add_packed('of13/flow_removed/' + name, 4, 11,
                 struct.pack('!QHBBIIHHQQ', 0x1000 + i, 100 * i, reason, i, 10 + i, 999999999, 5, 50, 123456789012, 9876543210987) + m)
C.add_packed('of14/flow_removed/idle', 5, 11,
             struct.pack('!QHBBIIHHQQ', 1, 2, 0, 0, 3, 4, 5, 6, 7, 8) + pad8(ser_match13(P14.OFPMatch(in_port=9))))

# ---------------------------------------------------------------------------
# TABLE_MOD, GROUP_MOD, METER_MOD (1.3).

for tid, config in ((0, 0), (1, 3), (0xff, 0), (254, 8)):
    C.add('of13/table_mod/table_%d_config_%d' % (tid, config), P13.OFPTableMod(DP[4], tid, config))

BUCKETS = [
    ('all_two', o13.OFPGT_ALL, lambda: [P13.OFPBucket(actions=[P13.OFPActionOutput(1, 0)]),
                                        P13.OFPBucket(actions=[P13.OFPActionOutput(2, 0)])]),
    ('select_weighted', o13.OFPGT_SELECT, lambda: [P13.OFPBucket(weight=10, actions=[P13.OFPActionSetField(eth_dst=MAC2), P13.OFPActionOutput(3, 0)]),
                                                   P13.OFPBucket(weight=20, actions=[P13.OFPActionOutput(4, 0)])]),
    ('indirect', o13.OFPGT_INDIRECT, lambda: [P13.OFPBucket(actions=[P13.OFPActionPushVlan(0x8100), P13.OFPActionSetField(vlan_vid=0x1064),
                                                                     P13.OFPActionOutput(5, 0)])]),
    ('fast_failover', o13.OFPGT_FF, lambda: [P13.OFPBucket(watch_port=1, actions=[P13.OFPActionOutput(1, 0)]),
                                             P13.OFPBucket(watch_port=2, watch_group=7, actions=[P13.OFPActionOutput(2, 0)])]),
    ('chained', o13.OFPGT_ALL, lambda: [P13.OFPBucket(actions=[P13.OFPActionGroup(1)]), P13.OFPBucket(actions=[])]),
]
for bname, gtype, buckets in BUCKETS:
    C.add('of13/group_mod/add_' + bname, P13.OFPGroupMod(DP[4], o13.OFPGC_ADD, gtype, 1 + len(C.fixtures) % 1000, buckets()))
C.add('of13/group_mod/modify', P13.OFPGroupMod(DP[4], o13.OFPGC_MODIFY, o13.OFPGT_SELECT, 10, BUCKETS[1][2]()))
C.add('of13/group_mod/delete', P13.OFPGroupMod(DP[4], o13.OFPGC_DELETE, o13.OFPGT_ALL, 10, []))
C.add('of13/group_mod/delete_all', P13.OFPGroupMod(DP[4], o13.OFPGC_DELETE, o13.OFPGT_ALL, o13.OFPG_ALL, []))

BANDS = [
    ('drop', lambda: [P13.OFPMeterBandDrop(rate=1000, burst_size=100)]),
    ('dscp_remark', lambda: [P13.OFPMeterBandDscpRemark(rate=500, burst_size=50, prec_level=1)]),
    ('two_bands', lambda: [P13.OFPMeterBandDrop(rate=2000, burst_size=0), P13.OFPMeterBandDscpRemark(rate=1000, burst_size=0, prec_level=2)]),
    ('no_bands', lambda: []),
]
for bname, bands in BANDS:
    C.add('of13/meter_mod/add_' + bname, P13.OFPMeterMod(DP[4], o13.OFPMC_ADD, o13.OFPMF_KBPS | o13.OFPMF_BURST | o13.OFPMF_STATS,
                                                        1 + len(C.fixtures) % 100, bands()))
C.add('of13/meter_mod/modify_pktps', P13.OFPMeterMod(DP[4], o13.OFPMC_MODIFY, o13.OFPMF_PKTPS, 4, BANDS[0][1]()))
C.add('of13/meter_mod/delete', P13.OFPMeterMod(DP[4], o13.OFPMC_DELETE, 0, 4, []))
C.add('of13/meter_mod/delete_all', P13.OFPMeterMod(DP[4], o13.OFPMC_DELETE, 0, o13.OFPM_ALL, []))

# ---------------------------------------------------------------------------
# OF1.0 statistics.

C.add('of10/stats_request/desc', P10.OFPDescStatsRequest(DP[1], 0))
for mname in ('all_wildcards', 'in_port', 'every_field', 'nw_src_24'):
    m = match10(**dict(MATCHES10)[mname])
    C.add('of10/stats_request/flow_' + mname, P10.OFPFlowStatsRequest(DP[1], 0, m, 0xff, of10.OFPP_NONE))
    C.add('of10/stats_request/aggregate_' + mname, P10.OFPAggregateStatsRequest(DP[1], 0, m, 0, 2))
C.add('of10/stats_request/table', P10.OFPTableStatsRequest(DP[1], 0))
C.add('of10/stats_request/port_all', P10.OFPPortStatsRequest(DP[1], 0, of10.OFPP_NONE))
C.add('of10/stats_request/port_1', P10.OFPPortStatsRequest(DP[1], 0, 1))
C.add('of10/stats_request/queue_all', P10.OFPQueueStatsRequest(DP[1], 0, of10.OFPP_ALL, of10.OFPQ_ALL))
C.add('of10/stats_request/queue_1_2', P10.OFPQueueStatsRequest(DP[1], 0, 1, 2))


def stats10(name, stype, body, flags=0):
    C.add_packed('of10/stats_reply/' + name, 1, 17, struct.pack('!HH', stype, flags) + body)


def desc_body(mfr, hw, sw, serial, dp):
    return struct.pack('!256s256s256s32s256s', mfr.encode(), hw.encode(), sw.encode(), serial.encode(), dp.encode())


DESC = desc_body('Nicira, Inc.', 'Open vSwitch', '3.1.0', 'None', 'br0 datapath')
stats10('desc', 0, DESC)


def flow_stats10(m, actions, prio, cookie):
    acts = ser_actions(actions)
    return struct.pack('!HBx', 88 + len(acts), 0) + ser_match10(m) + struct.pack(
        '!IIHHH6xQQQ', 12, 345000000, prio, 60, 0, cookie, 10, 1500) + acts


stats10('flow_empty', 1, b'')
stats10('flow_one', 1, flow_stats10(match10(in_port=1), [P10.OFPActionOutput(2)], 0x8000, 5))
stats10('flow_three', 1, flow_stats10(match10(in_port=1), [P10.OFPActionOutput(2)], 0x8000, 5) +
        flow_stats10(match10(**dict(MATCHES10)['every_field']), [P10.OFPActionSetNwTos(8), P10.OFPActionOutput(3)], 1, 0xffffffffffffffff) +
        flow_stats10(match10(), [], 0, 0))
stats10('flow_more', 1, flow_stats10(match10(in_port=7), [P10.OFPActionOutput(1)], 10, 1), flags=1)
stats10('aggregate', 2, struct.pack('!QQI4x', 1000, 150000, 12))
stats10('table', 3, struct.pack('!B3x32sIIIQQ', 0, b'classifier', 0x3fffff, 1000000, 12, 123456, 120000) +
        struct.pack('!B3x32sIIIQQ', 1, b'table1', 0x3fffff, 1000000, 0, 0, 0))
stats10('port', 4, struct.pack('!H6x12Q', 1, *range(100, 112)) + struct.pack('!H6x12Q', 0xfffe, *([0] * 12)))
stats10('queue', 5, struct.pack('!H2xIQQQ', 1, 0, 1000, 10, 0) + struct.pack('!H2xIQQQ', 2, 7, 0, 0, 0))

# OF1.0 queue config.
C.add('of10/queue_get_config_request', P10.OFPQueueGetConfigRequest(DP[1], 1))
C.add_packed('of10/queue_get_config_reply', 1, 21,
             struct.pack('!H6x', 1) + struct.pack('!IH2x', 7, 8 + 16) + struct.pack('!HH4xH6x', 1, 16, 500))

# ---------------------------------------------------------------------------
# OF1.3 multipart.


def mp_req(name, msg):
    C.add('of13/multipart_request/' + name, msg)


def mp_reply(name, stype, body, flags=0, v=4):
    C.add_packed('of1%d/multipart_reply/%s' % (v - 1, name), v, 19, struct.pack('!HH4x', stype, flags) + body)


mp_req('desc', P13.OFPDescStatsRequest(DP[4], 0))
for mname, pre, fields in (OXM[0], OXM[19], OXM[-3]):
    m = match13(P13, pre, fields)
    mp_req('flow_' + mname, P13.OFPFlowStatsRequest(DP[4], 0, o13.OFPTT_ALL, o13.OFPP_ANY, o13.OFPG_ANY, 0, 0, m))
    mp_req('aggregate_' + mname, P13.OFPAggregateStatsRequest(DP[4], 0, 1, 2, 3, 0x10, 0xff, m))
mp_req('flow_cookie', P13.OFPFlowStatsRequest(DP[4], 0, 0, o13.OFPP_ANY, o13.OFPG_ANY, 0xfedcba9876543210, 0xffffffffffffffff,
                                              P13.OFPMatch()))
mp_req('table', P13.OFPTableStatsRequest(DP[4], 0))
mp_req('port_stats_any', P13.OFPPortStatsRequest(DP[4], 0, o13.OFPP_ANY))
mp_req('port_stats_1', P13.OFPPortStatsRequest(DP[4], 0, 1))
mp_req('port_desc', P13.OFPPortDescStatsRequest(DP[4], 0))
mp_req('queue_all', P13.OFPQueueStatsRequest(DP[4], 0, o13.OFPP_ANY, o13.OFPQ_ALL))
mp_req('queue_1_2', P13.OFPQueueStatsRequest(DP[4], 0, 1, 2))
mp_req('group_all', P13.OFPGroupStatsRequest(DP[4], 0, o13.OFPG_ALL))
mp_req('group_5', P13.OFPGroupStatsRequest(DP[4], 0, 5))
mp_req('group_desc', P13.OFPGroupDescStatsRequest(DP[4], 0))
mp_req('group_features', P13.OFPGroupFeaturesStatsRequest(DP[4], 0))
mp_req('meter_all', P13.OFPMeterStatsRequest(DP[4], 0, o13.OFPM_ALL))
mp_req('meter_3', P13.OFPMeterStatsRequest(DP[4], 0, 3))
mp_req('meter_config_all', P13.OFPMeterConfigStatsRequest(DP[4], 0, o13.OFPM_ALL))
mp_req('meter_features', P13.OFPMeterFeaturesStatsRequest(DP[4], 0))
mp_req('table_features_empty', P13.OFPTableFeaturesStatsRequest(DP[4], 0, []))


def table_features(P, o, table_id, name, last):
    """One table's features with every property OpenFlow 1.3 requires (ovs-ofctl insists on them)."""
    insts = [o.OFPIT_WRITE_METADATA, o.OFPIT_WRITE_ACTIONS, o.OFPIT_APPLY_ACTIONS, o.OFPIT_CLEAR_ACTIONS] + ([] if table_id == last else [o.OFPIT_GOTO_TABLE])
    acts = [o.OFPAT_OUTPUT, o.OFPAT_GROUP, o.OFPAT_SET_FIELD, o.OFPAT_PUSH_VLAN, o.OFPAT_POP_VLAN]
    oxm = lambda *names: [P.OFPOxmId(n) for n in names]
    return P.OFPTableFeaturesStats(
        table_id=table_id, name=name.encode(), metadata_match=0xffffffffffffffff, metadata_write=0xff00, config=0, max_entries=1000000,
        properties=[
            P.OFPTableFeaturePropInstructions(type_=o.OFPTFPT_INSTRUCTIONS, instruction_ids=[P.OFPInstructionId(i) for i in insts]),
            P.OFPTableFeaturePropNextTables(type_=o.OFPTFPT_NEXT_TABLES, table_ids=list(range(table_id + 1, last + 1))),
            P.OFPTableFeaturePropActions(type_=o.OFPTFPT_WRITE_ACTIONS, action_ids=[P.OFPActionId(a) for a in acts]),
            P.OFPTableFeaturePropActions(type_=o.OFPTFPT_APPLY_ACTIONS, action_ids=[P.OFPActionId(a) for a in acts]),
            P.OFPTableFeaturePropOxm(type_=o.OFPTFPT_MATCH, oxm_ids=[P.OFPOxmId('in_port'), P.OFPOxmId('eth_dst', hasmask=True),
                                                               P.OFPOxmId('eth_type'), P.OFPOxmId('ipv4_src', hasmask=True)]),
            P.OFPTableFeaturePropOxm(type_=o.OFPTFPT_WILDCARDS, oxm_ids=oxm('in_port', 'eth_dst', 'eth_type', 'ipv4_src')),
            P.OFPTableFeaturePropOxm(type_=o.OFPTFPT_WRITE_SETFIELD, oxm_ids=oxm('eth_dst', 'ipv4_src')),
            P.OFPTableFeaturePropOxm(type_=o.OFPTFPT_APPLY_SETFIELD, oxm_ids=oxm('eth_dst', 'ipv4_src', 'vlan_vid')),
            P.OFPTableFeaturePropNextTables(type_=o.OFPTFPT_NEXT_TABLES_MISS, table_ids=[last] if table_id < last else []),
        ])


TABLE_FEATURES13 = [table_features(P13, o13, i, name, 2) for i, name in ((0, 'classifier'), (1, ''), (2, 'egress'))]
mp_req('table_features_set', P13.OFPTableFeaturesStatsRequest(DP[4], 0, TABLE_FEATURES13[:1]))

mp_reply('desc', 0, DESC)


def flow_stats13(m, insts, prio, cookie, table=0, flags=0):
    mb = pad8(ser_match13(m))
    ib = b''.join(ser(i) for i in insts)
    return struct.pack('!HBxIIHHHH4xQQQ', 48 + len(mb) + len(ib), table, 7, 123, prio, 10, 20, flags, cookie, 99, 9999) + mb + ib


mp_reply('flow_empty', 1, b'')
mp_reply('flow_one', 1, flow_stats13(P13.OFPMatch(in_port=1), instructions13(P13, o13, [P13.OFPActionOutput(2, 0)]), 100, 1))
mp_reply('flow_two', 1, flow_stats13(P13.OFPMatch(**dict(OXM[-3][2])), [P13.OFPInstructionGotoTable(1)], 10, 0xffffffffffffffff, 0, 1) +
         flow_stats13(P13.OFPMatch(), [], 0, 0, 254))
mp_reply('flow_more', 1, flow_stats13(P13.OFPMatch(eth_type=0x0806), [], 1, 1), flags=1)
mp_reply('aggregate', 2, struct.pack('!QQI4x', 123456789, 987654321, 42))
mp_reply('table', 3, struct.pack('!B3xIQQ', 0, 12, 1000, 900) + struct.pack('!B3xIQQ', 1, 0, 100, 0) + struct.pack('!B3xIQQ', 254, 1, 1, 1))
mp_reply('port_stats', 4, struct.pack('!I4x12QII', 1, *range(1, 13), 100, 500000) + struct.pack('!I4x12QII', 0xfffffffe, *([0] * 12), 0, 0))
mp_reply('port_desc', 13, b''.join(PORTS13))
mp_reply('port_desc_more', 13, PORTS13[0], flags=1)
mp_reply('queue', 5, struct.pack('!IIQQQII', 1, 0, 100, 10, 0, 30, 0) + struct.pack('!IIQQQII', 2, 1, 0, 0, 0, 0, 0))
mp_reply('group', 6, struct.pack('!H2xII4xQQII', 40 + 32, 1, 2, 100, 10000, 10, 5) + struct.pack('!QQ', 60, 6000) + struct.pack('!QQ', 40, 4000) +
         struct.pack('!H2xII4xQQII', 40, 2, 0, 0, 0, 0, 0))


def bucket_bytes(b):
    buf = bytearray()
    b.serialize(buf, 0)
    return bytes(buf[:b.len])


def group_desc(gtype, gid, buckets):
    bb = b''.join(bucket_bytes(b) for b in buckets)
    return struct.pack('!HBxI', 8 + len(bb), gtype, gid) + bb


mp_reply('group_desc', 7, group_desc(o13.OFPGT_ALL, 1, BUCKETS[0][2]()) + group_desc(o13.OFPGT_SELECT, 2, BUCKETS[1][2]()) +
         group_desc(o13.OFPGT_FF, 3, BUCKETS[3][2]()) + group_desc(o13.OFPGT_INDIRECT, 4, []))
mp_reply('group_features', 8, struct.pack('!II4I4I', 0xf, 0x7, 65536, 65536, 0, 1024, 0x3fff8ff, 0x3fff8ff, 0, 0x1))
mp_reply('meter', 9, struct.pack('!IH6xIQQII', 1, 40 + 16, 2, 100, 10000, 5, 6) + struct.pack('!QQ', 3, 300) +
         struct.pack('!IH6xIQQII', 2, 40, 0, 0, 0, 0, 0))


def band_bytes(b):
    buf = bytearray()
    b.serialize(buf, 0)
    return bytes(buf[:b.len])


def meter_config(flags, mid, bands):
    bb = b''.join(band_bytes(b) for b in bands)
    return struct.pack('!HHI', 8 + len(bb), flags, mid) + bb


mp_reply('meter_config', 10, meter_config(o13.OFPMF_KBPS, 1, BANDS[0][1]()) + meter_config(o13.OFPMF_PKTPS | o13.OFPMF_STATS, 2, BANDS[3][1]()))
mp_reply('meter_features', 11, struct.pack('!IIIBB2x', 65536, 0x6, 0xf, 16, 8))
mp_reply('table_features', 12, b''.join(bytes(tf.serialize()) for tf in TABLE_FEATURES13))
mp_reply('table_features_more', 12, bytes(TABLE_FEATURES13[1].serialize()), flags=1)

# OF1.3 queue config.
C.add('of13/queue_get_config_request', P13.OFPQueueGetConfigRequest(DP[4], 1))
C.add_packed('of13/queue_get_config_reply', 4, 23,
             struct.pack('!I4x', 1) + struct.pack('!IIH6x', 7, 1, 16 + 32) + struct.pack('!HH4xH6x', 1, 16, 500) + struct.pack('!HH4xH6x', 2, 16, 900))

# ---------------------------------------------------------------------------
# Roles, async configuration, role status.

for role, gen in ((o13.OFPCR_ROLE_NOCHANGE, 0), (o13.OFPCR_ROLE_EQUAL, 0), (o13.OFPCR_ROLE_MASTER, 1), (o13.OFPCR_ROLE_SLAVE, 0xffffffffffffffff),
                  (o13.OFPCR_ROLE_MASTER, 0x8000000000000000)):
    C.add('of13/role_request/role_%d_gen_%x' % (role, gen), P13.OFPRoleRequest(DP[4], role, gen))
    C.add_packed('of13/role_reply/role_%d_gen_%x' % (role, gen), 4, 25, struct.pack('!I4xQ', role, gen))
C.add('of14/role_request/master', P14.OFPRoleRequest(DP[5], 2, 7))
C.add_packed('of14/role_reply/slave', 5, 25, struct.pack('!I4xQ', 3, 7))
C.add('of12/role_request/master', DP[3].ofproto_parser.OFPRoleRequest(DP[3], 2, 1))
for reason, role, gen, props in ((0, 3, 5, b''), (1, 2, 0, b''), (2, 1, 0xfffffffffffffffe, b''),
                                 (1, 3, 9, struct.pack('!HHII', 0xffff, 12, NX_VENDOR, 1) + b'\x00\x00\x00\x00')):
    C.add_packed('of14/role_status/reason_%d_role_%d%s' % (reason, role, '_experimenter_prop' if props else ''), 5, 30,
                 struct.pack('!IB3xQ', role, reason, gen) + props)
C.add_packed('of15/role_status/reason_0', 6, 30, struct.pack('!IB3xQ', 3, 0, 11))
# ONF role status (OF1.3 extension).
C.add_vendor('of13/onf_role_status/secondary', 4, ONF_VENDOR, 1911, struct.pack('!IB3xQ', 3, 0, 5))

C.add('of13/get_async_request', P13.OFPGetAsyncRequest(DP[4]))
for i, (pin, ps, fr) in enumerate((([0x7, 0x3], [0x7, 0x7], [0xf, 0x0]), ([0, 0], [0, 0], [0, 0]), ([0x1, 0x2], [0x4, 0x1], [0x3, 0x8]))):
    C.add('of13/set_async/%d' % i, P13.OFPSetAsync(DP[4], pin, ps, fr))
    C.add_packed('of13/get_async_reply/%d' % i, 4, 27, struct.pack('!6I', pin[0], pin[1], ps[0], ps[1], fr[0], fr[1]))

o14 = DP[5].ofproto
ASYNC14 = [
    ('all_reasons', [(o14.OFPACPT_PACKET_IN_SLAVE, 0x3f), (o14.OFPACPT_PACKET_IN_MASTER, 0x3f), (o14.OFPACPT_PORT_STATUS_SLAVE, 0x7),
                     (o14.OFPACPT_PORT_STATUS_MASTER, 0x7), (o14.OFPACPT_FLOW_REMOVED_SLAVE, 0x3f), (o14.OFPACPT_FLOW_REMOVED_MASTER, 0x3f),
                     (o14.OFPACPT_ROLE_STATUS_SLAVE, 0x7), (o14.OFPACPT_ROLE_STATUS_MASTER, 0x7), (o14.OFPACPT_TABLE_STATUS_SLAVE, 0x18),
                     (o14.OFPACPT_TABLE_STATUS_MASTER, 0x18), (o14.OFPACPT_REQUESTFORWARD_SLAVE, 0x3), (o14.OFPACPT_REQUESTFORWARD_MASTER, 0x3)]),
    ('packet_in_only', [(o14.OFPACPT_PACKET_IN_MASTER, 0x1)]),
    ('empty', []),
]
C.add('of14/get_async_request', P14.OFPGetAsyncRequest(DP[5]))
for name, props in ASYNC14:
    C.add('of14/set_async/' + name, P14.OFPSetAsync(DP[5], [P14.OFPAsyncConfigPropReasons(t, mask=m) for t, m in props]))
    C.add_packed('of14/get_async_reply/' + name, 5, 27, b''.join(struct.pack('!HHI', t, 8, m) for t, m in props))
C.add('of15/set_async/packet_in_only', P15.OFPSetAsync(DP[6], [P15.OFPAsyncConfigPropReasons(o14.OFPACPT_PACKET_IN_MASTER, mask=0x3)]))

# ---------------------------------------------------------------------------
# Nicira extension messages.

C.add('of10/nx_role_request/other', P10.NXTRoleRequest(DP[1], nicira_ext.NX_ROLE_OTHER))
C.add('of10/nx_role_request/master', P10.NXTRoleRequest(DP[1], nicira_ext.NX_ROLE_MASTER))
C.add('of10/nx_role_request/slave', P10.NXTRoleRequest(DP[1], nicira_ext.NX_ROLE_SLAVE))
for role in (0, 1, 2):
    C.add_vendor('of10/nx_role_reply/role_%d' % role, 1, NX_VENDOR, nicira_ext.NXT_ROLE_REPLY, struct.pack('!I', role))
C.add('of10/nx_set_flow_format/openflow10', P10.NXTSetFlowFormat(DP[1], nicira_ext.NXFF_OPENFLOW10))
C.add('of10/nx_set_flow_format/nxm', P10.NXTSetFlowFormat(DP[1], nicira_ext.NXFF_NXM))
C.add('of10/nx_set_packet_in_format/openflow10', P10.NXTSetPacketInFormat(DP[1], nicira_ext.NXPIF_OPENFLOW10))
C.add('of10/nx_set_packet_in_format/nxm', P10.NXTSetPacketInFormat(DP[1], nicira_ext.NXPIF_NXM))
C.add('of10/nx_set_packet_in_format/nxt_packet_in2', P10.NXTSetPacketInFormat(DP[1], 2))
C.add('of10/nx_set_controller_id/7', P10.NXTSetControllerId(DP[1], 7))
C.add('of10/nx_set_controller_id/0', P10.NXTSetControllerId(DP[1], 0))
C.add('of10/nx_set_async_config/default', P10.NXTSetAsyncConfig(DP[1], [0x7, 0x0], [0x7, 0x7], [0xf, 0x0]))
C.add('of10/nx_set_async_config/none', P10.NXTSetAsyncConfig(DP[1], [0, 0], [0, 0], [0, 0]))
C.add('of10/nx_flow_mod_table_id/on', P10.NXTFlowModTableId(DP[1], 1))
C.add('of10/nx_flow_mod_table_id/off', P10.NXTFlowModTableId(DP[1], 0))
C.add('of10/nx_flow_age', P10.NXTFlowAge(DP[1]))


def cls_rule(**kw):
    r = nx_match.ClsRule()
    for k, v in kw.items():
        getattr(r, 'set_' + k)(*v) if isinstance(v, tuple) else getattr(r, 'set_' + k)(v)
    return r


NXRULES = [
    ('empty', {}),
    ('in_port', dict(in_port=1)),
    ('dl_dst', dict(dl_dst=mac_bin(MAC2))),
    ('dl_type_ip_src', dict(dl_type=0x0800, nw_src=0x0a000001)),
    ('ip_masked', dict(dl_type=0x0800, nw_dst_masked=(0x0a000000, 0xff000000))),
    ('tcp', dict(dl_type=0x0800, nw_proto=6, tp_dst=80)),
    ('tun_id', dict(tun_id=0x1234)),
    ('reg', dict(reg=(0, 0x55))),
]
for rname, kw in NXRULES:
    C.add('of10/nx_flow_mod/' + rname, P10.NXTFlowMod(DP[1], cookie=0x10, command=of10.OFPFC_ADD, priority=100, rule=cls_rule(**kw),
                                                      actions=[P10.OFPActionOutput(1)]))
C.add('of10/nx_flow_mod/delete', P10.NXTFlowMod(DP[1], cookie=0, command=of10.OFPFC_DELETE, rule=cls_rule(), actions=[]))


def nxm_bytes(rule):
    buf = bytearray()
    n = nx_match.serialize_nxm_match(rule, buf, 0)
    return bytes(buf[:n]), n


for i, (rname, kw) in enumerate(NXRULES[:6]):
    m, n = nxm_bytes(cls_rule(**kw))
    C.add_vendor('of10/nx_packet_in/' + rname, 1, NX_VENDOR, nicira_ext.NXT_PACKET_IN,
                 struct.pack('!IHBBQH6x', 0xffffffff, len(FRAMES['tcp']), i % 2, i, 0x100 + i, n) + pad8(m) + b'\x00\x00' + FRAMES['tcp'])
    C.add_vendor('of10/nx_flow_removed/' + rname, 1, NX_VENDOR, nicira_ext.NXT_FLOW_REMOVED,
                 struct.pack('!QHBBIIHHQQ', 0x200 + i, 10 * i, i % 3, 0, 5, 6, 7, n, 8, 9) + pad8(m))

# Nicira messages in OF1.3 (os-ken builds them as generic experimenter messages).
C.add('of13/nx_set_packet_in_format/nxm', P13.NXTSetPacketInFormatMsg(DP[4], nicira_ext.NXPIF_NXM))
C.add('of13/nx_set_packet_in_format/standard', P13.NXTSetPacketInFormatMsg(DP[4], nicira_ext.NXPIF_OPENFLOW10))
C.add('of13/nx_role_request/master', P13.OFPExperimenter(DP[4], NX_VENDOR, nicira_ext.NXT_ROLE_REQUEST, struct.pack('!I', 1)))
C.add_vendor('of13/nx_role_reply/slave', 4, NX_VENDOR, nicira_ext.NXT_ROLE_REPLY, struct.pack('!I', 2))
C.add('of13/nx_set_controller_id/3', P13.OFPExperimenter(DP[4], NX_VENDOR, nicira_ext.NXT_SET_CONTROLLER_ID, struct.pack('!6xH', 3)))
C.add('of13/nx_set_async_config/default', P13.OFPExperimenter(DP[4], NX_VENDOR, nicira_ext.NXT_SET_ASYNC_CONFIG,
                                                             struct.pack('!6I', 0x7, 0, 0x7, 0x7, 0xf, 0)))
C.add('of13/nx_flow_mod_table_id/on', P13.OFPExperimenter(DP[4], NX_VENDOR, nicira_ext.NXT_FLOW_MOD_TABLE_ID, b'\x01' + b'\x00' * 7))
PIN2_META = ser_match13(P13.OFPMatch(in_port=1, reg1=5))[4:]  # the OXM fields without the ofp_match header
C.add('of13/nx_packet_in2/basic', P13.NXTPacketIn2(DP[4], properties=[
    P13.NXTPacketIn2PropPacket(type_=nicira_ext.NXPINT_PACKET, data=FRAMES['tcp']),
    P13.NXTPacketIn2PropFullLen(type_=nicira_ext.NXPINT_FULL_LEN, data=struct.pack('!I', len(FRAMES['tcp']))),
    P13.NXTPacketIn2PropBufferId(type_=nicira_ext.NXPINT_BUFFER_ID, data=struct.pack('!I', 0xffffffff)),
    P13.NXTPacketIn2PropTableId(type_=nicira_ext.NXPINT_TABLE_ID, data=struct.pack('!B', 2)),
    P13.NXTPacketIn2PropCookie(type_=nicira_ext.NXPINT_COOKIE, data=struct.pack('!4xQ', 0x77)),
    P13.NXTPacketIn2PropReason(type_=nicira_ext.NXPINT_REASON, data=struct.pack('!B', 1)),
    P13.NXTPacketIn2PropMetadata(type_=nicira_ext.NXPINT_METADATA, data=PIN2_META)]))
# (Messages of unknown vendors are not here: ovs-ofctl refuses them by design.)

# ---------------------------------------------------------------------------
# OF1.0 Nicira flow statistics (NXST_FLOW, NXST_AGGREGATE): flow statistics
# with NXM matches, as ovs-ofctl -O OpenFlow10 dump-flows asks for them.
# os-ken builds the requests; the replies are packed here (nx_flow_stats
# entries, their NXM matches serialised by os-ken) for os-ken to parse.
# (Kept last, so that the fixtures above keep their xids.)


def nx_rule(kind):
    r = nx_match.ClsRule()
    if kind == 'in_port':
        r.set_in_port(1)
    elif kind == 'reg_tun_id':
        r.set_reg(0, 5)
        r.set_tun_id(0x10)
    elif kind == 'ipv6':
        r.set_dl_type(0x86dd)
        r.set_ipv6_src_masked([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], [0xffff, 0xffff, 0, 0, 0, 0, 0, 0])
    return r


def nxm_bytes(rule):
    buf = bytearray()
    n = nx_match.serialize_nxm_match(rule, buf, 0)
    return bytes(buf[:n])


for rname in ('all', 'in_port', 'reg_tun_id', 'ipv6'):
    C.add('of10/nx_stats_request/flow_' + rname, P10.NXFlowStatsRequest(DP[1], 0, of10.OFPP_NONE, 0xff, nx_rule(rname)))
    C.add('of10/nx_stats_request/aggregate_' + rname, P10.NXAggregateStatsRequest(DP[1], 0, 2, 3, nx_rule(rname)))


def nx_stats10(name, subtype, body, flags=0):
    C.add_packed('of10/nx_stats_reply/' + name, 1, 17, struct.pack('!HHII4x', 0xffff, flags, NX_VENDOR, subtype) + body)


def nx_flow_stats(rule, actions, prio, cookie, idle_age, hard_age):
    m = nxm_bytes(rule)
    acts = ser_actions(actions)
    return struct.pack('!HBxIIHHHHHHQQQ', 48 + len(pad8(m)) + len(acts), 0, 12, 345000000, prio, 60, 0, len(m),
                       idle_age, hard_age, cookie, 10, 1500) + pad8(m) + acts


nx_stats10('flow_empty', 0, b'')
nx_stats10('flow_one', 0, nx_flow_stats(nx_rule('reg_tun_id'), [P10.OFPActionOutput(2)], 0x8000, 5, 0, 0))
nx_stats10('flow_two_more', 0, nx_flow_stats(nx_rule('in_port'), [P10.OFPActionOutput(2)], 10, 1, 3, 1) +
           nx_flow_stats(nx_rule('ipv6'), [], 0, 0xffffffffffffffff, 65535, 2), flags=1)
nx_stats10('aggregate', 1, struct.pack('!QQI4x', 1000, 150000, 12))

# ---------------------------------------------------------------------------

doc = {
    'generator': 'test/openflow/corpus/generate.py',
    'osKenVersion': osken_version(),
    'ovsOfctlVersion': ofctl_version(),
    'seed': SEED,
    'note': 'Integers above 2^53-1 in "osken" are decimal strings; byte strings are base64 as in os-ken to_jsondict().',
    'count': len(C.fixtures),
    'fixtures': C.fixtures,
    'excluded': C.excluded,
}
with open(OUT, 'w') as f:
    f.write('{\n')
    keys = [k for k in doc if k not in ('fixtures', 'excluded')]
    for k in keys:
        f.write('  %s: %s,\n' % (json.dumps(k), json.dumps(doc[k], sort_keys=True)))
    for k in ('fixtures', 'excluded'):
        f.write('  %s: [\n' % json.dumps(k))
        items = doc[k]
        for i, item in enumerate(items):
            f.write('    %s%s\n' % (json.dumps(item, sort_keys=True, separators=(',', ':')), ',' if i + 1 < len(items) else ''))
        f.write('  ]%s\n' % (',' if k == 'fixtures' else ''))
    f.write('}\n')
print('%d fixtures, %d excluded (refused by os-ken or ovs-ofctl) -> %s' % (len(C.fixtures), len(C.excluded), OUT), file=sys.stderr)
for e in C.excluded:
    why = e.get('osken') or (e['ofctl'].splitlines() or ['?'])[0]
    print('  excluded %s: %s' % (e['name'], why), file=sys.stderr)
