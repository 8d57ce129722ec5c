import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The built app reads some files from disk relative to its own bundles. Where no Electron binary exists the
// bundled main process never runs, so this spec checks that every such file is where the bundle will look.
const OUT = path.resolve('out');
const read = (file: string) => fs.readFileSync(path.join(OUT, file), 'utf8');
const filesIn = (dir: string, extension: string) => fs.readdirSync(dir).filter((f) => f.endsWith(extension));

test('the main bundle ships the migrations next to itself', () => {
  const shipped = filesIn(path.join(OUT, 'main', 'migrations'), '.sql');
  expect(shipped).toEqual(filesIn(path.resolve('main/store/migrations'), '.sql'));
  expect(read('main/index.js')).toContain('"migrations"');
});

test('every file the main bundle resolves from its own URL exists where it looks', () => {
  const bundle = read('main/index.js');
  const references = [...bundle.matchAll(/new URL\(\s*[`'"]([^`'"$]*)(?:\$\{|[`'"])[^)]*import\.meta\.url/g)];
  expect(references.length).toBeGreaterThan(0);
  for (const [, prefix] of references) {
    const target = path.resolve(OUT, 'main', prefix ?? '');
    expect(fs.existsSync(target), `${prefix} → ${target}`).toBe(true);
  }
  // The demo dataset: the DHIS2 metadata exports the in-app simulator loads in demo mode.
  const fixtures = filesIn(path.resolve('simulators/dhis2/fixtures'), '.gz');
  expect(fixtures.length).toBeGreaterThan(0);
  for (const file of fixtures) expect(fs.existsSync(path.join(OUT, 'fixtures', file)), file).toBe(true);
});

test('the sandboxed preload is CommonJS and requires nothing but electron', () => {
  const preload = read('preload/index.cjs');
  const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  expect(new Set(required)).toEqual(new Set(['electron']));
  expect(preload).not.toMatch(/^\s*import\s/m);
});

test('the renderer page loads only its own bundled assets', () => {
  const html = read('renderer/index.html');
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) {
    expect(asset, 'relative, so the app:// protocol serves it').toMatch(/^\.\/assets\//);
    expect(fs.existsSync(path.join(OUT, 'renderer', asset)), asset).toBe(true);
  }
});
