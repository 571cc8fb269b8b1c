// The benchmark's emulator seed, built in code: one domain whose repository `big` holds 10,000 npm packages
// (one version each, except the first package, which has enough versions to need a second page).
import type { Seed, SeedPackage, SeedVersion } from '../../test/emulator/seed';

export const BENCH_OWNER = '111122223333';
export const BENCH_ACCESS_KEY = 'AKIABENCHMARK0000001';
export const BENCH_REGION = 'us-west-2';
export const BENCH_DOMAIN = 'bench';
export const BIG_REPOSITORY = 'big';
/** The seed's repository for pip and twine sign-in. */
export const PYTHON_REPOSITORY = 'python';
export const PACKAGE_COUNT = 10_000;
/** Versions of the first package; more than one page of the tree's default 50. */
export const FIRST_PACKAGE_VERSIONS = 120;

export function packageName(i: number): string {
  return `pkg-${String(i).padStart(5, '0')}`;
}

function versionsOfFirstPackage(): SeedVersion[] {
  const start = Date.parse('2023-01-01T00:00:00Z');
  return Array.from({ length: FIRST_PACKAGE_VERSIONS }, (_, i) => ({
    version: `1.${Math.floor(i / 10)}.${i % 10}`,
    publishedTime: new Date(start + i * 86_400_000).toISOString(),
    summary: 'The package a person opens first',
    license: 'MIT',
    homePage: 'https://example.com/pkg',
    readme: `# ${packageName(0)}\n\nRelease ${i}.\n`,
  }));
}

/**
 * `pythonPackages` adds that many PyPI packages to the same repository (the in-host bench hovers over them in a
 * requirements.txt, where no built-in VS Code extension adds hovers of its own).
 */
export function benchSeed(packageCount = PACKAGE_COUNT, pythonPackages = 0): Seed {
  const python: SeedPackage[] = Array.from({ length: pythonPackages }, (_, i) => ({
    domain: BENCH_DOMAIN,
    repository: BIG_REPOSITORY,
    format: 'pypi' as const,
    name: pythonPackageName(i),
    versions: [{ version: '1.0.0', publishedTime: '2024-01-01T00:00:00Z' }, { version: '1.1.0', publishedTime: '2024-06-01T00:00:00Z' }],
  }));
  const packages: SeedPackage[] = Array.from({ length: packageCount }, (_, i) => ({
    domain: BENCH_DOMAIN,
    repository: BIG_REPOSITORY,
    format: 'npm' as const,
    name: packageName(i),
    versions: i === 0 ? versionsOfFirstPackage() : [{ version: '1.0.0', publishedTime: '2024-01-01T00:00:00Z', license: 'MIT' }],
  }));
  return {
    accounts: { [BENCH_ACCESS_KEY]: BENCH_OWNER },
    domains: [
      {
        name: BENCH_DOMAIN,
        owner: BENCH_OWNER,
        region: BENCH_REGION,
        repositories: [
          { name: 'npm-public', externalConnection: 'public:npmjs' },
          { name: BIG_REPOSITORY, description: `${packageCount} npm packages`, upstreams: ['npm-public'] },
          { name: PYTHON_REPOSITORY, description: 'Python wheels' },
        ],
      },
    ],
    packages: [...packages, ...python],
  };
}

export function pythonPackageName(i: number): string {
  return `py-${String(i).padStart(5, '0')}`;
}
