// Original file: proto/ofconnmgr/v1/connmgr.proto

export const OpenFlowVersion = {
  OPENFLOW_VERSION_UNSPECIFIED: 'OPENFLOW_VERSION_UNSPECIFIED',
  OPENFLOW10: 'OPENFLOW10',
  OPENFLOW11: 'OPENFLOW11',
  OPENFLOW12: 'OPENFLOW12',
  OPENFLOW13: 'OPENFLOW13',
  OPENFLOW14: 'OPENFLOW14',
  OPENFLOW15: 'OPENFLOW15',
} as const;

export type OpenFlowVersion =
  | 'OPENFLOW_VERSION_UNSPECIFIED'
  | 0
  | 'OPENFLOW10'
  | 1
  | 'OPENFLOW11'
  | 2
  | 'OPENFLOW12'
  | 3
  | 'OPENFLOW13'
  | 4
  | 'OPENFLOW14'
  | 5
  | 'OPENFLOW15'
  | 6

export type OpenFlowVersion__Output = typeof OpenFlowVersion[keyof typeof OpenFlowVersion]
