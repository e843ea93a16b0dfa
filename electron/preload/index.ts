// The preload: runs sandboxed before the page, and exposes the bridge as `window.eventscope`.

import { contextBridge, ipcRenderer } from 'electron'
import { bridgeGlobalName } from '../../shared/bridge'
import { createBridge } from './bridge'

contextBridge.exposeInMainWorld(bridgeGlobalName, createBridge(ipcRenderer))
