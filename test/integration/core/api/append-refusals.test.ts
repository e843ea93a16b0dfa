// events.append through the router, as a shell calls it: every refusal arrives as {ok: false, error:
// {code, message}} and leaves the store's files as they were.

import { rm } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { testDispatch } from '../../../support/test-dispatch'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { appendEvent } from '../../../../electron/core/write/append'
import { initStore } from '../../../../electron/core/write/init-store'
import { fingerprintDir } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-ipc-append-')

async function setup() {
  const dir = await tempDir()
  await initStore(dir)
  await appendEvent({ dir, aggregateId: 'u1', eventType: 'UserRegistered', payload: { name: 'Zoë' } })
  const session = new ExplorerSession()
  await session.open(dir)
  await session.whenReconciled()
  const dispatch = testDispatch(session, { initialDir: dir })
  return { dir, session, dispatch }
}

const base = { aggregateId: 'u1', eventType: 'T', payload: { n: 1 } }

describe('given a session on a store, when events.append is refused', () => {
  it.each([
    [
      'a wrong expected version',
      { ...base, expectedVersion: 0 },
      'version_conflict',
      'expected version 0, stream is at 1',
    ],
    [
      'an unsafe aggregate id',
      { ...base, aggregateId: '../u1' },
      'invalid_input',
      'Aggregate id "../u1" is not allowed: it contains a path separator.',
    ],
    ['an empty type', { ...base, eventType: '  ' }, 'invalid_input', 'The event type is empty.'],
    [
      'an empty type string',
      { ...base, eventType: '' },
      'invalid_input',
      /^events\.append: invalid input at eventType: /,
    ],
    [
      'a payload that is not an object',
      { ...base, payload: [1] },
      'invalid_input',
      /^events\.append: invalid input at payload: /,
    ],
    [
      'a payload field named like an envelope field',
      { ...base, payload: { event_id: 'x' } },
      'invalid_input',
      'Payload field "event_id" collides with an envelope field of this store\'s flat style; rename it.',
    ],
    ['an unknown field', { ...base, data: {} }, 'invalid_input', /^events\.append: invalid input/],
  ])(
    'when it is %s, then it answers {ok: false, error: {%s}} and writes nothing',
    async (_, input, code, message) => {
      const { dir, session, dispatch } = await setup()
      try {
        const before = await fingerprintDir(dir)
        const result = await dispatch('events.append', input)
        expect(result).toMatchObject({ ok: false, error: { code } })
        const error = (result as { error: { message: string } }).error
        if (typeof message === 'string') expect(error.message).toBe(message)
        else expect(error.message).toMatch(message)
        expect(Object.keys(error).sort()).toEqual(['code', 'message'])
        expect(await fingerprintDir(dir)).toEqual(before)
      } finally {
        session.close()
      }
    },
  )

  it('when the store directory has gone, then it answers not_found and creates nothing', async () => {
    const { dir, session, dispatch } = await setup()
    try {
      await rm(dir, { recursive: true })
      const result = await dispatch('events.append', base)
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'not_found',
          message: `No such store directory: ${dir} (create one with \`eventscope init\`).`,
        },
      })
    } finally {
      session.close()
    }
  })

  it('when no store is open, then it answers no_store', async () => {
    const session = new ExplorerSession()
    const dispatch = testDispatch(session)
    expect(await dispatch('events.append', base)).toMatchObject({ ok: false, error: { code: 'no_store' } })
  })

  it('when the last event is sent again with its id, then it answers duplicate: true and writes nothing', async () => {
    const { dir, session, dispatch } = await setup()
    try {
      const first = await dispatch('events.append', { ...base, eventId: 'e-1', expectedVersion: 1 })
      expect(first).toMatchObject({ ok: true, value: { version: 2, duplicate: false } })
      const before = await fingerprintDir(dir)
      const again = await dispatch('events.append', { ...base, eventId: 'e-1', expectedVersion: 1 })
      expect(again).toMatchObject({ ok: true, value: { version: 2, duplicate: true } })
      expect(await fingerprintDir(dir)).toEqual(before)
    } finally {
      session.close()
    }
  })
})
