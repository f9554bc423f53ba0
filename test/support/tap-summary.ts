/**
 * Reads ava's TAP output on stdin, passes it through, and ends with the
 * plain line CI reads: "N passed, N failed".  Exits non-zero when a test
 * failed or when the TAP stream has no plan (ava crashed).
 */

let passed = 0;
let failed = 0;
let planned = false;
let carry = '';

function line(l: string): void {
  if (/^ok \d+/.test(l) && !/# SKIP/i.test(l)) passed++;
  else if (/^not ok \d+/.test(l) && !/# TODO/i.test(l)) failed++;
  else if (/^1\.\.\d+/.test(l)) planned = true;
}

process.stdin.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  const text = carry + chunk.toString('utf8');
  const lines = text.split('\n');
  carry = lines.pop() ?? '';
  lines.forEach(line);
});
process.stdin.on('end', () => {
  if (carry) line(carry);
  if (!planned && failed === 0) failed = 1;
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 ? 1 : 0;
});
