import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The module boundaries of .dependency-cruiser.cjs (`npm run lint:boundaries`), proven on two
 * small trees under test/fixtures/boundaries: one that breaks every boundary rule once, one
 * that uses everything a module may offer another and breaks none.
 */
const ROOT = path.resolve(__dirname, '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'boundaries');

/**
 * dependency-cruiser is an ES module, which Jest's CommonJS runtime cannot import (short of
 * --experimental-vm-modules), so its `cruise` API runs in a child Node process, with the
 * project's config and the fixture tree as the base folder (paths then read `src/...`).
 */
const CRUISE = `
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const [configFile, baseDir] = process.argv.slice(1);
const options = await extractDepcruiseOptions(configFile);
const tsConfig = extractTSConfig(options.tsConfig.fileName);
const { output } = await cruise(['src'], { ...options, baseDir }, {}, { tsConfig });
process.stdout.write(JSON.stringify(output.summary.violations));
`;

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
}

async function violationsIn(tree: string): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', CRUISE, CONFIG, path.join(FIXTURES, tree)],
    { cwd: ROOT },
  );
  return JSON.parse(stdout) as Violation[];
}

describe('module boundaries (dependency-cruiser)', () => {
  let broken: Violation[];
  let clean: Violation[];

  beforeAll(async () => {
    [broken, clean] = await Promise.all([violationsIn('violations'), violationsIn('clean')]);
  }, 60_000);

  /** The [from, to] pairs reported for one rule, in a stable order. */
  const reported = (rule: string) =>
    broken
      .filter((violation) => violation.rule.name === rule)
      .map(({ from, to }) => [from, to])
      .sort();

  it('reports each broken rule as an error, and nothing else', () => {
    expect(new Set(broken.map((violation) => violation.rule.name))).toEqual(
      new Set([
        'shared-code-not-to-modules',
        'module-internals-private',
        'vocabulary-self-contained',
        'no-cycle-between-modules',
        'no-cycle-between-module-folders',
        'not-to-dev-dep',
      ]),
    );
    expect(broken.every((violation) => violation.rule.severity === 'error')).toBe(true);
  });

  it('forbids common/, config/ and infrastructure/ to import a module', () => {
    expect(reported('shared-code-not-to-modules')).toEqual([
      ['src/common/leak.ts', 'src/modules/thing/thing.repository.ts'],
    ]);
  });

  it("forbids another module's repository or entity, even as a type only", () => {
    expect(reported('module-internals-private')).toEqual([
      ['src/modules/other/dto/other.dto.ts', 'src/modules/thing/entities/thing.entity.ts'],
      ['src/modules/other/other.service.ts', 'src/modules/thing/thing.repository.ts'],
    ]);
  });

  it('keeps vocabulary free of module code', () => {
    expect(reported('vocabulary-self-contained')).toEqual([
      ['src/modules/thing/thing.vocabulary.ts', 'src/modules/thing/entities/thing.entity.ts'],
    ]);
  });

  it('forbids cycles between modules, of files and of module folders', () => {
    const [cycleOfFiles] = reported('no-cycle-between-modules');
    expect(cycleOfFiles.sort()).toEqual([
      'src/modules/alpha/alpha.service.ts',
      'src/modules/beta/beta.service.ts',
    ]);
    expect(reported('no-cycle-between-modules')).toHaveLength(1);
    expect(reported('no-cycle-between-module-folders')).toEqual([
      ['src/modules/alpha', 'src/modules/beta'],
      ['src/modules/beta', 'src/modules/alpha'],
      ['src/modules/delta', 'src/modules/gamma'],
      ['src/modules/gamma', 'src/modules/delta'],
    ]);
  });

  it('forbids devDependencies in shipped code', () => {
    expect(reported('not-to-dev-dep')).toEqual([
      ['src/common/http-probe.ts', expect.stringMatching(/node_modules\/supertest\//)],
    ]);
  });

  it("allows another module's Nest module, service, DTOs and vocabulary, and cycles inside one module", () => {
    expect(clean).toEqual([]);
  });
});
