import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

function copyFiles(from: string, to: string, extension: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const file of fs.readdirSync(from).filter((f) => f.endsWith(extension))) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

/**
 * Files the main bundle reads from disk, shipped where the bundled code looks for them: the store's numbered
 * .sql migrations next to the bundle, and the demo DHIS2 metadata exports one folder up (the simulator resolves
 * them as `../fixtures/` from its own module, which in the bundle is out/main/index.js).
 */
function copyRuntimeFiles(): Plugin {
  return {
    name: 'copy-runtime-files',
    writeBundle(options) {
      const outDir = options.dir ?? path.resolve('out/main');
      copyFiles(path.resolve('main/store/migrations'), path.join(outDir, 'migrations'), '.sql');
      copyFiles(path.resolve('simulators/dhis2/fixtures'), path.join(outDir, '..', 'fixtures'), '.gz');
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: { input: { index: path.resolve('main/app/index.ts') } },
    },
    plugins: [copyRuntimeFiles()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but Electron: bundle zod and the contract into it, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: path.resolve('preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: path.resolve('out/renderer'),
      rollupOptions: { input: path.resolve('renderer/index.html') },
    },
    plugins: [react()],
  },
});
