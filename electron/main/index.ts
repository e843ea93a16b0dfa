// The Electron main process entry (built to `out/main/index.js`).

import { startApp } from './app-lifecycle'

// import.meta.dirname: electron-vite rewrites it to __dirname in the CommonJS bundle, and ESM has it natively.
startApp({ mainDir: import.meta.dirname })
