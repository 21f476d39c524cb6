'use strict';
// The API's startup snapshot: `node --snapshot-blob api.blob --build-snapshot entry.cjs MANIFEST FROZEN` (build.mjs)
// loads every module the API loads at start, as record.cjs found them, except the deferred ones, and Node writes
// the heap to api.blob. `node --snapshot-blob api.blob dist/apps/api/src/main.js` (scripts/start-api.sh) then starts
// with them loaded and runs main.js, whose deferred modules load from disk as usual.
//
// On Node 20 a snapshot's entry may require built-ins only, so this file has a small CommonJS loader of its own.
// Nothing the API must read when it starts may be frozen here: while modules load they see an empty environment
// (what they read is written to FROZEN, and the launcher starts without the snapshot when any of it is set), and
// reading the clock, files, the host or the process, random bytes, or setting a timer fails the build, but for the
// few callers named below. Intl formatters (ICU objects cannot be serialised; they would also freeze the time
// zone) and the built-ins record.cjs names (http, https and tls cannot load here; worker_threads would break every
// worker thread) are stand-ins that make or fetch the real thing on first use.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const crypto = require('node:crypto');

const builtin = require;
const [manifestFile, frozenFile] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const { root, main, resolved, standIns } = manifest;
const deferred = new Set(Object.keys(manifest.deferred));
let building = true;
let Module; // node:module, once the API runs

// --- What modules may not do while they load ---------------------------------------------------------------

const findings = []; // [caller, what]
const envRead = new Set();
const envPrefixes = new Set();
// Callers allowed to do more than read a variable, and what they are allowed.
const ALLOWED = [
  // Ids for Nest's parameter decorators and preact's private property names: names inside one process.
  { caller: /\/node_modules\/uid\/dist\/index\.js$/, what: /^Math\.random$/ },
  { caller: /\/node_modules\/preact\/dist\/preact\.js$/, what: /^Math\.random$/ },
  // @nestjs/cqrs gives each query handler an id when it is decorated: used within the process only.
  {
    caller: /\/node_modules\/@nestjs\/cqrs\/dist\/decorators\/[\w-]+\.decorator\.js$/,
    what: /^crypto\.randomUUID$/,
  },
  // debug reads its DEBUG_* settings at load (the launcher looks for any of them) and deletes an empty DEBUG.
  { caller: /\/node_modules\/debug\/src\/node\.js$/, what: /^env (keys|delete DEBUG)$/, prefix: 'DEBUG_' },
  // supports-color looks for --color and --no-color among the arguments, which the API is not given.
  { caller: /\/node_modules\/has-flag\/index\.js$/, what: /^process\.argv$/ },
  // depd shows where a deprecated call was made relative to the directory of the build.
  { caller: /\/node_modules\/depd\/index\.js$/, what: /^process\.cwd$/ },
];

/**
 * The first file on the stack that is neither Node's own nor this one: the module that asked. Undefined when a
 * built-in asked while it loaded (Node's own state, which Node refreshes) or this file did.
 */
function caller() {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_, frames) => frames;
  Error.stackTraceLimit = 50;
  const holder = {};
  Error.captureStackTrace(holder, caller);
  const frames = holder.stack;
  Error.prepareStackTrace = prepare;
  if (limit === undefined) delete Error.stackTraceLimit;
  else Error.stackTraceLimit = limit;
  for (const frame of frames) {
    const file = frame.getFileName();
    if (file === 'node:internal/main/mksnapshot') return undefined;
    if (file && file !== __filename && !file.startsWith('node:')) return file;
  }
  return undefined;
}

function note(what) {
  if (!building) return;
  const file = caller();
  if (file === undefined) return; // this file's own
  const allowed = ALLOWED.find((a) => a.caller.test(file) && a.what.test(what));
  if (allowed) {
    if (allowed.prefix) envPrefixes.add(allowed.prefix);
    return;
  }
  if (what.startsWith('env read ')) envRead.add(what.slice(9));
  else findings.push([file, what]);
}

const guards = []; // [restore]
/** Replaces object[key] (its own, or one it inherits) until the build ends. */
function replace(object, key, make) {
  const own = Object.getOwnPropertyDescriptor(object, key);
  Object.defineProperty(object, key, {
    configurable: true,
    writable: true,
    enumerable: own ? own.enumerable : false,
    value: make(object[key]),
  });
  guards.push(() => (own ? Object.defineProperty(object, key, own) : delete object[key]));
}
// A module may keep what it was given while loading: at run time the wrapper only calls through.
const watch = (object, key, name) =>
  replace(
    object,
    key,
    (real) =>
      function (...args) {
        note(name);
        return new.target ? Reflect.construct(real, args, new.target) : Reflect.apply(real, this, args);
      },
  );
function watchValue(object, key, name) {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  Object.defineProperty(object, key, {
    configurable: true,
    enumerable: descriptor.enumerable,
    get() {
      note(name);
      return descriptor.value;
    },
    set(value) {
      note(`${name} set`);
      descriptor.value = value;
    },
  });
  guards.push(() => Object.defineProperty(object, key, descriptor));
}

const realEnv = process.env;
// A module may keep it (`const { env } = process`): once the API runs, it is the environment of the start.
const whileBuilding = (trap, atRunTime) =>
  function (_, ...args) {
    return building ? trap(...args) : atRunTime(realEnv, ...args);
  };
const emptyEnv = new Proxy(Object.create(null), {
  get: whileBuilding(
    (key) => (typeof key === 'string' ? note(`env read ${key}`) : undefined),
    (env, key) => env[key],
  ),
  has: whileBuilding(
    (key) => (typeof key === 'string' ? note(`env read ${key}`) : undefined) ?? false,
    (env, key) => key in env,
  ),
  ownKeys: whileBuilding(() => (note('env keys'), []), Reflect.ownKeys),
  getOwnPropertyDescriptor: whileBuilding(() => undefined, Reflect.getOwnPropertyDescriptor),
  set: whileBuilding(
    (key) => (note(`env set ${String(key)}`), true),
    (env, key, value) => Reflect.set(env, key, value),
  ),
  defineProperty: whileBuilding((key) => (note(`env set ${String(key)}`), true), Reflect.defineProperty),
  deleteProperty: whileBuilding((key) => (note(`env delete ${String(key)}`), true), Reflect.deleteProperty),
});

const readSource = fs.readFileSync;
const RealDate = Date;
// A random UUID from the pool Node keeps would put the pool in the snapshot: every start would hand out the same
// UUIDs next. While building, they come from fresh random bytes instead.
const randomBytes = crypto.randomBytes;
const randomUUID = crypto.randomUUID;
function uuidWithoutPool(...args) {
  if (!building) return randomUUID(...args);
  note('crypto.randomUUID');
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function guard() {
  process.env = emptyEnv;
  guards.push(() => (process.env = realEnv));
  watch(Date, 'now', 'Date.now');
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      if (args.length === 0) note('new Date()');
      return Reflect.construct(target, args, newTarget === globalThis.Date ? target : newTarget);
    },
    apply: (target, self, args) => (note('Date()'), Reflect.apply(target, self, args)),
  });
  guards.push(() => (globalThis.Date = RealDate));
  watch(Math, 'random', 'Math.random');
  watch(performance, 'now', 'performance.now');
  for (const key of ['hrtime', 'uptime', 'cwd', 'memoryUsage', 'cpuUsage'])
    watch(process, key, `process.${key}`);
  watch(process.hrtime, 'bigint', 'process.hrtime.bigint');
  for (const key of ['pid', 'ppid', 'argv', 'execArgv', 'execPath', 'title'])
    watchValue(process, key, `process.${key}`);
  for (const key of ['randomBytes', 'randomFillSync', 'randomInt', 'pseudoRandomBytes'])
    watch(crypto, key, `crypto.${key}`);
  replace(crypto, 'randomUUID', () => uuidWithoutPool);
  for (const key of [
    'hostname',
    'homedir',
    'tmpdir',
    'userInfo',
    'cpus',
    'networkInterfaces',
    'totalmem',
    'freemem',
    'loadavg',
    'uptime',
  ])
    watch(os, key, `os.${key}`);
  for (const key of Object.keys(fs).filter((k) => k.endsWith('Sync'))) watch(fs, key, `fs.${key}`);
  for (const key of ['setTimeout', 'setInterval', 'setImmediate']) watch(globalThis, key, key);
  // V8 leaves it unset while building; depd reads its caller from a stack trace.
  if (!('stackTraceLimit' in Error)) {
    Error.stackTraceLimit = 10;
    guards.push(() => delete Error.stackTraceLimit);
  }
  lazyIntl();
}

/** Intl formatters that make the real one when first used, at run time as a rule. */
function lazyIntl() {
  for (const name of [
    'Collator',
    'DateTimeFormat',
    'DisplayNames',
    'ListFormat',
    'NumberFormat',
    'PluralRules',
    'RelativeTimeFormat',
    'Segmenter',
  ]) {
    const Real = Intl[name];
    if (!Real) continue;
    const made = new WeakMap();
    const real = (self) => {
      let formatter = made.get(self);
      if (!formatter) made.set(self, (formatter = new Real(...self.args)));
      return formatter;
    };
    const Lazy = function (...args) {
      if (!new.target) return new Lazy(...args);
      Object.defineProperty(this, 'args', { value: args });
    };
    Object.defineProperty(Lazy, 'name', { value: name });
    for (const key of Object.getOwnPropertyNames(Real.prototype)) {
      if (key === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(Real.prototype, key);
      Object.defineProperty(Lazy.prototype, key, {
        configurable: true,
        ...(typeof descriptor.value === 'function'
          ? {
              value: function (...args) {
                return real(this)[key](...args);
              },
            }
          : {
              get() {
                const value = real(this)[key];
                return typeof value === 'function' ? value.bind(real(this)) : value;
              },
            }),
      });
    }
    Object.defineProperty(Lazy.prototype, Symbol.toStringTag, { value: `Intl.${name}` });
    Lazy.supportedLocalesOf = Real.supportedLocalesOf.bind(Real);
    Intl[name] = Lazy;
    guards.push(() => (Intl[name] = Real));
  }
}

// --- Built-ins, with stand-ins for those that cannot load here ---------------------------------------------

const realOf = Object.create(null);
// What some modules are given while building, for a built-in that is a stand-in (beside Node's constants from
// record.cjs). debug decides on colours for each logger it makes, and supports-color for its level, from whether
// stdout and stderr are terminals: as if they were not, which matters only with DEBUG set, and then the launcher
// starts without the snapshot.
const BUILD_VALUES = [
  {
    caller: /\/node_modules\/(debug\/src\/node|supports-color\/index)\.js$/,
    name: 'tty',
    key: 'isatty',
    value: () => false,
  },
];
function standIn(name) {
  const { keys, values } = standIns[name];
  const object = {};
  for (const key of keys)
    Object.defineProperty(object, key, {
      enumerable: true,
      get() {
        if (!building) return (realOf[name] ??= builtin(name))[key];
        if (key in values) return values[key];
        const file = caller();
        const given = BUILD_VALUES.find((v) => v.name === name && v.key === key && v.caller.test(file ?? ''));
        if (given) return given.value;
        throw new Error(
          `${file} uses ${name}.${key} while it loads; name it in record.cjs (AT_RUN_TIME or STAND_IN_VALUES)`,
        );
      },
    });
  return object;
}
const standInOf = Object.fromEntries(Object.keys(standIns).map((name) => [name, standIn(name)]));
const requireBuiltin = (name) => (building && standInOf[name]) || builtin(name);

// --- The loader ------------------------------------------------------------------------------------------------

const cache = Object.create(null);
const order = [];

function makeRequire(module) {
  const require = (request) => {
    const to = resolved[`${module.filename}\0${request}`];
    if (to === undefined) {
      if (building) throw new Error(`${module.filename} requires ${request}, which record.cjs did not see`);
      return Module.createRequire(module.filename)(request);
    }
    return to.startsWith('builtin:') ? requireBuiltin(to.slice(8)) : load(to, module);
  };
  require.resolve = (request) => {
    const to = resolved[`${module.filename}\0${request}`];
    if (to !== undefined) return to.startsWith('builtin:') ? to.slice(8) : to;
    if (building) throw new Error(`${module.filename} resolves ${request}, which record.cjs did not see`);
    return Module.createRequire(module.filename).resolve(request);
  };
  Object.defineProperty(require, 'main', { get: () => (building ? undefined : process.mainModule) });
  Object.defineProperty(require, 'cache', { get: () => (building ? cache : Module._cache) });
  return require;
}

function load(filename, parent) {
  const cached = cache[filename];
  if (cached) return cached.exports;
  if (!building) return Module.createRequire(parent.filename)(filename);
  if (deferred.has(filename)) throw new Error(`${filename} is deferred (${manifest.deferred[filename]})`);
  const dirname = path.dirname(filename);
  const module = {
    id: filename,
    path: dirname,
    filename,
    exports: {},
    loaded: false,
    children: [],
    paths: [],
  };
  module.require = makeRequire(module);
  cache[filename] = module;
  order.push(filename);
  if (filename.endsWith('.json')) {
    module.exports = JSON.parse(readSource(filename, 'utf8').replace(/^\uFEFF/, ''));
  } else {
    const source = readSource(filename, 'utf8');
    const run = vm.compileFunction(
      source.startsWith('#!') ? `//${source}` : source,
      ['exports', 'require', 'module', '__filename', '__dirname'],
      // import() as in a module the real loader compiled (Node warns once that this option is experimental).
      { filename, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER },
    );
    run.call(module.exports, module.exports, module.require, module, filename, dirname);
  }
  module.loaded = true;
  return module.exports;
}

// Each module in the order a start runs it: the deferred ones are skipped, and what they require is loaded where
// they would have required it.
const walked = new Set();
function walk(filename) {
  if (walked.has(filename)) return;
  walked.add(filename);
  for (const to of manifest.requests[filename] ?? []) {
    if (to.startsWith('builtin:')) continue;
    if (deferred.has(to)) walk(to);
    else load(to, null);
  }
}

const started = RealDate.now();
guard();
try {
  walk(main);
} finally {
  for (const restore of guards.reverse()) restore();
}
if (findings.length > 0) {
  const lines = findings.map(([file, what]) => `  ${path.relative(root, file)}: ${what}`);
  throw new Error(
    `modules did what a snapshot would freeze while they loaded (defer them in record.cjs, or allow them in entry.cjs):\n${[...new Set(lines)].join('\n')}`,
  );
}
fs.writeFileSync(
  frozenFile,
  JSON.stringify({
    modules: order.length,
    deferred: deferred.size,
    ms: RealDate.now() - started,
    env: [...envRead].sort(),
    envPrefixes: [...envPrefixes].sort(),
  }),
);
delete manifest.requests;
// The build's own files as they were loaded: a compile since (tsc without `npm run build`) writes them anew.
const stampOf = (file) => {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeMs}` : '';
};
const builtFiles = [...order, ...deferred]
  .filter((file) => file.startsWith(`${root}/dist/`))
  .map((file) => [file, stampOf(file)]);

// --- At start ---------------------------------------------------------------------------------------------------

/** Whether the snapshot was made from the build, its files and the packages that are there now. */
function current() {
  try {
    if (fs.readFileSync(manifest.stampFile, 'utf8') !== manifest.stamp) return false;
    const lock = fs.statSync(manifest.lockFile, { throwIfNoEntry: false });
    if ((lock ? `${lock.size}:${lock.mtimeMs}` : '') !== manifest.lock) return false;
    return builtFiles.every(([file, stamp]) => stampOf(file) === stamp);
  } catch {
    return false;
  }
}

v8.startupSnapshot.setDeserializeMainFunction(() => {
  building = false;
  Module = builtin('node:module');
  // A child started with this process's flags starts without the snapshot.
  const flag = process.execArgv.findIndex((arg) => arg.startsWith('--snapshot-blob'));
  if (flag >= 0) process.execArgv.splice(flag, process.execArgv[flag].includes('=') ? 1 : 2);
  const entry = process.argv[1] ? path.resolve(process.argv[1]) : main;
  process.argv[1] = entry;
  // Node names the main module by its real path, as record.cjs saw it (the project may be reached by a link).
  let real = entry;
  try {
    real = fs.realpathSync(entry);
  } catch {
    // runMain says it is not there
  }
  if (real !== main) {
    process.stderr.write(
      `Tilneste: oppstartsbildet er laget for ${main}; starter uten det (the startup snapshot was made for ${main}: starting without it)\n`,
    );
    return Module.runMain(entry);
  }
  if (!current()) {
    process.stderr.write(
      'Tilneste: oppstartsbildet er fra et annet bygg; starter uten det (the startup snapshot is from another build: starting without it)\n',
    );
    return Module.runMain(entry);
  }
  for (const filename of order) {
    const module = Object.setPrototypeOf(cache[filename], Module.prototype);
    module.paths = Module._nodeModulePaths(module.path);
    Module._cache[filename] = module;
  }
  const common = cache[resolved[`${main}\0@nestjs/common`]];
  if (common)
    new common.exports.Logger('Tilneste').log(
      `${order.length} moduler fra oppstartsbildet (modules from the startup snapshot)`,
    );
  Module.runMain(entry);
});
