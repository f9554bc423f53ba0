"""The project's OpenFlow 1.3 learning switch for osken-manager.

Debian's python3-os-ken ships no example applications, so the end-to-end
tests (test/e2e/real-controllers.test.ts) run this one:

    osken-manager --ofp-listen-host 127.0.0.1 --ofp-tcp-listen-port PORT \
        test/e2e/osken_learning_switch.py

When a switch's FEATURES_REPLY arrives it sets miss_send_len and adds the
table-miss flow (priority 0, output:CONTROLLER) with max_len both taken from
the environment variable LEARNING_SWITCH_MAX_LEN: by default
OFPCML_NO_BUFFER (whole packets, unbuffered); a smaller number (say 128)
lets the switch buffer the packet and send that many bytes.  On each packet-in
it records which port the source address was seen on; if the destination
is known it adds a priority 10 flow for (in_port, eth_src, eth_dst) with
an idle timeout of 60 s, otherwise it floods.  The packet itself goes on
with a PACKET_OUT, naming the switch's buffer when the switch buffered it.

With LEARNING_SWITCH_ROLE=master in the environment it first asks to be
the switch's master controller (an OpenFlow 1.3 ROLE_REQUEST, generation
id 0); by default it keeps the role a session starts with (equal, which
Open vSwitch's database calls "other").
"""
import os

from os_ken.base import app_manager
from os_ken.controller import ofp_event
from os_ken.controller.handler import CONFIG_DISPATCHER, MAIN_DISPATCHER, set_ev_cls
from os_ken.lib.packet import ethernet, packet
from os_ken.ofproto import ofproto_v1_3


class LearningSwitch13(app_manager.OSKenApp):
    OFP_VERSIONS = [ofproto_v1_3.OFP_VERSION]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # datapath id -> {mac: port}
        self.seen = {}

    @set_ev_cls(ofp_event.EventOFPSwitchFeatures, CONFIG_DISPATCHER)
    def on_features(self, ev):
        dp = ev.msg.datapath
        ofp = dp.ofproto
        parser = dp.ofproto_parser
        self.seen[dp.id] = {}
        if os.environ.get('LEARNING_SWITCH_ROLE') == 'master':
            dp.send_msg(parser.OFPRoleRequest(dp, ofp.OFPCR_ROLE_MASTER, 0))
        max_len = int(os.environ.get('LEARNING_SWITCH_MAX_LEN', ofp.OFPCML_NO_BUFFER))
        dp.send_msg(parser.OFPSetConfig(dp, ofp.OFPC_FRAG_NORMAL, max_len))
        to_controller = parser.OFPActionOutput(ofp.OFPP_CONTROLLER, max_len)
        dp.send_msg(parser.OFPFlowMod(
            datapath=dp, table_id=0, priority=0, match=parser.OFPMatch(),
            instructions=[parser.OFPInstructionActions(ofp.OFPIT_APPLY_ACTIONS, [to_controller])]))

    @set_ev_cls(ofp_event.EventOFPPacketIn, MAIN_DISPATCHER)
    def on_packet_in(self, ev):
        msg = ev.msg
        dp = msg.datapath
        ofp = dp.ofproto
        parser = dp.ofproto_parser
        in_port = msg.match['in_port']
        frame = packet.Packet(msg.data).get_protocol(ethernet.ethernet)
        if frame is None:
            return
        ports = self.seen.setdefault(dp.id, {})
        ports[frame.src] = in_port
        out_port = ports.get(frame.dst)
        if out_port is None:
            actions = [parser.OFPActionOutput(ofp.OFPP_FLOOD)]
        else:
            actions = [parser.OFPActionOutput(out_port)]
            match = parser.OFPMatch(in_port=in_port, eth_src=frame.src, eth_dst=frame.dst)
            dp.send_msg(parser.OFPFlowMod(
                datapath=dp, table_id=0, priority=10, idle_timeout=60, match=match,
                instructions=[parser.OFPInstructionActions(ofp.OFPIT_APPLY_ACTIONS, actions)]))
        buffered = msg.buffer_id != ofp.OFP_NO_BUFFER
        dp.send_msg(parser.OFPPacketOut(
            datapath=dp, buffer_id=msg.buffer_id, in_port=in_port, actions=actions,
            data=None if buffered else msg.data))
