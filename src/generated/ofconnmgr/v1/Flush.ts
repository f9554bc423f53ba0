// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface Flush {
}

export interface Flush__Output {
}
