// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface Barrier {
}

export interface Barrier__Output {
}
