import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/api.js';
import { eventChannel } from '../shared/contract.js';

// The whole preload: `window.api` generated from the contract. No raw ipcRenderer, no generic invoke.
contextBridge.exposeInMainWorld(
  'api',
  buildApi({
    invoke: (channel, request) => ipcRenderer.invoke(channel, request),
    subscribe(event, listener) {
      const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(eventChannel(event), handler);
      return () => {
        ipcRenderer.removeListener(eventChannel(event), handler);
      };
    },
  }),
);
