/**
 * The production dependency tree against the advisories recorded in
 * known-advisories.json, and each production package's licence against the ones this
 * Apache-2.0 project can ship. Reads package-lock.json, so it checks exactly what
 * `npm ci --omit=dev` installs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { satisfies, validRange } from 'semver';

interface Advisory {
  id: string;
  package: string;
  vulnerable: string;
  severity: 'low' | 'moderate' | 'high' | 'critical';
  summary: string;
}
interface AdvisoryFile {
  advisories: Advisory[];
  /** advisories that match an installed version and were judged harmless here, with why */
  explained: { id: string; package: string; version: string; why: string }[];
}
interface InstalledPackage {
  name: string;
  version: string;
  license?: string;
}

const root = join(__dirname, '..', '..');
const SEVERITIES = ['low', 'moderate', 'high', 'critical'];
/** Permissive licences, compatible with shipping under Apache-2.0. */
const SHIPPABLE_LICENCES = ['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'BlueOak-1.0.0', 'Python-2.0'];

function productionPackages(lock: {
  packages: Record<string, { version?: string; dev?: boolean; license?: string; link?: boolean }>;
}): InstalledPackage[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.link && entry.version)
    .map(([path, entry]) => ({
      name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version!,
      license: entry.license,
    }));
}

/** The installed packages an advisory touches. */
function matches(installed: InstalledPackage[], advisories: Advisory[]) {
  return advisories.flatMap((advisory) =>
    installed
      .filter((p) => p.name === advisory.package && satisfies(p.version, advisory.vulnerable, { includePrerelease: true }))
      .map((p) => ({ advisory, version: p.version })),
  );
}

/** An SPDX expression is shippable when every alternative of an OR, or every part of an AND, is. */
function shippable(licence: string): boolean {
  const bare = licence.replace(/[()]/g, '');
  if (bare.includes(' OR ')) return bare.split(' OR ').some((l) => shippable(l.trim()));
  return bare.split(' AND ').every((l) => SHIPPABLE_LICENCES.includes(l.trim()));
}

/** package-lock leaves `license` out where a package still uses the old `licenses` array. */
function licenceOf(p: InstalledPackage): string | undefined {
  if (p.license) return p.license;
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', p.name, 'package.json'), 'utf8'));
  const old = manifest.licenses as { type: string }[] | undefined;
  return old?.map((l) => l.type).join(' AND ');
}

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const file: AdvisoryFile = JSON.parse(readFileSync(join(__dirname, 'known-advisories.json'), 'utf8'));
const installed = productionPackages(lock);

describe('production dependencies', () => {
  it('the recorded advisories are well formed (a typo in a range would match nothing)', () => {
    for (const a of file.advisories) {
      expect({ id: a.id, range: validRange(a.vulnerable) === null ? 'invalid' : 'valid' }).toEqual({ id: a.id, range: 'valid' });
      expect(SEVERITIES).toContain(a.severity);
      expect(a.id).toMatch(/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/);
    }
  });

  it('names a package of the tree in every advisory, so a renamed package is noticed', () => {
    const names = new Set(installed.map((p) => p.name));
    expect(file.advisories.map((a) => a.package).filter((n) => !names.has(n))).toEqual([]);
  });

  it('has no high or critical advisory on an installed version that is not explained', () => {
    const explained = new Set(file.explained.map((e) => `${e.id} ${e.package}@${e.version}`));
    const unexplained = matches(installed, file.advisories)
      .filter(({ advisory }) => advisory.severity === 'high' || advisory.severity === 'critical')
      .map(({ advisory, version }) => `${advisory.id} ${advisory.package}@${version}`)
      .filter((m) => !explained.has(m));
    expect(unexplained).toEqual([]);
  });

  it('flags a vulnerable version when one is installed (the check can fail)', () => {
    const vulnerable = [
      { name: 'body-parser', version: '1.20.2' },
      { name: 'path-to-regexp', version: '8.3.0' },
      { name: 'qs', version: '6.14.0' },
    ];
    const found = matches(vulnerable, file.advisories).map(({ advisory }) => advisory.id);
    expect(found).toEqual(expect.arrayContaining(['GHSA-qwcr-r2fm-qrc7', 'GHSA-j3q9-mxjg-w52f', 'GHSA-6rw7-vpxm-498p']));
    expect(matches([{ name: 'body-parser', version: '2.4.0' }], file.advisories)).toEqual([]);
  });

  it('ships only permissive licences', () => {
    const refused = installed
      .map((p) => ({ p: `${p.name}@${p.version}`, licence: licenceOf(p) ?? 'none' }))
      .filter(({ licence }) => !shippable(licence));
    expect(refused).toEqual([]);
    expect(shippable('GPL-3.0')).toBe(false);
    expect(shippable('(MIT AND BSD-3-Clause)')).toBe(true);
  });
});
