// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface SetInBandResponse {
}

export interface SetInBandResponse__Output {
}
