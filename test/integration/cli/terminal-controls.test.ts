// A store can come from anyone, and what the CLI prints of it goes to a terminal: its control
// characters (in an id, which is a file name, in an event type or payload, in a damaged line and in
// the parse message that quotes it) are printed as visible escapes by every command, on stdout and
// stderr, and --json output still gives the exact characters back.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { requireBuiltCli, runCli, type CliRun } from './run-built-cli'

const tempDir = useTempDirs('eventscope-terminal-controls-')
beforeAll(() => requireBuiltCli())

const esc = '\u001b'
const type = `Paid${esc}[31m`
const note = `x${esc}]0;retitled\u0007y\u009b2J`
const idWithControls = `acc${esc}[2J`

/** A store whose text is full of terminal sequences, and one damaged line of raw control bytes. */
async function hostileStore(): Promise<string> {
  const dir = await tempDir()
  const event = (aggregateId: string, n: number): string =>
    JSON.stringify({
      event_id: `e${n}`,
      event_type: type,
      aggregate_id: aggregateId,
      occurred_at: '2024-01-01T00:00:00',
      note,
    })
  await writeFile(join(dir, 'acc-1.events.jsonl'), `${event('acc-1', 1)}\n${esc}[2J\rhidden${esc}\n`)
  await writeFile(join(dir, `${idWithControls}.events.jsonl`), `${event(idWithControls, 2)}\n`)
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      aggregates: {
        'acc-1': { event_count: 1, last_event_at: '2024-01-01T00:00:00' },
        [idWithControls]: { event_count: 1, last_event_at: '2024-01-01T00:00:00' },
      },
      total_events: 2,
    }),
  )
  return dir
}

/** Every control character a terminal could act on that the run printed: none is the answer. */
function rawControls(run: CliRun): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  return [...`${run.stdout}${run.stderr}`.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)].map(
    ([char]) => `U+${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

describe('given a store whose ids, types, payloads and damaged lines hold terminal sequences', () => {
  it('when each reading command prints it as text, then no control character reaches the terminal raw, and the escapes are shown', async () => {
    const dir = await hostileStore()
    const commands = [
      ['list', dir],
      ['list', dir, '--from-index'],
      ['ids', dir],
      ['events', dir, 'acc-1'],
      ['events', dir, idWithControls],
      ['state', dir, 'acc-1'],
      ['verify', dir],
      ['search', dir, '--text', 'retitled'],
      ['project', dir, '--builtin', 'events-per-type'],
      ['check', dir, '--invariant', 'state.note == "y"'],
      ['state', dir, `nope${esc}[2J`],
    ]
    for (const args of commands) {
      const run = await runCli(args)
      expect({ args, raw: rawControls(run) }).toEqual({ args, raw: [] })
      expect(`${run.stdout}${run.stderr}`).toContain('\\u001b')
    }
  })

  it('when the same is asked with --json, then the output parses and holds the exact characters', async () => {
    const dir = await hostileStore()
    const events = await runCli(['events', dir, 'acc-1', '--json'])
    expect(rawControls(events)).toEqual([])
    const doc = JSON.parse(events.stdout) as {
      events: { type: string; payload: { note: string } }[]
      problems: { line: number; snippet: string }[]
    }
    expect(doc.events[0]).toMatchObject({ type, payload: { note } })
    expect(doc.problems[0]).toMatchObject({ line: 2 })
    expect(doc.problems[0]?.snippet).toMatch(new RegExp(`^${esc}\\[2J.hidden${esc}$`))

    const list = await runCli(['list', dir, '--json'])
    expect(rawControls(list)).toEqual([])
    const ids = (JSON.parse(list.stdout) as { aggregates: { id: string }[] }).aggregates.map(({ id }) => id)
    expect(ids).toContain(idWithControls)

    const missing = await runCli(['state', dir, `nope${esc}[2J`, '--json'])
    expect(missing.code).toBe(1)
    expect(rawControls(missing)).toEqual([])
    expect((JSON.parse(missing.stderr) as { error: { message: string } }).error.message).toContain(
      `nope${esc}[2J`,
    )
  })
})
