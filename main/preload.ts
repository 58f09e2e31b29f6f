// The preload of every Banmian window (sandboxed: only the 'electron' module is available, and
// esbuild bundles the contract into dist/main/preload.cjs). It exposes window.api: the named
// functions of main/ipc/preload-api.ts, and nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi } from './ipc/preload-api';

contextBridge.exposeInMainWorld('api', buildApi(ipcRenderer, (file) => webUtils.getPathForFile(file)));
