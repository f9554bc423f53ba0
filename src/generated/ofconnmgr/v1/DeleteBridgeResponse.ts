// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface DeleteBridgeResponse {
}

export interface DeleteBridgeResponse__Output {
}
