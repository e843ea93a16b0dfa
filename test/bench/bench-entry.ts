// What the benchmark runner (a plain Node script, no TypeScript loader) needs from the core, bundled by
// the main build into out/main/bench.js so the bench measures the same code, workers included, as the app.

export { ExplorerSession } from '../../electron/core/session/explorer-session'
export { scanStream } from '../../electron/core/stream/stream-index'
export { stateAt } from '../../electron/core/replay/replay'
export { appendEvent } from '../../electron/core/write/append'
export { generateStore } from '../../electron/core/gen/generate-store'
export { configureWorkers } from '../../electron/core/worker/run-task'
export { openStreamIndex } from '../../electron/core/worker/off-thread'
export { startWebHost } from '../../electron/web/web-host'
export { benchSearchEventType } from '../../electron/core/search/search-bench'
export { createRouter } from '../../electron/core/api/router'
export { createHandlers } from '../../electron/core/api/handlers'
export { openPostgresSource } from '../../electron/core/source/postgres/postgres-source'
export { startPostgres } from '../support/postgres-server'
