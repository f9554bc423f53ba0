// Original file: proto/ofconnmgr/v1/connmgr.proto

export const ConnectionType = {
  CONNECTION_TYPE_UNSPECIFIED: 'CONNECTION_TYPE_UNSPECIFIED',
  PRIMARY: 'PRIMARY',
  SERVICE: 'SERVICE',
} as const;

export type ConnectionType =
  | 'CONNECTION_TYPE_UNSPECIFIED'
  | 0
  | 'PRIMARY'
  | 1
  | 'SERVICE'
  | 2

export type ConnectionType__Output = typeof ConnectionType[keyof typeof ConnectionType]
