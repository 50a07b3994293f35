import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// A sandboxed preload can require nothing but 'electron': scripts/build.mjs bundles this file to CJS.
contextBridge.exposeInMainWorld('bridge', createBridge(ipcRenderer));
