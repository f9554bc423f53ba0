// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface ListBridgesRequest {
}

export interface ListBridgesRequest__Output {
}
