// The import graph of src: no circle (type-only imports included: a circle of types is still two files that
// cannot be read one before the other), and nothing in src imports bench/ or tools/, which sit on top.
// Also the layers inside src: the engine imports neither the app nor the CLI, and the app and the CLI not each other.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Every relative module a file names: imports and re-exports (type-only ones too), dynamic imports, new URL(...). */
function specifiers(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.filter((s) => s.startsWith('.'));
}

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every file of src (relative to the repository root) -> the modules it names. */
const named = new Map(sourceFiles(SRC).map((file) => [relative(ROOT, file), specifiers(file)]));

/** file -> the files it imports (relative paths from the repository root). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [name, specs] of named) {
    const file = join(ROOT, name);
    const targets = specs.map((s) => resolveModule(file, s)).filter((t): t is string => t !== null && SOURCE.test(t));
    graph.set(relative(ROOT, file), targets.map((t) => relative(ROOT, t)));
  }
  return graph;
}

/** The circles of the graph, each as the path that closes it (depth-first search, one report per circle found). */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

const graph = importGraph();
const arrows = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));

describe('the import graph of src', () => {
  it('is read in full (the test sees the app, the engine and the CLI)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(arrows.length).toBeGreaterThan(300);
  });

  it('has no circles, type-only imports included', () => {
    expect(circles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('imports nothing from bench/ or tools/ (they sit on top of src)', () => {
    // Any import that leaves src, resolved or not.
    const out = [...named].flatMap(([file, specs]) =>
      specs.map((s) => relative(ROOT, resolve(dirname(join(ROOT, file)), s))).filter((t) => /^(bench|tools)\//.test(t)).map((t) => `${file} -> ${t}`),
    );
    expect(out).toEqual([]);
  });

  it('runs upward only: the engine imports neither the app nor the CLI; the app and the CLI not each other (tests aside)', () => {
    const layer = (f: string) => f.split('/')[1];
    const wrong = arrows.filter(({ from, to }) => {
      if (/\.test\.tsx?$/.test(from)) return false;
      const [a, b] = [layer(from), layer(to)];
      return (a === 'engine' && b !== 'engine') || (a === 'app' && b === 'cli') || (a === 'cli' && b === 'app');
    });
    expect(wrong.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });
});
