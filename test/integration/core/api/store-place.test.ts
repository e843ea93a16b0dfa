// A store folder swapped for a link after it was opened: the session must not read from or append to
// wherever the link leads. Every request checks the folder is still the one opened.

import { mkdir, rename, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { outsideRootsReason } from '../../../../electron/core/settings/directory-policy'
import { appendEvent } from '../../../../electron/core/write/append'
import { initStore } from '../../../../electron/core/write/init-store'
import { fingerprintDir } from '../../../support/store-files'
import { testDispatch } from '../../../support/test-dispatch'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-store-place-')

async function storeAt(dir: string, name: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await initStore(dir)
  await appendEvent({ dir, aggregateId: 'u1', eventType: 'UserRegistered', payload: { name } })
}

async function setup() {
  const root = await tempDir()
  const outside = await tempDir()
  await storeAt(join(root, 'store'), 'inside')
  await storeAt(join(outside, 'store'), 'SECRET')
  const session = new ExplorerSession()
  // As the browser shell admits typed paths: only under its --root.
  const dispatch = testDispatch(session, { typedPathRefusal: async (dir) => outsideRootsReason(dir, [root]) })
  const opened = await dispatch('store.open', { dir: join(root, 'store') })
  expect(opened.ok).toBe(true)
  return { root, outside, session, dispatch }
}

async function swapForLink(root: string, outside: string): Promise<void> {
  await rename(join(root, 'store'), join(root, 'store-old'))
  await symlink(join(outside, 'store'), join(root, 'store'))
}

describe('given a store opened under --root, when its folder is swapped for a link to a store outside', () => {
  it('then reading and appending are refused in one line, and the outside store is untouched', async () => {
    const { root, outside, session, dispatch } = await setup()
    try {
      await swapForLink(root, outside)
      const before = await fingerprintDir(join(outside, 'store'))

      // Appending first: the write must not reach the linked store.
      const append = await dispatch('events.append', { aggregateId: 'u1', eventType: 'T', payload: { n: 1 } })
      const read = await dispatch('stream.open', { aggregateId: 'u1' })
      const state = await dispatch('state.at', { aggregateId: 'u1', version: 1 })

      expect(append).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      expect(JSON.stringify(append)).toContain('no longer the folder that was opened')
      // The first refusal closed the store: later requests find none open.
      for (const result of [read, state])
        expect(result).toMatchObject({ ok: false, error: { code: 'no_store' } })
      expect(JSON.stringify([read, state])).not.toContain('SECRET')
      expect(await fingerprintDir(join(outside, 'store'))).toEqual(before)
    } finally {
      session.close()
    }
  })

  it('then the store is closed, and opening the path again is judged afresh (refused: outside the roots)', async () => {
    const { root, outside, session, dispatch } = await setup()
    try {
      await swapForLink(root, outside)
      await dispatch('stream.open', { aggregateId: 'u1' })

      expect(await dispatch('events.types', {})).toMatchObject({ ok: false, error: { code: 'no_store' } })
      expect(await dispatch('store.open', { dir: join(root, 'store') })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
    } finally {
      session.close()
    }
  })

  it('then a folder left in place keeps answering (the check refuses only a change)', async () => {
    const { session, dispatch } = await setup()
    try {
      expect(await dispatch('stream.open', { aggregateId: 'u1' })).toMatchObject({ ok: true })
      expect(
        await dispatch('events.append', { aggregateId: 'u1', eventType: 'T', payload: { n: 1 } }),
      ).toMatchObject({ ok: true })
    } finally {
      session.close()
    }
  })
})
