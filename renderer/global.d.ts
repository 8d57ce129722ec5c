/// <reference types="vite/client" />
import type { Api } from '../shared/api.js';

declare global {
  /** Set by the preload (Electron) or by the e2e bridge page; read only through `renderer/api.ts`. */
  interface Window {
    api: Api;
  }
}
