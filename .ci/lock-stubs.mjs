#!/usr/bin/env node
// This registry serves only this machine's platform builds of native packages, so npm cannot record the
// other platforms' optional packages in package-lock.json, and `npm ci` then rejects the lock as out of
// sync ("Missing: @swc/core-darwin-arm64@ from lock file"). Run this after `npm install` changes the lock:
// it adds a version-pinned entry with os/cpu for each missing optional package, which `npm ci` skips.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const OSES = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony'];
const CPUS = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'arm'];

let report = '';
try {
  execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: new URL('..', import.meta.url),
    stdio: 'pipe',
  });
} catch (error) {
  report = `${error.stdout}${error.stderr}`;
}
const missing = [...new Set([...report.matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((m) => m[1]))];
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
for (const name of missing) {
  const parent = Object.values(lock.packages).find((meta) => meta.optionalDependencies?.[name]);
  if (!parent) throw new Error(`${name} is missing but no package lists it as optional: run npm install`);
  const tail = name.split('/').pop();
  const os = OSES.find((o) => tail.includes(o));
  const cpu = CPUS.find((c) => new RegExp(`-${c}(-|$)`).test(tail));
  if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}`);
  lock.packages[`node_modules/${name}`] = {
    version: parent.optionalDependencies[name].replace(/^[\^~=]/, ''),
    cpu: [cpu],
    ...(parent.dev ? { dev: true } : {}),
    optional: true,
    os: [os],
  };
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b))]);
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  missing.length ? `stubbed ${missing.length} optional packages for other platforms` : 'the lock is in sync',
);
