import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The house rules docs/architecture.md describes, held by reading the source: folders depend one
 * way, no file imports itself round a circle, SQL lives in repositories (services load, decide,
 * persist through a repository, emit), and the SQL that changes posts lives in entries/.
 */
const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [full] : [];
  });
}

const files = sourceFiles(SRC);
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

/** The gateway's own files each file imports (relative imports, resolved). */
function importsOf(file: string): string[] {
  const found = [...text.get(file)!.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) =>
    path.resolve(path.dirname(file), m[1]),
  );
  return found.flatMap((p) => [`${p}.ts`, path.join(p, 'index.ts')].filter((c) => text.has(c)).slice(0, 1));
}

/** The top folder of a file under src/ (files at the top are the app's root). */
const folderOf = (file: string): string => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0] : '(root)';
};

describe('the house', () => {
  it('has no two folders that import each other, and no circle of folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of files) {
      for (const to of importsOf(f)) {
        const [a, b] = [folderOf(f), folderOf(to)];
        if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      }
    }
    const twoWay = [...edges].flatMap(([a, tos]) =>
      [...tos].filter((b) => a < b && edges.get(b)?.has(a)).map((b) => `${a} <-> ${b}`),
    );
    expect(twoWay).toEqual([]);
    // Kahn's algorithm: what is left after peeling off folders nothing else depends on is a circle.
    const left = new Set(edges.keys());
    for (const to of [...edges.values()].flatMap((s) => [...s])) left.add(to);
    let peeled = true;
    while (peeled) {
      peeled = false;
      for (const f of left) {
        if (![...(edges.get(f) ?? [])].some((to) => left.has(to))) {
          left.delete(f);
          peeled = true;
        }
      }
    }
    expect([...left].sort()).toEqual([]);
  });

  it('has no file that reaches itself through its imports', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, trail: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...trail.slice(trail.indexOf(f)), f].map((x) => path.relative(SRC, x)).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const to of importsOf(f)) visit(to, [...trail, f]);
      state.set(f, 'done');
    };
    files.forEach((f) => visit(f, []));
    expect(circles).toEqual([]);
  });

  it('changes posts, threads and reactions only from entries/, and posts/ runs no SQL of its own', () => {
    const changes = /\b(INSERT INTO|UPDATE|DELETE FROM)\s+(posts|threads|post_reactions)\b/;
    const outside = files.filter((f) => folderOf(f) !== 'entries' && changes.test(text.get(f)!));
    expect(outside.map((f) => path.relative(SRC, f))).toEqual([]);
    const sqlInPosts = files.filter((f) => folderOf(f) === 'posts' && /\.query[<(]/.test(text.get(f)!));
    expect(sqlInPosts.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('runs SQL only in repositories, SQL fragments and the platform', () => {
    const runsSql = (f: string) => /\.query\s*[<(]/.test(text.get(f)!);
    const allowed = (f: string) =>
      f.endsWith('.repository.ts') ||
      f.endsWith('.sql.ts') ||
      folderOf(f) === 'platform' ||
      // The liveness probe: SELECT 1, nothing of anyone's.
      path.relative(SRC, f) === path.join('health', 'health.controller.ts');
    expect(files.filter((f) => runsSql(f) && !allowed(f)).map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
