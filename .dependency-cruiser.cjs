/**
 * The layering of docs/architecture.md, enforced (run by `npm run lint`):
 *
 *   cli -> admin -> http -> compat -> scim
 *                    |                 ^
 *                    +--> directory ---+
 *                            |         |
 *                            +--> store (interface) -> scim (AST, schema types, JSON, ScimError)
 *
 * Only the pairs listed in `allowed` may depend on each other; anything else is an error. On top
 * of that: no cycles, no import of `test/` from `src/`, no package in the protocol kernel
 * (`src/scim/`) or the client dialects (`src/compat/`), no module nobody imports.
 *
 * Test code inside `src/` (`*.test.ts`, `fixtures/`, `testing/`, the store contract suite) may
 * also use vitest and fast-check, and a store test may build filters with the parser.
 */
const TEST_CODE = '(\\.test\\.ts$|/fixtures/|/testing/|^src/store/contract/|\\.contract\\.ts$)';
/** Packages are matched anywhere in the resolved path (node_modules may be a symlink). */
const pkg = (names) => `(^|/)node_modules/(${names})/`;
const TEST_LIBRARIES = pkg('vitest|fast-check|@vitest');

/** What the store may see of the kernel: the filter AST and its value semantics, schema types, JSON, ScimError. */
const KERNEL_FOR_STORE = [
  '^src/scim/json\\.ts$',
  '^src/scim/errors\\.ts$',
  '^src/scim/filter/(ast|filter-attribute|date-time-value)\\.ts$',
  '^src/scim/schemas/types\\.ts$',
];
/** The storage interface: what the layers above may import of `src/store/`. */
const STORE_INTERFACE = '^src/store/(store|admin-accounts)\\.ts$';
const CONFIG = '^src/config\\.ts$';

/** `from` a layer's production code, or from its test code. */
const code = (folder) => ({ path: `^src/${folder}`, pathNot: TEST_CODE });
const tests = (folder) => ({ path: [`^src/${folder}.*${TEST_CODE}`] });
const core = { dependencyTypes: ['core'] };
const npm = { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] };

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one; break it by moving what both need below both.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-test',
      comment: 'Production code and its unit tests never import the cross-cutting test harnesses of test/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'kernel-and-compat-import-no-package',
      comment: 'src/scim/ and src/compat/ are plain TypeScript over JSON: no npm package, no Node built-in.',
      severity: 'error',
      from: { path: '^src/(scim|compat)/', pathNot: TEST_CODE },
      to: { dependencyTypesNot: ['local'] },
    },
    {
      name: 'no-orphans',
      comment: 'A module nobody imports is dead code (entry points and test code excepted).',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [TEST_CODE, '^src/cli/main\\.ts$', '\\.d\\.ts$', '^(test|bench)/'],
      },
      to: {},
    },
  ],
  allowed: [
    // The protocol kernel: itself only.
    { from: { path: '^src/scim/' }, to: { path: '^src/scim/' } },
    // Client dialects: the kernel's types, parser and registry.
    { from: { path: '^src/compat/' }, to: { path: '^src/(compat|scim)/' } },
    // The application layer: the kernel, the storage interface, the configuration.
    { from: code('directory/'), to: { path: ['^src/(directory|scim)/', STORE_INTERFACE, CONFIG] } },
    { from: code('directory/'), to: core },
    // Storage: its own implementations, drivers, and the parts of the kernel a query is made of.
    { from: { path: '^src/store/' }, to: { path: ['^src/store/', ...KERNEL_FOR_STORE] } },
    { from: { path: '^src/store/' }, to: { path: pkg('kysely|better-sqlite3|pg|@types/better-sqlite3|@types/pg') } },
    { from: { path: '^src/store/' }, to: core },
    // The HTTP edge: Fastify, the directory, the client dialects, the kernel's messages.
    { from: code('http/'), to: { path: ['^src/(http|directory|compat|scim)/', STORE_INTERFACE, CONFIG] } },
    { from: code('http/'), to: { path: pkg('fastify') } },
    { from: code('http/'), to: core },
    // The admin console's services and routes: the layers below the edge, and the edge's wire helpers.
    { from: code('admin/'), to: { path: ['^src/(admin|http|directory|scim)/', STORE_INTERFACE, CONFIG] } },
    { from: code('admin/'), to: npm },
    { from: code('admin/'), to: core },
    // The composition root: everything.
    { from: { path: '^src/cli/' }, to: { path: '^src/' } },
    { from: { path: '^src/cli/' }, to: npm },
    { from: { path: '^src/cli/' }, to: core },
    // The configuration is a leaf.
    { from: { path: CONFIG }, to: core },
    // Unit tests in src/: what their layer may use, plus test libraries; store tests may parse filters.
    { from: { path: `^src/.*${TEST_CODE}` }, to: { path: TEST_LIBRARIES } },
    { from: { path: `^src/.*${TEST_CODE}` }, to: { path: '^src/scim/' } },
    { from: { path: `^src/.*${TEST_CODE}` }, to: core },
    { from: tests('directory/'), to: { path: '^src/(directory|store)/' } },
    { from: { path: '^src/config\\.test\\.ts$' }, to: { path: CONFIG } },
    { from: tests('admin/'), to: { path: '^src/' } },
    { from: tests('http/'), to: { path: '^src/' } },
    // Cross-cutting tests and the benchmark drive the whole service.
    { from: { path: '^(test|bench)/' }, to: { path: '^(src|test|bench)/' } },
    { from: { path: '^(test|bench)/' }, to: npm },
    { from: { path: '^(test|bench)/' }, to: core },
  ],
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^web/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
