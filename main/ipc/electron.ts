import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, eventChannel, events, type EventName, type EventPayload } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { isTrustedSender } from '../app/security-rules.js';
import type { Dispatch } from './dispatch.js';

/**
 * Wires the contract onto Electron IPC: one `ipcMain.handle` per contract channel and nothing else. Each call
 * is answered only when it comes from our own top-level page; the payload is validated by `dispatch`.
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      const isMainFrame = frame !== null && frame === event.sender.mainFrame;
      if (!isTrustedSender(frame?.url, isMainFrame)) {
        return Promise.resolve({
          ok: false,
          error: { kind: 'forbidden', message: 'This request did not come from the app window' },
        });
      }
      return dispatch(channel, payload);
    });
  }
  return () => CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Main → renderer events, validated against the contract before they are sent. */
export function createEmitter(
  getWindow: () => BrowserWindow | undefined,
  onInvalid?: (name: EventName, error: unknown) => void,
) {
  return <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return;
    // A malformed event is a bug in main; dropping it must not break the run that emitted it.
    const checked = events[name].safeParse(payload);
    if (checked.success) window.webContents.send(eventChannel(name), checked.data);
    else onInvalid?.(name, checked.error);
  };
}
