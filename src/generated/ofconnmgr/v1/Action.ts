// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { Output as _ofconnmgr_v1_Output, Output__Output as _ofconnmgr_v1_Output__Output } from '../../ofconnmgr/v1/Output.js';
import type { ControllerAction as _ofconnmgr_v1_ControllerAction, ControllerAction__Output as _ofconnmgr_v1_ControllerAction__Output } from '../../ofconnmgr/v1/ControllerAction.js';
import type { Enqueue as _ofconnmgr_v1_Enqueue, Enqueue__Output as _ofconnmgr_v1_Enqueue__Output } from '../../ofconnmgr/v1/Enqueue.js';
import type { NoArguments as _ofconnmgr_v1_NoArguments, NoArguments__Output as _ofconnmgr_v1_NoArguments__Output } from '../../ofconnmgr/v1/NoArguments.js';
import type { MatchField as _ofconnmgr_v1_MatchField, MatchField__Output as _ofconnmgr_v1_MatchField__Output } from '../../ofconnmgr/v1/MatchField.js';
import type { OpaqueTlv as _ofconnmgr_v1_OpaqueTlv, OpaqueTlv__Output as _ofconnmgr_v1_OpaqueTlv__Output } from '../../ofconnmgr/v1/OpaqueTlv.js';

export interface Action {
  'output'?: (_ofconnmgr_v1_Output | null);
  'controller'?: (_ofconnmgr_v1_ControllerAction | null);
  'enqueue'?: (_ofconnmgr_v1_Enqueue | null);
  'set_queue'?: (number);
  'group'?: (number);
  'push_vlan'?: (number);
  'push_mpls'?: (number);
  'push_pbb'?: (number);
  'pop_vlan'?: (_ofconnmgr_v1_NoArguments | null);
  'pop_mpls'?: (number);
  'pop_pbb'?: (_ofconnmgr_v1_NoArguments | null);
  'set_field'?: (_ofconnmgr_v1_MatchField | null);
  'set_vlan_vid'?: (number);
  'set_vlan_pcp'?: (number);
  'strip_vlan'?: (_ofconnmgr_v1_NoArguments | null);
  'set_dl_src'?: (string);
  'set_dl_dst'?: (string);
  'set_nw_src'?: (string);
  'set_nw_dst'?: (string);
  'set_nw_tos'?: (number);
  'set_tp_src'?: (number);
  'set_tp_dst'?: (number);
  'dec_nw_ttl'?: (_ofconnmgr_v1_NoArguments | null);
  'set_nw_ttl'?: (number);
  'copy_ttl_out'?: (_ofconnmgr_v1_NoArguments | null);
  'copy_ttl_in'?: (_ofconnmgr_v1_NoArguments | null);
  'set_mpls_ttl'?: (number);
  'dec_mpls_ttl'?: (_ofconnmgr_v1_NoArguments | null);
  'opaque'?: (_ofconnmgr_v1_OpaqueTlv | null);
  'kind'?: "output"|"controller"|"enqueue"|"set_queue"|"group"|"push_vlan"|"push_mpls"|"push_pbb"|"pop_vlan"|"pop_mpls"|"pop_pbb"|"set_field"|"set_vlan_vid"|"set_vlan_pcp"|"strip_vlan"|"set_dl_src"|"set_dl_dst"|"set_nw_src"|"set_nw_dst"|"set_nw_tos"|"set_tp_src"|"set_tp_dst"|"dec_nw_ttl"|"set_nw_ttl"|"copy_ttl_out"|"copy_ttl_in"|"set_mpls_ttl"|"dec_mpls_ttl"|"opaque";
}

export interface Action__Output {
  'output'?: (_ofconnmgr_v1_Output__Output | null);
  'controller'?: (_ofconnmgr_v1_ControllerAction__Output | null);
  'enqueue'?: (_ofconnmgr_v1_Enqueue__Output | null);
  'set_queue'?: (number);
  'group'?: (number);
  'push_vlan'?: (number);
  'push_mpls'?: (number);
  'push_pbb'?: (number);
  'pop_vlan'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'pop_mpls'?: (number);
  'pop_pbb'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'set_field'?: (_ofconnmgr_v1_MatchField__Output | null);
  'set_vlan_vid'?: (number);
  'set_vlan_pcp'?: (number);
  'strip_vlan'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'set_dl_src'?: (string);
  'set_dl_dst'?: (string);
  'set_nw_src'?: (string);
  'set_nw_dst'?: (string);
  'set_nw_tos'?: (number);
  'set_tp_src'?: (number);
  'set_tp_dst'?: (number);
  'dec_nw_ttl'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'set_nw_ttl'?: (number);
  'copy_ttl_out'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'copy_ttl_in'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'set_mpls_ttl'?: (number);
  'dec_mpls_ttl'?: (_ofconnmgr_v1_NoArguments__Output | null);
  'opaque'?: (_ofconnmgr_v1_OpaqueTlv__Output | null);
  'kind'?: "output"|"controller"|"enqueue"|"set_queue"|"group"|"push_vlan"|"push_mpls"|"push_pbb"|"pop_vlan"|"pop_mpls"|"pop_pbb"|"set_field"|"set_vlan_vid"|"set_vlan_pcp"|"strip_vlan"|"set_dl_src"|"set_dl_dst"|"set_nw_src"|"set_nw_dst"|"set_nw_tos"|"set_tp_src"|"set_tp_dst"|"dec_nw_ttl"|"set_nw_ttl"|"copy_ttl_out"|"copy_ttl_in"|"set_mpls_ttl"|"dec_mpls_ttl"|"opaque";
}
