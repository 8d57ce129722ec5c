import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Go.Data Bridge';

/** The folder Electron's `app.getPath('userData')` gives the app, so the CLI and the app share one database. */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_NAME);
}
