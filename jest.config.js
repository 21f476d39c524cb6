// One jest project per test tier; the tier is in the file name (see ../shared/docs/STYLE.md).
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

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  ...extra,
});

module.exports = {
  projects: [
    project('unit', ['<rootDir>/{apps,libs}/**/*.spec.ts']),
    project('int', ['<rootDir>/{apps,libs}/**/*.int-spec.ts'], { slowTestThreshold: 30 }),
    project('e2e', ['<rootDir>/tests/e2e/**/*.e2e-spec.ts'], { slowTestThreshold: 60 }),
  ],
};
