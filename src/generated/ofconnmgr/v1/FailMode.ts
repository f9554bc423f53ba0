// Original file: proto/ofconnmgr/v1/connmgr.proto

export const FailMode = {
  FAIL_MODE_UNSPECIFIED: 'FAIL_MODE_UNSPECIFIED',
  STANDALONE: 'STANDALONE',
  SECURE: 'SECURE',
} as const;

export type FailMode =
  | 'FAIL_MODE_UNSPECIFIED'
  | 0
  | 'STANDALONE'
  | 1
  | 'SECURE'
  | 2

export type FailMode__Output = typeof FailMode[keyof typeof FailMode]
