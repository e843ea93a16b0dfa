// The channels that answer otherwise when the open store is a database: a wrapper over the JSONL
// handlers that hands each such channel to its database half (session.database()) and leaves the
// JSONL path as it was. What a database lacks is refused in one line with the summary's reason
// (session/store-capabilities.ts), before anything touches a file.

import type { RequestChannel } from '../../../shared/channels'
import type {
  ChannelInput,
  ChannelOutput,
  Handlers,
  ReducerStatusDto,
  StoreCapabilityName,
} from '../../../shared/contract'
import { toWire, toWireChanges } from '../json/exact-wire'
import { mergePatchReducer } from '../replay/reducer'
import type { ExplorerSession } from '../session/explorer-session'
import type { SourceSession } from '../session/source-session'

type DatabaseHandlers = {
  [C in RequestChannel]?: (db: SourceSession, input: ChannelInput<C>) => Promise<ChannelOutput<C>>
}

/** Channels refused on a database, by the capability whose reason they answer with. */
const lacking: Partial<Record<RequestChannel, StoreCapabilityName>> = {
  'store.verify': 'verify',
  'store.repair': 'repair',
  'store.reindex': 'reindex',
  'store.trust': 'reducers',
}

/** `handlers`, with the database's answers for the open database's channels. */
export function withDatabaseHandlers(session: ExplorerSession, handlers: Handlers): Handlers {
  const database = databaseHandlers()
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const [channel, jsonl] of Object.entries(handlers) as [
    RequestChannel,
    (input: unknown) => Promise<unknown>,
  ][]) {
    const capability = lacking[channel]
    const own = database[channel] as ((db: SourceSession, input: unknown) => Promise<unknown>) | undefined
    if (!capability && !own) {
      wrapped[channel] = jsonl
      continue
    }
    wrapped[channel] = async (input) => {
      const db = session.database()
      if (db === null) return jsonl(input)
      if (capability) db.require(capability)
      return own ? own(db, input) : jsonl(input)
    }
  }
  return wrapped as unknown as Handlers
}

function databaseHandlers(): DatabaseHandlers {
  return {
    'reducer.status': async (db, { aggregateId }) => mergePatchStatus(db, aggregateId),
    'state.at': async (db, input) => {
      if (input.reducer === 'custom') db.require('reducers')
      const result = await db.stateAt(input)
      const state = toWire(result.state)
      return {
        aggregateId: result.aggregateId,
        version: result.version,
        eventCount: result.eventCount,
        state: state.value,
        ...(state.exact ? { exact: state.exact } : {}),
        changes: toWireChanges(result.changes),
        failure: null,
        reducer: await mergePatchStatus(db, input.aggregateId),
      }
    },
  }
}

/** No custom reducers without a `.eventscope` folder: every state of a database is the merge patch. */
async function mergePatchStatus(db: SourceSession, aggregateId: string): Promise<ReducerStatusDto> {
  return {
    aggregateId,
    aggregateType: (await db.streamSummary(aggregateId)).type,
    dir: db.dir,
    trusted: false,
    reducer: { kind: 'merge-patch', label: mergePatchReducer.label, file: null, source: 'default' },
    untrustedFile: null,
    loadError: null,
  }
}
