// Original file: proto/ofconnmgr/v1/connmgr.proto

export const ConnectionMode = {
  CONNECTION_MODE_UNSPECIFIED: 'CONNECTION_MODE_UNSPECIFIED',
  IN_BAND: 'IN_BAND',
  OUT_OF_BAND: 'OUT_OF_BAND',
} as const;

export type ConnectionMode =
  | 'CONNECTION_MODE_UNSPECIFIED'
  | 0
  | 'IN_BAND'
  | 1
  | 'OUT_OF_BAND'
  | 2

export type ConnectionMode__Output = typeof ConnectionMode[keyof typeof ConnectionMode]
