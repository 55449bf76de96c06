import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

// The README and docs/ point at each other and at the code; a file moved or renamed must not
// leave a user with a dead link.
const ROOT = join(__dirname, '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of markdown.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
    if (!/^[a-z]+:/i.test(match[1])) targets.push(match[1]);
  }
  return targets;
}

describe('links of the README and docs/', () => {
  const files = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];

  it('finds the files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('%s links only to files that exist', (_name, file) => {
    const dead = relativeLinks(readFileSync(file, 'utf8')).filter(
      (target) => !existsSync(normalize(join(dirname(file), decodeURIComponent(target)))),
    );
    expect(dead).toEqual([]);
  });
});
