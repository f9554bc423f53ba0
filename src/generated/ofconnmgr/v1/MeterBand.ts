// Original file: proto/ofconnmgr/v1/connmgr.proto

import type { MeterBandRate as _ofconnmgr_v1_MeterBandRate, MeterBandRate__Output as _ofconnmgr_v1_MeterBandRate__Output } from '../../ofconnmgr/v1/MeterBandRate.js';
import type { MeterBandDscpRemark as _ofconnmgr_v1_MeterBandDscpRemark, MeterBandDscpRemark__Output as _ofconnmgr_v1_MeterBandDscpRemark__Output } from '../../ofconnmgr/v1/MeterBandDscpRemark.js';
import type { MeterBandExperimenter as _ofconnmgr_v1_MeterBandExperimenter, MeterBandExperimenter__Output as _ofconnmgr_v1_MeterBandExperimenter__Output } from '../../ofconnmgr/v1/MeterBandExperimenter.js';

export interface MeterBand {
  'drop'?: (_ofconnmgr_v1_MeterBandRate | null);
  'dscp_remark'?: (_ofconnmgr_v1_MeterBandDscpRemark | null);
  'experimenter'?: (_ofconnmgr_v1_MeterBandExperimenter | null);
  'kind'?: "drop"|"dscp_remark"|"experimenter";
}

export interface MeterBand__Output {
  'drop'?: (_ofconnmgr_v1_MeterBandRate__Output | null);
  'dscp_remark'?: (_ofconnmgr_v1_MeterBandDscpRemark__Output | null);
  'experimenter'?: (_ofconnmgr_v1_MeterBandExperimenter__Output | null);
  'kind'?: "drop"|"dscp_remark"|"experimenter";
}
