// Vitest setup for the unit project: the core runs from its TS sources there, where the sandbox worker
// is not built, so point the sandbox at a bundle built from the same sources (on first use only).

import { configureSandbox } from '../../electron/core/sandbox/sandbox-host'
import { builtSandboxWorker } from './built-sandbox-worker'

configureSandbox({ workerFile: builtSandboxWorker })
