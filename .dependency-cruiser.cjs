/**
 * Module boundaries (docs/architecture.md, "Module boundaries"), checked by
 * `npm run lint:boundaries` as part of `npm run lint`. Every rule is an error and there is no
 * list of tolerated violations. src/module-boundaries.spec.ts proves the boundary rules fire.
 *
 * Paths are relative to the base folder of the cruise: the repository root for `npm run lint`,
 * a fixture tree in the spec.
 */
const path = require('node:path');

const SPEC_FILE = '\\.spec\\.ts$';

/**
 * What one module may import from another: its Nest module (for `imports: [...]`), its
 * services and its vocabulary (enums, types and pure definitions, files named
 * `*.vocabulary.ts`), all at the module's root, and its DTOs under `dto/`. Reactions to another
 * module's facts need no import of it: domain events (src/infrastructure/events).
 * Repositories, entities, processors, controllers and helpers stay private.
 */
const PUBLIC_SURFACE = [
  '^src/modules/[^/]+/[^/]+\\.(module|service|vocabulary)\\.ts$',
  '^src/modules/[^/]+/dto/',
  // A sub-module (analytics/insights) has the same public surface one folder down.
  '^src/modules/[^/]+/[^/]+/[^/]+\\.(module|service|vocabulary)\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-code-not-to-modules',
      severity: 'error',
      comment:
        'common/, config/ and infrastructure/ serve every module, so they never depend on one. ' +
        'Move what they need out of the module, or invert the dependency (the module provides it).',
      from: { path: '^src/(common|config|infrastructure)/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'module-internals-private',
      severity: 'error',
      comment:
        'A module uses another only through its *.module.ts, *.service.ts, dto/ and *.vocabulary.ts, ' +
        'and reacts to its facts through domain events. Ask its service, or move a shared definition into a vocabulary file.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', ...PUBLIC_SURFACE] },
    },
    {
      name: 'vocabulary-self-contained',
      severity: 'error',
      comment:
        'Vocabulary is what modules share, so it may not pull in any module code but other ' +
        'vocabulary: an entity or a service imported here would leak to every user of the word.',
      from: { path: '\\.vocabulary\\.ts$' },
      to: { path: '^src/modules/', pathNot: '\\.vocabulary\\.ts$' },
    },
    {
      name: 'no-cycle-between-modules',
      severity: 'error',
      comment:
        'Files of two or more modules import each other in a circle. Let one side publish an ' +
        'event, or move what both need into vocabulary. (Cycles inside one module are allowed.)',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/$1/', circular: true },
    },
    {
      // The file-level rule above misses a circle such as a/x -> b/y and b/z -> a/w, where no
      // single file comes back to itself; at folder scope the modules are the nodes. Caveat:
      // dependency-cruiser links a folder to the folder of each file it imports, so a circle
      // that enters a module only through its dto/ folder is seen only as a circle of files.
      name: 'no-cycle-between-module-folders',
      severity: 'error',
      scope: 'folder',
      comment:
        'Modules depend on each other in a circle (the files involved may differ). Let one side ' +
        'publish an event, or move what both need into vocabulary.',
      from: { path: '^src/modules/([^/]+)' },
      to: { path: '^src/modules/', pathNot: '^src/modules/$1(/|$)', circular: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        'src/ ships to production, where devDependencies are not installed. Move the package to ' +
        'dependencies, or the code out of src/ (unit specs may use devDependencies).',
      from: { path: '^src/', pathNot: SPEC_FILE },
      to: {
        dependencyTypes: ['npm-dev'],
        // Types are erased by the compiler, so they cost nothing at run time.
        dependencyTypesNot: ['type-only'],
        pathNot: ['node_modules/@types/'],
      },
    },
    {
      name: 'not-to-spec',
      severity: 'error',
      comment: 'A spec tests code; what other code needs from it belongs in a helper of its own.',
      from: {},
      to: { path: SPEC_FILE },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import cannot be resolved to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment:
        'This package is not in package.json: it is only present as a dependency of a ' +
        'dependency, with no version guarantee. Add it to package.json.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-duplicate-dep-types',
      severity: 'error',
      comment:
        'This package is listed twice in package.json (e.g. dependencies and devDependencies).',
      from: {},
      to: { moreThanOneDependencyType: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-deprecated-core',
      severity: 'error',
      comment: 'This Node.js core module is deprecated.',
      from: {},
      to: {
        dependencyTypes: ['core'],
        path: '^(punycode|domain|constants|sys|_linklist|_stream_wrap)$',
      },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // Type-only imports are module dependencies too: a DTO typed with another module's entity
    // couples the two as much as a runtime import does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    skipAnalysisNotInRules: true,
  },
};
