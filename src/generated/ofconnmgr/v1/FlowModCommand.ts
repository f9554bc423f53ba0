// Original file: proto/ofconnmgr/v1/connmgr.proto

export const FlowModCommand = {
  FLOW_MOD_ADD: 'FLOW_MOD_ADD',
  FLOW_MOD_MODIFY: 'FLOW_MOD_MODIFY',
  FLOW_MOD_MODIFY_STRICT: 'FLOW_MOD_MODIFY_STRICT',
  FLOW_MOD_DELETE: 'FLOW_MOD_DELETE',
  FLOW_MOD_DELETE_STRICT: 'FLOW_MOD_DELETE_STRICT',
} as const;

export type FlowModCommand =
  | 'FLOW_MOD_ADD'
  | 0
  | 'FLOW_MOD_MODIFY'
  | 1
  | 'FLOW_MOD_MODIFY_STRICT'
  | 2
  | 'FLOW_MOD_DELETE'
  | 3
  | 'FLOW_MOD_DELETE_STRICT'
  | 4

export type FlowModCommand__Output = typeof FlowModCommand[keyof typeof FlowModCommand]
