// The Electron main process entry (built to `out/main/index.js`).

import { startApp } from './app-lifecycle'

startApp({ mainDir: __dirname })
