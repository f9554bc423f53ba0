/**
 * The command `make deploy-check` (deploy-check.sh) runs on what kustomize
 * renders: `tsx test/deploy/check-manifests.ts LABEL < rendered.yaml`.
 * Checks every object (manifest-check.ts: schema, strict keys, policy);
 * prints one line per problem and exits 1, or prints "LABEL: N objects
 * (KINDS) pass" and exits 0.
 */

import { checkManifests, parseManifests } from './manifest-check.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(label: string): Promise<number> {
  let objects;
  try {
    objects = parseManifests(await readStdin());
  } catch (e) {
    process.stderr.write(`${label}: not YAML: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (objects.length === 0) {
    process.stderr.write(`${label}: no objects\n`);
    return 1;
  }
  const problems = await checkManifests(objects);
  for (const p of problems) process.stderr.write(`${label}: ${p}\n`);
  if (problems.length > 0) return 1;
  const kinds = objects.map((o) => String(o['kind'])).sort();
  process.stdout.write(`${label}: ${objects.length} objects (${kinds.join(', ')}) pass schema, strict-key and policy checks\n`);
  return 0;
}

main(process.argv[2] ?? 'manifests').then((status) => (process.exitCode = status));
