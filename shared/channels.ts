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
  'projection.cancel',
  'search.run',
  'search.cancel',
  'correlation.list',
  'store.histogram',
  'store.asOf',
] as const

export const requestChannels = [
  ...insightChannels,
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
  'export.run',
  'export.cancel',
  'store.verify',
  'store.verifyCancel',
  'store.repair',
  'store.reindex',
] as const

export const pushEvents = ['onStoreChanged', 'onProgress'] as const

export type RequestChannel = (typeof requestChannels)[number]
export type PushEvent = (typeof pushEvents)[number]

/** Whether a value names a request channel of the contract. */
export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && (requestChannels as readonly string[]).includes(value)
}

/** Whether a value names a push event of the contract. */
export function isPushEvent(value: unknown): value is PushEvent {
  return typeof value === 'string' && (pushEvents as readonly string[]).includes(value)
}
