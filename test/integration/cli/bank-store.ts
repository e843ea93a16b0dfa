// A small bank store and reducer modules for the state, project and search tests of the built CLI.

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** `MoneyDeposited {amount}` adds, `MoneyWithdrawn {amount}` subtracts. */
export const bankReducer = `export function initialState() {
  return { balance: 0 }
}

export function evolve(state, event) {
  switch (event.type) {
    case 'MoneyDeposited':
      return { balance: state.balance + event.payload.amount }
    case 'MoneyWithdrawn':
      return { balance: state.balance - event.payload.amount }
    default:
      return state
  }
}
`

/** Throws on the withdrawal that would take the balance below zero (line 7, column 13). */
export const strictReducer = `export function initialState() {
  return { balance: 0 }
}
export function evolve(state, event) {
  const amount = event.payload.amount ?? 0
  const next = event.type === 'MoneyWithdrawn' ? state.balance - amount : state.balance + amount
  if (next < 0) throw new Error('overdrawn by ' + -next)
  return { balance: next }
}
`

type Row = [type: string, payload: Record<string, unknown>]

/** acc-1: opened, +100, +250, -30, +5, -400 (overdraws), +20; acc-2: opened, +500, -120. */
export const streams: Record<string, Row[]> = {
  'acc-1': [
    ['AccountOpened', { owner: 'Ann Lee' }],
    ['MoneyDeposited', { amount: 100 }],
    ['MoneyDeposited', { amount: 250 }],
    ['MoneyWithdrawn', { amount: 30 }],
    ['MoneyDeposited', { amount: 5 }],
    ['MoneyWithdrawn', { amount: 400 }],
    ['MoneyDeposited', { amount: 20 }],
  ],
  'acc-2': [
    ['AccountOpened', { owner: 'Bo Svensson' }],
    ['MoneyDeposited', { amount: 500 }],
    ['MoneyWithdrawn', { amount: 120 }],
  ],
}

/** Write the bank store (flat, seed style, with an index.json) into `dir`; returns `dir`. */
export function writeBankStore(dir: string): string {
  mkdirSync(dir, { recursive: true })
  const aggregates: Record<string, { event_count: number; last_event_at: string }> = {}
  let total = 0
  let minute = 0
  for (const [id, rows] of Object.entries(streams)) {
    const lines = rows.map(([type, payload], i) => {
      const at = new Date(Date.UTC(2026, 2, 1, 9, minute++)).toISOString()
      aggregates[id] = { event_count: i + 1, last_event_at: at }
      return JSON.stringify({
        event_id: `${id}-${i + 1}`,
        event_type: type,
        aggregate_id: id,
        aggregate_type: 'Account',
        occurred_at: at,
        ...payload,
      })
    })
    total += lines.length
    writeFileSync(join(dir, `${id}.events.jsonl`), `${lines.join('\n')}\n`)
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ aggregates, total_events: total }, null, 2))
  return dir
}

/** Write a code file next to the store (not inside it) and return its path. */
export function writeModule(root: string, name: string, source: string): string {
  const file = join(root, name)
  writeFileSync(file, source)
  return file
}
