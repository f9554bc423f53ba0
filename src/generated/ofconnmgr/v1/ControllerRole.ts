// Original file: proto/ofconnmgr/v1/connmgr.proto

export const ControllerRole = {
  CONTROLLER_ROLE_UNSPECIFIED: 'CONTROLLER_ROLE_UNSPECIFIED',
  OTHER: 'OTHER',
  MASTER: 'MASTER',
  SLAVE: 'SLAVE',
} as const;

export type ControllerRole =
  | 'CONTROLLER_ROLE_UNSPECIFIED'
  | 0
  | 'OTHER'
  | 1
  | 'MASTER'
  | 2
  | 'SLAVE'
  | 3

export type ControllerRole__Output = typeof ControllerRole[keyof typeof ControllerRole]
