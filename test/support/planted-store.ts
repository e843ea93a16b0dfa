// A bank store with invariant violations planted at known versions, written inline for the debugger's
// tests: `state.balance >= 0` breaks for acc-1 at version 600 (past the 512-event checkpoint spacing,
// and only there: it holds again at 601), for acc-3 at version 3, never for acc-2; ord-1 is an Order.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { jsonLines, writeIndex, writeStream } from './store-files'

export const plantedInvariant = 'not exists(state.balance) or state.balance >= 0'

/** Where each planted violation of `plantedInvariant` is, by aggregate. */
export const planted = { 'acc-1': 600, 'acc-3': 3 } as const

function account(id: string, balances: readonly number[]): unknown[] {
  return balances.map((balance, at) => ({
    event_id: `${id}-${at + 1}`,
    event_type: at === 0 ? 'AccountOpened' : 'AccountCredited',
    aggregate_id: id,
    occurred_at: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
    // The custom reducer below sums `amount`; the merge patch keeps `balance`: both break alike.
    amount: at === 0 ? balance : balance - (balances[at - 1] as number),
    balance,
  }))
}

/** Write the planted store into `dir` (with a store reducer summing `amount` into `total`). */
export async function writePlantedStore(dir: string): Promise<void> {
  const one = Array.from({ length: 700 }, (_, at) => (at + 1 === 600 ? -5 : at + 1))
  const streams: Record<string, unknown[]> = {
    'acc-1': account('acc-1', one),
    'acc-2': account('acc-2', [10, 20, 30]),
    'acc-3': account('acc-3', [10, 5, -1, 4]),
    'ord-1': [
      { event_id: 'o-1', event_type: 'OrderPlaced', aggregate_id: 'ord-1', status: 'open', balance: -1 },
      { event_id: 'o-2', event_type: 'OrderPaid', aggregate_id: 'ord-1', status: 'paid' },
      { event_id: 'o-3', event_type: 'OrderShipped', aggregate_id: 'ord-1', status: 'shipped' },
    ],
  }
  const index: Record<string, { event_count: number; last_event_at: string | null }> = {}
  for (const [id, events] of Object.entries(streams)) {
    await writeStream(dir, id, jsonLines(events))
    index[id] = { event_count: events.length, last_event_at: null }
  }
  await writeIndex(dir, index)
  await mkdir(join(dir, '.eventscope', 'reducers'), { recursive: true })
  await writeFile(
    join(dir, '.eventscope', 'reducers', 'Account.js'),
    `export function initialState() { return { total: 0 } }
export function evolve(state, event) { return { total: state.total + event.payload.amount } }
`,
  )
}
