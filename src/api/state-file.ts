/**
 * The service's state file: the configuration a restart must bring back
 * (each bridge's settings, controllers, fail mode, snoops and in-band settings), as JSON in
 * DIR/state.json.  It holds the configuration in its API (proto) form, so
 * that restoring it goes through the same conversion and validation
 * (conversion.ts) a request does.  server.ts reads it before it serves
 * and writes it after every successful configuration change (handlers.ts);
 * bridges.ts keeps what is written.
 *
 * A write never leaves a partial file: the whole text goes to a temporary
 * file in the same directory, is fsync'ed, and is renamed over the real one
 * (rename is atomic within a file system), then the directory is fsync'ed.
 * A temporary file a crash leaves behind is never read.
 */

import { mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bridge__Output } from '../generated/ofconnmgr/v1/Bridge.js';
import type { Controller__Output } from '../generated/ofconnmgr/v1/Controller.js';
import type { BridgeRegistry } from './bridges.js';
import { applyInBand, bridgeFromProto, bridgeToProto, controllersFromProto, inBandFromProto, inBandToProto, snoopsFromProto } from './conversion.js';

/** Where `serve` keeps its state without --state-dir. */
export const DEFAULT_STATE_DIR = './var';
/** The state file's name inside its directory. */
export const STATE_FILE_NAME = 'state.json';
/** The format version written in the file; other versions are refused. */
export const STATE_FORMAT = 1;

/** One bridge as saved: its API form, its controllers and its snoops. */
export interface SavedBridge {
  readonly bridge: Bridge__Output;
  readonly controllers: readonly Controller__Output[];
  readonly snoops: readonly string[];
  /** SetInBand's settings; absent (files written before SetInBand existed): the defaults. */
  readonly in_band?: { readonly disable_in_band: boolean; readonly queue_id?: number; readonly remotes: readonly string[] };
}

/** The whole saved configuration. */
export interface SavedState {
  readonly format: number;
  readonly bridges: readonly SavedBridge[];
}

/** A state file that cannot be read or used; the message names the file. */
export class StateFileError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`state file ${path}: ${problem}`);
    this.name = 'StateFileError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the shape of a parsed file (values are checked on restore); returns the problem or null. */
function shapeProblem(v: unknown): string | null {
  if (!isRecord(v)) return 'not a JSON object';
  if (v['format'] !== STATE_FORMAT) return `format ${JSON.stringify(v['format'])} is not ${STATE_FORMAT}`;
  if (!Array.isArray(v['bridges'])) return '"bridges" is not a list';
  for (const [i, b] of (v['bridges'] as unknown[]).entries()) {
    if (!isRecord(b) || !isRecord(b['bridge']) || typeof b['bridge']['name'] !== 'string') return `bridges[${i}].bridge is not a bridge`;
    const br = b['bridge'];
    if (typeof br['datapath_id'] !== 'string' || typeof br['packet_buffers'] !== 'number' || !Array.isArray(br['protocols'])) {
      return `bridges[${i}].bridge is not a bridge`;
    }
    if (!Array.isArray(b['controllers']) || !(b['controllers'] as unknown[]).every((c) => isRecord(c) && typeof c['target'] === 'string')) {
      return `bridges[${i}].controllers is not a list of controllers`;
    }
    if (!Array.isArray(b['snoops']) || !(b['snoops'] as unknown[]).every((s) => typeof s === 'string')) {
      return `bridges[${i}].snoops is not a list of targets`;
    }
    const ib = b['in_band'];
    if (ib !== undefined && (!isRecord(ib) || typeof ib['disable_in_band'] !== 'boolean' || !Array.isArray(ib['remotes'])
      || !(ib['remotes'] as unknown[]).every((r) => typeof r === 'string') || (ib['queue_id'] !== undefined && typeof ib['queue_id'] !== 'number'))) {
      return `bridges[${i}].in_band is not in-band settings`;
    }
  }
  return null;
}

/** Fills the fields a proto3 decoder would default, so that a hand-edited file validates as a request would. */
function controllerDefaults(c: Partial<Controller__Output> & { target: string }): Controller__Output {
  return {
    type: 'CONNECTION_TYPE_UNSPECIFIED',
    max_backoff_ms: 0,
    rate_limit: 0,
    burst_limit: 0,
    controller_queue_size: 0,
    connection_mode: 'CONNECTION_MODE_UNSPECIFIED',
    allowed_versions: [],
    ...c,
  };
}

/** The state file of directory 'dir'. */
export class StateFile {
  /** The file's path. */
  readonly path: string;
  private readonly tempPath: string;
  /** Writes in progress, one after another. */
  private writing: Promise<void> = Promise.resolve();

  /** Creates 'dir' (and its parents) if missing; throws StateFileError if it cannot. */
  constructor(readonly dir: string) {
    this.path = join(dir, STATE_FILE_NAME);
    this.tempPath = join(dir, `.${STATE_FILE_NAME}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new StateFileError(this.path, `cannot create its directory: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * The saved configuration: empty if the file does not exist.  Throws
   * StateFileError if it cannot be read, is not JSON or is not a state.
   */
  async load(): Promise<SavedState> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { format: STATE_FORMAT, bridges: [] };
      throw new StateFileError(this.path, `cannot read: ${e instanceof Error ? e.message : String(e)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new StateFileError(this.path, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const problem = shapeProblem(parsed);
    if (problem !== null) throw new StateFileError(this.path, problem);
    return parsed as SavedState;
  }

  /**
   * Replaces the file with 'state', atomically (temporary file, fsync,
   * rename, directory fsync).  Writes are serialised in call order.
   * Rejects with StateFileError if it cannot write; the old file then
   * stands.
   */
  save(state: SavedState): Promise<void> {
    const text = JSON.stringify(state, null, 2) + '\n';
    const write = async (): Promise<void> => {
      try {
        await mkdir(this.dir, { recursive: true });
        const f = await open(this.tempPath, 'w', 0o600);
        try {
          await f.writeFile(text, 'utf8');
          await f.sync();
        } finally {
          await f.close();
        }
        await rename(this.tempPath, this.path);
        const d = await open(this.dir, 'r');
        try {
          await d.sync();
        } finally {
          await d.close();
        }
      } catch (e) {
        throw new StateFileError(this.path, `cannot write: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    const done = this.writing.then(write);
    this.writing = done.catch(() => undefined);
    return done;
  }
}

/** The configuration of every bridge of 'bridges', as a state file holds it. */
export function savedStateOf(bridges: BridgeRegistry): SavedState {
  return {
    format: STATE_FORMAT,
    bridges: bridges.list().map((b) => ({
      bridge: bridgeToProto(b.config) as Bridge__Output,
      controllers: b.controllers,
      snoops: b.snoops,
      in_band: inBandToProto(b.inBand),
    })),
  };
}

/**
 * Creates in 'bridges' (expected empty) every bridge of 'state' with its
 * controllers and snoops, each converted and validated as the API does.
 * Throws StateFileError naming 'path' and the offending entry if a value
 * is refused; bridges already made stay (the caller closes the registry).
 */
export async function restoreState(bridges: BridgeRegistry, state: SavedState, path: string): Promise<void> {
  for (const [i, saved] of state.bridges.entries()) {
    const where = `bridges[${i}]`;
    let entry;
    try {
      const config = bridgeFromProto(saved.bridge);
      const controllers = saved.controllers.map(controllerDefaults);
      const desired = controllersFromProto(controllers, config.protocols);
      const snoops = snoopsFromProto(saved.snoops);
      entry = await bridges.create(config);
      await entry.mgr.setControllers(desired);
      entry.controllers = controllers;
      await entry.mgr.setSnoops(snoops);
      entry.snoops = snoops;
      if (saved.in_band) {
        const inBand = inBandFromProto({ ...saved.in_band, remotes: [...saved.in_band.remotes] });
        await applyInBand(entry.mgr, inBand);
        entry.inBand = inBand;
      }
    } catch (e) {
      throw new StateFileError(path, `${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
