// Original file: proto/ofconnmgr/v1/connmgr.proto


export interface SetControllersResponse {
}

export interface SetControllersResponse__Output {
}
