import type { RcTrayApi } from '../main/common/ipc-contract';

// The preload's bridge is the renderer's only way out of the page: no Node, no Electron.
declare global {
  interface Window {
    readonly rcTray: RcTrayApi;
  }
}

export {};
