// A plain fake host for store tests: every channel is a recorded function answering from a table, so a
// test builds the real store with createAppStore and sees exactly what the page asks. No module mocks.

import { vi, type Mock } from 'vitest'
import { requestChannels, type RequestChannel } from '../../../../shared/channels'
import type { ChannelInput, ChannelOutput, EventscopeApi } from '../../../../shared/contract'
import { createAppStore, type AppStore } from '../../../../renderer/src/store/create-app-store'

type Answer<C extends RequestChannel> =
  ChannelOutput<C> | ((input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>)

export type Answers = { [C in RequestChannel]?: Answer<C> }

export type FakeApi = { [C in RequestChannel]: Mock<(input: ChannelInput<C>) => Promise<ChannelOutput<C>>> }

/** Loads every opened store starts in the background; a test that cares answers them itself. */
const background: Answers = {
  'aggregates.window': ({ offset }) => ({ total: 0, unfiltered: 0, offset, rows: [] }),
  'events.types': { types: [] },
}

/** A fake api answering from `answers`; a channel without an answer rejects, naming itself. */
export function fakeApi(answers: Answers = {}): FakeApi {
  const table: Answers = { ...background, ...answers }
  const entries = requestChannels.map((channel) => {
    const answer = table[channel] as Answer<typeof channel> | undefined
    const call = vi.fn(async (input: unknown) => {
      if (answer === undefined) throw new Error(`${channel} was not expected by this test`)
      return typeof answer === 'function' ? (answer as (input: unknown) => unknown)(input) : answer
    })
    return [channel, call]
  })
  return Object.fromEntries(entries) as FakeApi
}

/** The real app store around a fake api; downloads are recorded instead of started. */
export function storeWith(api: FakeApi): AppStore & { readonly downloads: string[] } {
  const downloads: string[] = []
  const store = createAppStore(api as unknown as EventscopeApi, {
    startDownload: (url) => downloads.push(url),
  })
  return Object.assign(store, { downloads })
}

/** Let every answer already given reach the store (promise callbacks run before a macrotask). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** A promise the test resolves or rejects when it chooses, to order answers. */
export { deferred } from '../../../support/deferred'

/** A store summary as store.open answers it. */
export function summaryOf(dir: string, directoryId: string, aggregates = 0) {
  return {
    dir,
    directoryId,
    style: null,
    aggregates,
    events: 0,
    indexedEvents: null,
    index: 'missing' as const,
    reconciled: false,
    problems: [],
    findings: { errors: 0, warnings: 0 },
    source: {
      kind: 'jsonl' as const,
      name: dir,
      layout: null as string | null,
      capabilities: {
        append: everything,
        follow: everything,
        verify: everything,
        repair: everything,
        reindex: everything,
        reducers: everything,
      },
    },
    notAStore: null,
  }
}

const everything = { available: true, reason: null }

/** Open `dir` through the store slice, as the app does, and let the background loads land. */
export async function opened(store: AppStore, dir = '/data/store'): Promise<void> {
  await store.getState().pathSubmitted(dir)
  await settle()
}

/** store.open answering any typed path as a store of `aggregates` aggregates. */
export function opensAnyPath(aggregates = 0): Answer<'store.open'> {
  return (target) =>
    summaryOf('dir' in target ? target.dir : '?', '44444444-4444-4444-8444-444444444444', aggregates)
}

/** store.open's answer for a PostgreSQL store: no file tools, and append and follow as given. */
export function databaseSummaryOf(
  address: string,
  directoryId: string,
  offers: { readonly append?: boolean; readonly follow?: boolean } = {},
) {
  const base = summaryOf(address, directoryId, 2)
  const no = (reason: string) => ({ available: false, reason })
  return {
    ...base,
    index: 'ok' as const,
    reconciled: true,
    source: {
      kind: 'postgres' as const,
      name: `PostgreSQL at ${address}`,
      layout: 'Emmett' as string | null,
      capabilities: {
        append: offers.append === false ? no('Read-only here.') : everything,
        follow: offers.follow === false ? no('Nothing to watch here.') : everything,
        verify: no('A PostgreSQL store has no files to verify.'),
        repair: no('A PostgreSQL store has no files to repair.'),
        reindex: no('A PostgreSQL store has no index.json.'),
        reducers: no('A PostgreSQL store has no .eventscope folder.'),
      },
    },
  }
}
