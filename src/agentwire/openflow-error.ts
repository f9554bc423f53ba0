/**
 * OpenFlow errors on the agent channel: the error a datapath request
 * failed with, as the proto's OpenFlowError.  This side always writes the
 * name Open vSwitch gives it ("OFPBAC_BAD_OUT_PORT"); an agent may instead
 * give the (type, code) pair in OpenFlow 1.3 numbering, which is read back
 * through the catalogue of src/openflow/ofperr.ts.
 */

import { canonicalErrName, ofperrFromWire, type OfpErrName } from '../openflow/ofperr.js';
import type { OpenFlowError as PbError, OpenFlowError__Output as PbErrorOut } from '../generated/ofconnmgr/v1/OpenFlowError.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { describe, uintFrom } from './proto-scalars.js';

/** The wire version whose numbering an OpenFlowError's type and code use. */
const NUMBERING_VERSION = 4;

/** A neutral error name as a proto OpenFlowError (by name). */
export function openFlowErrorToProto(name: OfpErrName): PbError {
  return { name };
}

/**
 * The error name of proto 'p' at 'path': its name (old spellings such as
 * OFPBRC_IS_SLAVE and an OFPERR_ prefix accepted), or, with no name, its
 * OpenFlow 1.3 type and code.  Throws AgentWireError for a name the
 * catalogue does not know or a pair no error has in OpenFlow 1.3.
 */
export function openFlowErrorFromProto(p: PbErrorOut, path: string): OfpErrName {
  if (p.name !== '' && p.name !== undefined) {
    const name = typeof p.name === 'string' ? canonicalErrName(p.name) : undefined;
    if (name === undefined) {
      throw new AgentWireError(fieldPath(path, 'name'), `unknown OpenFlow error ${describe(p.name)} (an Open vSwitch name such as "OFPBAC_BAD_OUT_PORT")`);
    }
    return name;
  }
  const type = uintFrom(p.type, 16, fieldPath(path, 'type'));
  const code = uintFrom(p.code, 16, fieldPath(path, 'code'));
  const name = ofperrFromWire(NUMBERING_VERSION, { form: 'standard', type, code });
  if (name === undefined) throw new AgentWireError(path, `no OpenFlow 1.3 error has type ${type} and code ${code}, and no name is given`);
  return name;
}
