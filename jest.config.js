// One jest project per test tier; the tier is in the file name (see ../shared/docs/STYLE.md).
const { availableParallelism } = require('node:os');
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// Pages are .tsx (preact's JSX, rendered to a string on the server); plain .ts files keep the parser without JSX.
const swcTsx = [
  '@swc/jest',
  {
    jsc: {
      ...swc[1].jsc,
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: { ...swc[1].jsc.transform, react: { runtime: 'automatic', importSource: 'preact' } },
    },
    module: { type: 'commonjs' },
  },
];

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch,
  transform: { '^.+\\.ts$': swc, '^.+\\.tsx$': swcTsx },
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  ...extra,
});

module.exports = {
  // Jest's default is one worker fewer than the cores, which on a 2-core machine (CI's) runs every file in one
  // process, one after another. Most of the slow files wait on a browser, a child process, Redis or SMTP, so two
  // at once finish the whole run in 428 s instead of 605 s on that machine (2026-12-02); each file still gets its
  // own process and its own Redis prefix, ports and temporary directory.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  projects: [
    project('unit', ['<rootDir>/{apps,libs,bench}/**/*.spec.ts']),
    project('int', ['<rootDir>/{apps,libs}/**/*.int-spec.ts'], { slowTestThreshold: 30 }),
    project('e2e', ['<rootDir>/tests/e2e/**/*.e2e-spec.ts'], { slowTestThreshold: 60 }),
  ],
};
