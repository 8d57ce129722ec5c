// Where the Electron binary is, without `require('electron')`: since Electron 45 that require downloads the
// binary on the spot when it is missing, which is not what a check should do.
import fs from 'node:fs';
import path from 'node:path';

export function electronBinary(root = process.cwd()) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return fs.existsSync(file) ? file : undefined;
  }
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : undefined;
}
