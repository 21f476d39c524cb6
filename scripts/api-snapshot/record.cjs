'use strict';
// `node scripts/api-snapshot/record.cjs MANIFEST`, run by build.mjs after a build: loads the API's modules as a
// start does (dist/apps/api/src/main.js required, so its main() does not run) and writes what the snapshot builder
// (entry.cjs) needs: how each require resolved, the requests each module makes while it loads, in order, and which
// modules must load at run time instead.
const Module = require('node:module');
const { existsSync, readFileSync, realpathSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const root = resolve(__dirname, '../..');
const main = join(root, 'dist/apps/api/src/main.js');
const stampFile = join(root, 'dist/.build-stamp');
// npm rewrites it on every install: a snapshot made before one holds the old packages.
const lockFile = join(root, 'node_modules/.package-lock.json');

// Built-ins known to load while a snapshot is built on Node 20 (each tried with --build-snapshot and used after
// the start). Node warns that async_hooks, child_process, cluster, perf_hooks and tty are "not yet fully verified"
// in a snapshot; what the API uses of them was tried after a start from one (AsyncLocalStorage, AsyncResource,
// hooks; spawn, fork, execSync; performance.now, monitorEventLoopDelay; isatty).
const BUILTINS_OK = new Set(
  'assert assert/strict async_hooks buffer child_process cluster console constants crypto diagnostics_channel dns events fs fs/promises module net os path perf_hooks process querystring readline stream stream/promises string_decoder timers timers/promises tty url util v8 vm zlib'.split(
    ' ',
  ),
);
// Loaded only once the API runs; until then modules get stand-ins (entry.cjs) to use when it runs. http, https and
// tls cannot load here (http needs Array.prototype.toSorted, which the builder lacks, and its parser binding cannot
// be serialised). worker_threads can, but then every worker thread fails as it starts ("undefined is not an
// integer typed array": its counter of directory changes is a SharedArrayBuffer, which the builder lacks).
const STAND_INS = ['http', 'https', 'tls', 'worker_threads'];
// What the stand-ins answer while building: constants of this Node, the only version the snapshot loads on.
const http = require('node:http');
const STAND_IN_VALUES = { http: { METHODS: http.METHODS, STATUS_CODES: http.STATUS_CODES } };

const later = (file) => file.startsWith(root + '/') && file.slice(root.length + 1);
// Modules that run at start, not at build, and why.
const AT_RUN_TIME = new Map([
  ['dist/apps/api/src/main.js', 'the entry'],
  ['dist/apps/api/src/snapshot-prefetch.js', 'starts reading the read-model snapshot as the process starts'],
  ['node_modules/express/lib/request.js', 'makes its request object from http.IncomingMessage.prototype'],
  ['node_modules/express/lib/response.js', 'makes its response object from http.ServerResponse.prototype'],
]);

/** The CommonJS file a package offers beside the ES module `require` chose (`module-sync`), if any. */
function commonJsInstead(file) {
  let dir = dirname(file);
  while (dir !== root && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  let exportsField;
  try {
    exportsField = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports;
  } catch {
    return undefined;
  }
  const dot =
    exportsField && typeof exportsField === 'object' ? (exportsField['.'] ?? exportsField) : undefined;
  const syncTargets = [];
  const targets = [];
  const collect = (target) => {
    if (typeof target === 'string') targets.push(target);
    else if (Array.isArray(target)) target.forEach(collect);
    else if (target && typeof target === 'object')
      for (const [condition, to] of Object.entries(target)) {
        if (condition === 'module-sync') syncTargets.push(to);
        else if (condition !== 'import') collect(to);
      }
  };
  collect(dot);
  if (!syncTargets.some((to) => typeof to === 'string' && join(dir, to) === file)) return undefined;
  return targets.map((to) => join(dir, to)).find((to) => /\.c?js$/.test(to) && existsSync(to));
}

const records = [];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (parent && parent.filename && parent.filename !== __filename) {
    try {
      records.push([
        parent.filename,
        request,
        Module._resolveFilename(request, parent, isMain),
        !parent.loaded,
      ]);
    } catch {
      // not found: the load below throws, or the module handles it
    }
  }
  return load.apply(this, arguments);
};
require(main);
Module._load = load;

const resolved = {};
const requests = {};
for (const [parent, request, target, whileLoading] of records) {
  let to = Module.isBuiltin(target) ? `builtin:${target.replace(/^node:/, '')}` : target;
  if (to.endsWith('.mjs')) to = commonJsInstead(to) ?? to;
  resolved[`${parent}\0${request}`] = to;
  if (whileLoading) (requests[parent] ??= []).push(to);
}

// Deferred: what must run at start, and every module that needs one of them while it loads.
const why = new Map();
// As Node names them: through the links on the way (node_modules may be one).
for (const [file, reason] of AT_RUN_TIME) why.set(realpathSync(join(root, file)), reason);
const own = (to) => {
  if (why.has(to)) return why.get(to);
  if (to.startsWith('builtin:')) {
    const name = to.slice(8);
    return BUILTINS_OK.has(name) || STAND_INS.includes(name) ? undefined : `built-in ${name}`;
  }
  if (to.endsWith('.node')) return 'native addon';
  if (to.endsWith('.mjs')) return 'ES module';
  return undefined;
};
const files = Object.keys(requests);
for (let changed = true; changed;) {
  changed = false;
  for (const file of files) {
    if (why.has(file)) continue;
    const needs = requests[file].find((to) => own(to) !== undefined);
    if (needs) {
      why.set(file, `needs ${later(needs) || needs}`);
      changed = true;
    }
  }
}
for (const to of Object.values(resolved)) if (!why.has(to) && own(to)) why.set(to, own(to));

const lock = existsSync(lockFile) ? statSync(lockFile) : undefined;
const manifest = {
  root,
  main,
  node: process.version,
  stampFile,
  stamp: readFileSync(stampFile, 'utf8'),
  lockFile,
  lock: lock ? `${lock.size}:${lock.mtimeMs}` : '',
  resolved,
  requests,
  deferred: Object.fromEntries(
    [...why].filter(([file]) => !file.startsWith('builtin:')).map(([file, reason]) => [file, reason]),
  ),
  standIns: Object.fromEntries(
    STAND_INS.map((name) => [
      name,
      { keys: Object.keys(require(name)), values: STAND_IN_VALUES[name] ?? {} },
    ]),
  ),
};
writeFileSync(process.argv[2], JSON.stringify(manifest));
