// The names of every IPC channel and push event, without schemas.
//
// The sandboxed preload may not import npm packages at run time, so it builds its bridge from these
// plain lists; `contract.ts` pairs each name with its zod schemas for the processes that validate.

/** Custom reducers, projections and store-wide questions (electron/core/api/insight-handlers.ts). */
export const insightChannels = [
  'reducer.status',
  'store.trust',
  'state.diff',
  'projection.list',
  'projection.run',
  'search.run',
  'correlation.list',
  'store.histogram',
  'store.asOf',
] as const

/** The debugger: invariants over the store, breakpoints and watches over a stream (core/api/check-handlers.ts). */
export const checkChannels = ['check.run', 'stream.hits'] as const

/** Verifying and mending the open store (electron/core/api/integrity-handlers.ts). */
export const integrityChannels = ['store.verify', 'store.repair', 'store.reindex'] as const

/** Exports (electron/core/api/export-handlers.ts). */
export const exportChannels = ['export.run'] as const

export const requestChannels = [
  ...insightChannels,
  ...checkChannels,
  ...integrityChannels,
  ...exportChannels,
  'app.info',
  'store.pickDirectory',
  'store.open',
  'aggregates.window',
  'stream.open',
  'stream.window',
  'event.get',
  'stream.line',
  'state.at',
  'events.types',
  'events.template',
  'events.preview',
  'events.append',
  /** Stops any long request by the task id it was started with (search, projection, export, verify). */
  'task.cancel',
] as const

/**
 * `onCommand`: the Electron menu asks the page to run a command of shared/commands.ts. `onLinkOpened`:
 * the desktop app was handed an `eventscope://` link while running. `onStoreNotice`: one line about
 * the open store to show until it is cleared (following a database paused or stopped).
 * `onDownloadReady`: the browser shell wrote a download's export and starts sending it: what it holds.
 */
export const pushEvents = [
  'onStoreChanged',
  'onProgress',
  'onCommand',
  'onLinkOpened',
  'onStoreNotice',
  'onDownloadReady',
] as const

export type RequestChannel = (typeof requestChannels)[number]
export type PushEvent = (typeof pushEvents)[number]
export type InsightChannel = (typeof insightChannels)[number]
export type CheckChannel = (typeof checkChannels)[number]
export type IntegrityChannel = (typeof integrityChannels)[number]
export type ExportChannel = (typeof exportChannels)[number]

/** Whether a value names a request channel of the contract. */
export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && (requestChannels as readonly string[]).includes(value)
}

/** Whether a value names a push event of the contract. */
export function isPushEvent(value: unknown): value is PushEvent {
  return typeof value === 'string' && (pushEvents as readonly string[]).includes(value)
}
