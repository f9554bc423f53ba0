/**
 * Offline checks of Kubernetes objects, as `make deploy-check` runs them on
 * what kustomize renders from deploy/ (check-manifests.ts is the command,
 * deploy-check.sh the whole check):
 *
 *  - schema: the object's kubernetes-models model validates it
 *    (`new Model(obj).validate()`, the OpenAPI schema of its kind);
 *  - strict keys: no key that the schema does not declare.  The models'
 *    validators are ajv functions compiled from the schema, which ignore
 *    unknown keys.  They do read every property their schema declares (and
 *    every key of a map), so running a model's own validator over proxies
 *    that record each read tells, object by object, which keys the schema
 *    knows; a key never read is one the schema does not have (a typo such
 *    as `readOnlyRootFileSystem` that the API server would drop or refuse);
 *  - policy: what deploy/ promises of ofconnmgr's pods (one replica,
 *    Recreate, hardened containers, a memory limit and no CPU limit, gRPC
 *    probes on the health listener the configuration names, state and TLS
 *    files on mounted volumes).
 */

import { parseAllDocuments } from 'yaml';

/** A JSON object as parsed from YAML. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A kubernetes-models model class: validate() throws when the schema refuses the object. */
interface ModelClass {
  new (data: JsonObject): { validate(): void };
  prototype: { validate(): void };
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses a YAML stream of one or more documents (YAML 1.1, as Kubernetes
 * reads it) into the objects it holds, skipping empty documents.  Throws
 * with the parser's message on a syntax error.
 */
export function parseManifests(text: string): JsonObject[] {
  const objects: JsonObject[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (!isObject(value)) throw new Error('a document is not a mapping');
    objects.push(value);
  }
  return objects;
}

/** "Deployment apps/v1 ofconnmgr": how problems name an object. */
export function describe(obj: JsonObject): string {
  const name = isObject(obj['metadata']) ? obj['metadata']['name'] : undefined;
  return `${String(obj['kind'])} ${String(obj['apiVersion'])} ${String(name ?? '(no name)')}`;
}

/**
 * The kubernetes-models model of 'obj' (its apiVersion and kind), or a
 * problem saying there is none.  Imports the model's module.
 */
export async function modelOf(obj: JsonObject): Promise<ModelClass | string> {
  const apiVersion = obj['apiVersion'];
  const kind = obj['kind'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z0-9.]+(\/[A-Za-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) {
    return 'no apiVersion and kind';
  }
  try {
    const mod = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, unknown>;
    const model = mod[kind];
    if (typeof model === 'function') return model as ModelClass;
  } catch {
    // fall through: no such module
  }
  return `kubernetes-models has no model of ${kind} in ${apiVersion}`;
}

/** The schema's complaint about 'obj' (ajv's message), or null if 'model' validates it. */
export function schemaProblem(model: ModelClass, obj: JsonObject): string | null {
  try {
    new model(obj).validate();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * The paths (`spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem`)
 * of every key of 'obj' that the schema of 'model' does not declare.
 * Runs the model's validator over recording proxies of 'obj' (see the
 * file comment); call it on an object that passes schemaProblem, since a
 * validator that meets a wrong type stops descending there.  An object
 * whose schema leaves its content free (no declared properties, not a
 * map) has all its keys reported.
 */
export function unknownKeys(model: ModelClass, obj: JsonObject): string[] {
  const read = new WeakMap<object, Set<string>>();
  const proxies = new WeakMap<object, object>();
  const wrap = <T extends object>(target: T): T => {
    let p = proxies.get(target) as T | undefined;
    if (!p) {
      read.set(target, new Set());
      p = new Proxy(target, {
        get(t, key, receiver) {
          const v: unknown = Reflect.get(t, key, receiver);
          if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(t, key)) read.get(t)!.add(key);
          return typeof v === 'object' && v !== null ? wrap(v) : v;
        },
      });
      proxies.set(target, p);
    }
    return p;
  };
  try {
    model.prototype.validate.call(wrap(obj));
  } catch {
    // schemaProblem reports refusals; the keys read so far still count
  }
  const unknown: string[] = [];
  const walk = (v: Json, path: string): void => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (isObject(v)) {
      const known = read.get(v);
      for (const [key, child] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        if (!known?.has(key)) unknown.push(at);
        else walk(child, at);
      }
    }
  };
  walk(obj, '');
  return unknown;
}

function get(v: Json | undefined, ...path: string[]): Json | undefined {
  let cur: Json | undefined = v;
  for (const key of path) cur = isObject(cur) ? cur[key] : undefined;
  return cur;
}

function list(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : [];
}

/** The TCP port of a HOST:PORT, or undefined. */
function portOf(hostPort: string | undefined): number | undefined {
  const m = hostPort === undefined ? null : /:(\d+)$/.exec(hostPort);
  return m ? Number(m[1]) : undefined;
}

/** True if 'dir' is 'mountPath' or inside it. */
function under(dir: string, mountPath: string): boolean {
  const m = mountPath.replace(/\/+$/, '');
  return dir === m || dir.startsWith(`${m}/`);
}

function containerProblems(where: string, c: Json, podSecurity: Json | undefined): string[] {
  const problems: string[] = [];
  const sc = get(c, 'securityContext');
  if (get(sc, 'allowPrivilegeEscalation') !== false) problems.push(`${where}: securityContext.allowPrivilegeEscalation is not false`);
  if (get(sc, 'readOnlyRootFilesystem') !== true) problems.push(`${where}: securityContext.readOnlyRootFilesystem is not true`);
  if (!list(get(sc, 'capabilities', 'drop')).includes('ALL')) problems.push(`${where}: securityContext.capabilities.drop lacks ALL`);
  if (get(sc, 'runAsNonRoot') !== true && get(podSecurity, 'runAsNonRoot') !== true) problems.push(`${where}: runAsNonRoot is not true`);
  const seccomp = get(sc, 'seccompProfile', 'type') ?? get(podSecurity, 'seccompProfile', 'type');
  if (seccomp !== 'RuntimeDefault') problems.push(`${where}: seccompProfile is not RuntimeDefault`);
  for (const r of ['cpu', 'memory']) {
    if (get(c, 'resources', 'requests', r) === undefined) problems.push(`${where}: no ${r} request`);
  }
  if (get(c, 'resources', 'limits', 'memory') === undefined) problems.push(`${where}: no memory limit`);
  if (get(c, 'resources', 'limits', 'cpu') !== undefined) problems.push(`${where}: a CPU limit (throttling breaks echo deadlines)`);
  return problems;
}

/** Problems of ofconnmgr's own container: probes, state and TLS files against its configuration. */
function ofconnmgrProblems(where: string, c: Json, env: Record<string, string>, volumes: Json[]): string[] {
  const problems: string[] = [];
  const mounts = list(get(c, 'volumeMounts'));
  const mountFor = (path: string): Json | undefined => mounts.find((m) => under(path, String(get(m, 'mountPath'))));
  const volumeOf = (mount: Json): Json | undefined => volumes.find((v) => get(v, 'name') === get(mount, 'name'));

  const healthPort = portOf(env['OFCONNMGR_HEALTH_LISTEN']);
  if (env['OFCONNMGR_HEALTH_LISTEN']?.startsWith('127.')) problems.push(`${where}: OFCONNMGR_HEALTH_LISTEN is on loopback, where the kubelet cannot reach it`);
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const port = get(c, probe, 'grpc', 'port');
    if (port === undefined) problems.push(`${where}: ${probe} is not a gRPC probe`);
    else if (port !== healthPort) problems.push(`${where}: ${probe} asks port ${String(port)}, the health listener is ${env['OFCONNMGR_HEALTH_LISTEN'] ?? '(none)'}`);
  }
  const stateDir = env['OFCONNMGR_STATE_DIR'];
  if (!stateDir) problems.push(`${where}: no OFCONNMGR_STATE_DIR (the default ./var is on the read-only root filesystem)`);
  else if (!mountFor(stateDir) || get(mountFor(stateDir), 'readOnly') === true) problems.push(`${where}: state directory ${stateDir} is not on a writable volume`);
  for (const name of ['OFCONNMGR_TLS_CERT', 'OFCONNMGR_TLS_KEY', 'OFCONNMGR_TLS_CLIENT_CA']) {
    const file = env[name];
    if (!file) continue;
    const mount = mountFor(file);
    if (!mount) problems.push(`${where}: ${name}=${file} is on no mounted volume`);
    else if (get(volumeOf(mount), 'secret') === undefined) problems.push(`${where}: ${name}=${file} is not on a Secret volume`);
  }
  if (Boolean(env['OFCONNMGR_TLS_CERT']) !== Boolean(env['OFCONNMGR_TLS_KEY'])) problems.push(`${where}: OFCONNMGR_TLS_CERT and OFCONNMGR_TLS_KEY go together`);
  const listen = env['OFCONNMGR_LISTEN'] ?? '127.0.0.1:50051';
  if (!listen.startsWith('127.') && !env['OFCONNMGR_TLS_CERT']) problems.push(`${where}: the API listens on ${listen} without TLS`);
  return problems;
}

/**
 * What deploy/ promises of the pods it runs, checked over every rendered
 * object together (a container's OFCONNMGR_* variables come from its env
 * and the ConfigMaps its envFrom names): each Deployment has one replica
 * and the Recreate strategy; every container is hardened (no privilege
 * escalation, read-only root filesystem, ALL capabilities dropped,
 * non-root, RuntimeDefault seccomp) and has CPU and memory requests and a
 * memory limit but no CPU limit; the ofconnmgr container (its image is
 * named ofconnmgr) has gRPC readiness and liveness probes on the port of
 * OFCONNMGR_HEALTH_LISTEN, its state directory on a writable volume, its
 * TLS files on a Secret volume, and no plaintext API beyond loopback.
 * Returns the problems, one line each; pure.
 */
export function policyProblems(objects: readonly JsonObject[]): string[] {
  const configMaps = new Map<string, Record<string, string>>();
  for (const o of objects) {
    if (o['kind'] !== 'ConfigMap') continue;
    const data = get(o, 'data');
    configMaps.set(String(get(o, 'metadata', 'name')), isObject(data) ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)])) : {});
  }
  const problems: string[] = [];
  for (const o of objects) {
    if (o['kind'] !== 'Deployment') continue;
    const name = describe(o);
    if (get(o, 'spec', 'replicas') !== 1) problems.push(`${name}: replicas is not 1`);
    if (get(o, 'spec', 'strategy', 'type') !== 'Recreate') problems.push(`${name}: strategy is not Recreate`);
    const pod = get(o, 'spec', 'template', 'spec');
    const volumes = list(get(pod, 'volumes'));
    const containers = [...list(get(pod, 'initContainers')), ...list(get(pod, 'containers'))];
    let ofconnmgrs = 0;
    for (const c of containers) {
      const where = `${name} container ${String(get(c, 'name'))}`;
      problems.push(...containerProblems(where, c, get(pod, 'securityContext')));
      if (!/(^|\/)ofconnmgr([:@]|$)/.test(String(get(c, 'image')))) continue;
      ofconnmgrs++;
      const env: Record<string, string> = {};
      for (const from of list(get(c, 'envFrom'))) {
        const ref = get(from, 'configMapRef', 'name');
        if (ref === undefined) continue;
        const data = configMaps.get(String(ref));
        if (!data) problems.push(`${where}: envFrom names ConfigMap ${String(ref)}, which is not rendered`);
        Object.assign(env, data ?? {});
      }
      for (const e of list(get(c, 'env'))) {
        if (typeof get(e, 'value') === 'string') env[String(get(e, 'name'))] = String(get(e, 'value'));
      }
      problems.push(...ofconnmgrProblems(where, c, env, volumes));
    }
    if (ofconnmgrs !== 1) problems.push(`${name}: ${ofconnmgrs} ofconnmgr containers, not 1`);
  }
  return problems;
}

/**
 * Every check of every object in 'objects': schema, strict keys, then the
 * policy over all of them.  Resolves to the problems, one line each,
 * naming the object; empty when all is well.
 */
export async function checkManifests(objects: readonly JsonObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const obj of objects) {
    const model = await modelOf(obj);
    if (typeof model === 'string') {
      problems.push(`${describe(obj)}: ${model}`);
      continue;
    }
    const refused = schemaProblem(model, obj);
    if (refused) {
      problems.push(`${describe(obj)}: schema: ${refused}`);
      continue;
    }
    for (const key of unknownKeys(model, obj)) problems.push(`${describe(obj)}: unknown key ${key}`);
  }
  problems.push(...policyProblems(objects));
  return problems;
}
