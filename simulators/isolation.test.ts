// The simulators stand apart from the gateway: no simulator file imports gateway code, and gateway modules reach a
// simulator only through a dynamic import() (demo mode), so a production process never loads one.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIMULATORS = join(ROOT, 'simulators');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(c|m)?tsx?$|\.(c|m)?js$/.test(entry.name) ? [path] : [];
  });
}

interface ModuleReference {
  specifier: string;
  /** How it is loaded: `import(…)` only when followed; `import type` never (the compiler erases it). */
  kind: 'static' | 'dynamic' | 'type';
}

/** Every module a source text names: static imports and re-exports, `import(…)`, `require(…)`. Comments are skipped. */
function moduleReferences(text: string): ModuleReference[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: ModuleReference[] = [];
  for (const match of code.matchAll(
    /(?:^|[;\s])(import|export)(\s+type)?\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]/gm,
  )) {
    found.push({ specifier: (match[3] ?? match[4]) as string, kind: match[2] ? 'type' : 'static' });
  }
  for (const match of code.matchAll(/\b(import|require)\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) {
    found.push({ specifier: match[2] as string, kind: match[1] === 'import' ? 'dynamic' : 'static' });
  }
  return found;
}

/** The file a relative or absolute specifier points at (undefined for a package or `node:` module). */
function target(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('file:')) return fileURLToPath(specifier);
  if (specifier.startsWith('.') || specifier.startsWith('/')) return resolve(dirname(file), specifier);
  return undefined;
}

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(dir + sep);

/** References from `file` that leave the simulator tree for anything but a package. */
function escapes(file: string, text: string): string[] {
  return moduleReferences(text)
    .filter(({ specifier }) => {
      const path = target(file, specifier);
      return path !== undefined && !inside(path, SIMULATORS);
    })
    .map(({ specifier }) => `${relative(ROOT, file)} → ${specifier}`);
}

describe('the simulator tree', () => {
  it('imports nothing of the gateway: only its own files, Node and packages', () => {
    // This file is left out: its examples below name gateway modules on purpose.
    const files = sourceFiles(SIMULATORS).filter((file) => file !== fileURLToPath(import.meta.url));
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => escapes(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it.each([
    ["import { formatGlobalId } from '../../src/ids.js';", true],
    ["import type { AccountProvider } from '../../src/generated/resolvers-types.js';", true],
    ["export { parseAmount } from '../../src/providers/taler/amount.js';", true],
    ["const wire = await import('../../src/providers/midaz/wire.js');", true],
    ["import '../../src/logger.js';", true],
    ["import type { Fault } from '../../src/types.js';", true],
    ["import { z } from 'zod';\nimport { createServer } from 'node:http';", false],
    ["import { startSimulator } from '../shared/server.js';", false],
    ["// see '../../src/ids.js' for the gateway's side\nimport { x } from './x.js';", false],
  ])('tells a gateway import from a local one: %s', (text, escaping) => {
    expect(escapes(join(SIMULATORS, 'taler', 'example.ts'), text).length > 0).toBe(escaping);
  });
});

/** Gateway references that would load a simulator when the module loads. */
function loadsSimulator(file: string, text: string): string[] {
  return moduleReferences(text)
    .filter(({ specifier, kind }) => {
      const path = target(file, specifier);
      return path !== undefined && inside(path, SIMULATORS) && kind === 'static';
    })
    .map(({ specifier }) => `${relative(ROOT, file)} → ${specifier}`);
}

describe('the gateway', () => {
  it('reaches a simulator only by dynamic import() (which only demo mode follows) or for its types', () => {
    const modules = sourceFiles(SRC).filter((file) => !/\.test\.tsx?$/.test(file));
    expect(modules.length).toBeGreaterThan(20);
    expect(modules.flatMap((file) => loadsSimulator(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it.each([
    ["import { startSimulators } from '../simulators/index.js';", true],
    ["export { SIMULATORS } from '../simulators/index.js';", true],
    ["import '../simulators/index.js';", true],
    ["const { startSimulators } = await import('../simulators/index.js');", false],
    ["import type { SimulatorFleet } from '../simulators/index.js';", false],
    ["import { loadConfig } from './config.js';", false],
  ])('tells a loading import of a simulator from one that loads nothing: %s', (text, loading) => {
    expect(loadsSimulator(join(SRC, 'main.ts'), text).length > 0).toBe(loading);
  });
});
