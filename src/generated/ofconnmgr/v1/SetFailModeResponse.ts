// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface SetFailModeResponse {
}

export interface SetFailModeResponse__Output {
}
