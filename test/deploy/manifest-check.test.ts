/**
 * The offline manifest checks of `make deploy-check`
 * (test/deploy/manifest-check.ts): deploy/base's own files pass them, and
 * each check refuses what it is there to refuse (a misspelled key at any
 * depth, a value of the wrong type, a kind with no model, a pod that breaks
 * deploy/'s promises).
 */

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { parse } from 'yaml';
import { checkManifests, modelOf, parseManifests, policyProblems, schemaProblem, unknownKeys, type JsonObject } from './manifest-check.js';

const BASE = fileURLToPath(new URL('../../deploy/base/', import.meta.url));

/**
 * deploy/base's objects as kustomize would give them, without kustomize:
 * each resource file, and the ConfigMap its configMapGenerator makes
 * (without the hash suffix, so the Deployment's reference matches).
 */
function baseObjects(): JsonObject[] {
  const kustomization = parse(readFileSync(`${BASE}kustomization.yaml`, 'utf8')) as {
    resources: string[];
    configMapGenerator: Array<{ name: string; literals: string[] }>;
  };
  const objects = kustomization.resources.flatMap((f) => parseManifests(readFileSync(`${BASE}${f}`, 'utf8')));
  for (const g of kustomization.configMapGenerator) {
    const data = Object.fromEntries(g.literals.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: g.name }, data });
  }
  return objects;
}

function deployment(objects: JsonObject[]): JsonObject {
  return structuredClone(objects.find((o) => o['kind'] === 'Deployment')!);
}

/** The first container of a Deployment, for editing. */
function container(d: JsonObject): Record<string, unknown> {
  return ((d['spec'] as { template: { spec: { containers: Array<Record<string, unknown>> } } }).template.spec.containers[0])!;
}

test('every file of deploy/base is listed in its kustomization', (t) => {
  const listed = (parse(readFileSync(`${BASE}kustomization.yaml`, 'utf8')) as { resources: string[] }).resources.sort();
  t.deepEqual(listed, readdirSync(BASE).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort());
});

test("deploy/base's objects pass schema, strict-key and policy checks", async (t) => {
  const objects = baseObjects();
  t.deepEqual(objects.map((o) => o['kind']).sort(), ['ConfigMap', 'Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']);
  t.deepEqual(await checkManifests(objects), []);
});

test('strict keys: a misspelled key is reported with its path, at the top, deep inside, and in a list item', async (t) => {
  const d = deployment(baseObjects());
  const model = await modelOf(d);
  if (typeof model === 'string') throw new Error(model);
  t.deepEqual(unknownKeys(model, d), []);
  const c = container(d);
  const sc = c['securityContext'] as Record<string, unknown>;
  sc['readOnlyRootFileSystem'] = sc['readOnlyRootFilesystem'];
  delete sc['readOnlyRootFilesystem'];
  (c['ports'] as Array<Record<string, unknown>>)[1]!['contianerPort'] = 1;
  d['metdata'] = {};
  // A misspelling is still schema-valid: that is why the key check exists.
  t.is(schemaProblem(model, d), null);
  t.deepEqual(unknownKeys(model, d).sort(), [
    'metdata',
    'spec.template.spec.containers[0].ports[1].contianerPort',
    'spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem',
  ]);
  t.true((await checkManifests([d])).includes('Deployment apps/v1 ofconnmgr: unknown key metdata'));
});

test('strict keys: the keys of maps (labels, ConfigMap data, resource quantities) are anyone\'s', async (t) => {
  const cm: JsonObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'x', labels: { 'anything.example/goes': 'yes' }, annotations: { free: 'text' } },
    data: { OFCONNMGR_WHATEVER: '1', 'some.file': 'content' },
  };
  const model = await modelOf(cm);
  if (typeof model === 'string') throw new Error(model);
  t.deepEqual(unknownKeys(model, cm), []);
  cm['dataa'] = {};
  t.deepEqual(unknownKeys(model, cm), ['dataa']);
});

test('schema: a value of the wrong type and a kind without a model are refused', async (t) => {
  const d = deployment(baseObjects());
  (d['spec'] as Record<string, unknown>)['replicas'] = 'one';
  const problems = await checkManifests([d]);
  t.true(problems.some((p) => /^Deployment apps\/v1 ofconnmgr: schema: .*replicas/.test(p)), problems.join('\n'));
  t.deepEqual(await checkManifests([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }]), [
    'Widget example.com/v1 w: kubernetes-models has no model of Widget in example.com/v1',
  ]);
});

test('policy: a CPU limit, a probe on the wrong port, state on the root filesystem, TLS outside a Secret are each reported', (t) => {
  const objects = baseObjects();
  const configMap = objects.find((o) => o['kind'] === 'ConfigMap')!;
  const d = deployment(objects);
  const c = container(d);
  (c['resources'] as { limits: Record<string, string> }).limits['cpu'] = '500m';
  (c['livenessProbe'] as { grpc: { port: number } }).grpc.port = 50051;
  c['volumeMounts'] = (c['volumeMounts'] as Array<{ name: string }>).filter((m) => m.name !== 'state');
  c['env'] = [{ name: 'OFCONNMGR_TLS_CLIENT_CA', value: '/etc/ssl/certs/ca.pem' }];
  (d['spec'] as { strategy: { type: string } }).strategy.type = 'RollingUpdate';
  const where = 'Deployment apps/v1 ofconnmgr container ofconnmgr';
  t.deepEqual(policyProblems([configMap, d]), [
    'Deployment apps/v1 ofconnmgr: strategy is not Recreate',
    `${where}: a CPU limit (throttling breaks echo deadlines)`,
    `${where}: livenessProbe asks port 50051, the health listener is 0.0.0.0:50052`,
    `${where}: state directory /var/lib/ofconnmgr is not on a writable volume`,
    `${where}: OFCONNMGR_TLS_CLIENT_CA=/etc/ssl/certs/ca.pem is on no mounted volume`,
  ]);
});

test('policy: a plaintext API beyond loopback and a ConfigMap that is not there are reported', (t) => {
  const objects = baseObjects();
  const d = deployment(objects);
  container(d)['env'] = [
    { name: 'OFCONNMGR_TLS_CERT', value: '' },
    { name: 'OFCONNMGR_TLS_KEY', value: '' },
  ];
  const where = 'Deployment apps/v1 ofconnmgr container ofconnmgr';
  t.deepEqual(policyProblems([objects.find((o) => o['kind'] === 'ConfigMap')!, d]), [`${where}: the API listens on 0.0.0.0:50051 without TLS`]);
  t.true(policyProblems([d]).includes(`${where}: envFrom names ConfigMap ofconnmgr-config, which is not rendered`));
});
