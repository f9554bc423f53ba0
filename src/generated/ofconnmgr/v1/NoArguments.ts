// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface NoArguments {
}

export interface NoArguments__Output {
}
