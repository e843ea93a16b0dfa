// Small stores written line by line for the reducer, projection and search tests.

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ReducerLoader } from '../../../electron/core/reducers/reducer-service'
import { SandboxedReducer } from '../../../electron/core/reducers/sandboxed-reducer'

export const bankReducer = `
export function initialState() {
  return { balance: 0, deposits: 0 }
}

export function evolve(state, event) {
  switch (event.type) {
    case 'MoneyDeposited':
      return { ...state, balance: state.balance + event.payload.amount, deposits: state.deposits + 1 }
    case 'MoneyWithdrawn':
      if (event.payload.amount > state.balance) throw new Error('overdrawn by ' + (event.payload.amount - state.balance))
      return { ...state, balance: state.balance - event.payload.amount }
    default:
      return state
  }
}
`

/** Time limits no load or call of ordinary code reaches on any machine: only code that never ends does. */
export const roomyLimits = { loadMs: 600_000, callMs: 600_000 }

/**
 * The real reducer loader under roomy limits. The default limits (1 s to load, 100 ms a call) are wall
 * time, which a loaded machine can spend on an ordinary reducer: a test about what a reducer computes
 * must not fail (or fall back to the merge patch) because the machine was busy.
 */
export const roomyReducers: ReducerLoader = (source) =>
  SandboxedReducer.load({ ...source, limits: roomyLimits })

/** A temp directory holding `<id>.events.jsonl` files with these events (flat, seed style). */
export async function writeStore(streams: Record<string, Record<string, unknown>[]>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'eventscope-insight-'))
  for (const [id, events] of Object.entries(streams)) {
    const lines = events.map((event) => JSON.stringify({ aggregate_id: id, ...event }))
    await writeFile(join(dir, `${id}.events.jsonl`), lines.join('\n') + '\n')
  }
  return dir
}

/** Put code at `.eventscope/<folder>/<name>.js` in the store. */
export async function writeCode(
  dir: string,
  folder: 'reducers' | 'projections',
  name: string,
  source: string,
): Promise<string> {
  const at = join(dir, '.eventscope', folder)
  await mkdir(at, { recursive: true })
  const file = join(at, `${name}.js`)
  await writeFile(file, source)
  return file
}

/** Deposits and withdrawals of an Account: `amounts` positive deposit, negative withdraw. */
export function accountEvents(amounts: readonly number[], start = Date.parse('2026-03-01T00:00:00Z')) {
  return [
    { event_type: 'AccountOpened', occurred_at: new Date(start).toISOString(), owner: 'Ann' },
    ...amounts.map((amount, i) => ({
      event_type: amount >= 0 ? 'MoneyDeposited' : 'MoneyWithdrawn',
      occurred_at: new Date(start + (i + 1) * 60_000).toISOString(),
      amount: Math.abs(amount),
    })),
  ]
}
