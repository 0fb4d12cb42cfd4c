import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DOCS = ['README.md', 'docs/architecture.md', 'flows/README.md'];

/** Relative link targets and backticked paths that look like repository files. */
function referencedPaths(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '').filter((t) => !/^[a-z]+:/i.test(t));
  const paths = [...markdown.matchAll(/`((?:\.\.\/|docs\/|src\/|flows\/|scripts\/|tests\/)[^`\s*…]+\.(?:md|ts|yaml|csv))`/g)].map((m) => m[1] ?? '');
  return [...links, ...paths];
}

describe('documentation a newcomer reads', () => {
  it.each(DOCS)('%s points only at files the repository has (a public clone has no ../shared)', (doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    const inRepo = (path: string) => !relative(ROOT, path).startsWith('..') && existsSync(path);
    const missing = referencedPaths(text).filter((target) => !inRepo(join(ROOT, dirname(doc), target)) && !inRepo(join(ROOT, target)));
    expect(missing).toEqual([]);
  });

  it('README sends newcomers to docs/architecture.md', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('](docs/architecture.md)');
  });
});
