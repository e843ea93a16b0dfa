// events.append through the router with the payload's text as typed (the Append form sends it): the
// stream line keeps its key order and number literals; a text that says something else than the payload
// sent with it is refused and nothing is written.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { appendEvent } from '../../../../electron/core/write/append'
import { initStore } from '../../../../electron/core/write/init-store'
import { fingerprintDir } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'
import { testDispatch } from '../../../support/test-dispatch'

const tempDir = useTempDirs('eventscope-ipc-typed-')
const typed = '{"b": 1, "2": "two", "1": "one", "x": 1.0, "big": 9007199254740993}'

async function setup() {
  const dir = await tempDir()
  await initStore(dir)
  await appendEvent({ dir, aggregateId: 'u1', eventType: 'UserRegistered', payload: { name: 'Zoë' } })
  const session = new ExplorerSession()
  await session.open(dir)
  await session.whenReconciled()
  return { dir, session, dispatch: testDispatch(session, { initialDir: dir }) }
}

const lastLine = async (dir: string): Promise<string> =>
  (await readFile(join(dir, 'u1.events.jsonl'), 'utf8')).trimEnd().split('\n').at(-1) ?? ''

describe('given a session on a seed-style store', () => {
  it('when events.append carries the payload text, then the line keeps its key order and literals', async () => {
    const { dir, session, dispatch } = await setup()
    try {
      // What the page sends: JSON.parse's object (keys hoisted, 1.0 as 1), the big integer's digits, the text.
      const result = await dispatch('events.append', {
        aggregateId: 'u1',
        eventType: 'Typed',
        payload: JSON.parse(typed) as object,
        exact: { '/big': '9007199254740993' },
        payloadText: typed,
      })
      expect(result).toMatchObject({ ok: true, value: { version: 2, duplicate: false } })
      expect(await lastLine(dir)).toMatch(
        /"occurred_at": "[^"]+", "b": 1, "2": "two", "1": "one", "x": 1\.0, "big": 9007199254740993\}$/,
      )
    } finally {
      session.close()
    }
  })

  it.each([
    ['another value', '{"b": 2, "2": "two", "1": "one", "x": 1.0, "big": 9007199254740993}'],
    ['another key', '{"b": 1, "2": "two", "1": "one", "x": 1.0, "big": 9007199254740993, "extra": 0}'],
    ['no JSON', '{"b": 1,'],
  ])(
    'when the text holds %s than the payload, then it is refused and nothing is written',
    async (_, text) => {
      const { dir, session, dispatch } = await setup()
      try {
        const before = await fingerprintDir(dir)
        const result = await dispatch('events.append', {
          aggregateId: 'u1',
          eventType: 'Typed',
          payload: JSON.parse(typed) as object,
          payloadText: text,
        })
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
        expect(JSON.stringify(result)).toMatch(/payload text/)
        expect(await fingerprintDir(dir)).toEqual(before)
      } finally {
        session.close()
      }
    },
  )
})
