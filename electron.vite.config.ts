import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/** The store reads its numbered .sql migrations from disk: ship them next to the main bundle. */
function copyMigrations(): Plugin {
  return {
    name: 'copy-migrations',
    writeBundle(options) {
      const from = path.resolve('main/store/migrations');
      const to = path.join(options.dir ?? 'out/main', 'migrations');
      fs.mkdirSync(to, { recursive: true });
      for (const file of fs.readdirSync(from).filter((f) => f.endsWith('.sql'))) {
        fs.copyFileSync(path.join(from, file), path.join(to, file));
      }
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
    plugins: [copyMigrations()],
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
