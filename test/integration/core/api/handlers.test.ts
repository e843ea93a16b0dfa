import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contract } from '../../../../shared/contract'
import { createHandlers, type ShellServices } from '../../../../electron/core/api/handlers'
import { createRouter } from '../../../../electron/core/api/router'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { RecentDirectories } from '../../../../electron/core/settings/recent-directories'
import { jsonLines, writeIndex, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

async function setup(pickDirectory: ShellServices['pickDirectory'] = null) {
  const dir = await tempDir()
  const recent = new RecentDirectories(join(await tempDir(), 'recent.json'))
  const session = new ExplorerSession()
  const handlers = createHandlers(session, {
    shell: 'browser',
    version: '1.2.3',
    initialDir: dir,
    recentDirs: () => recent.list(),
    rememberDir: (path) => recent.remember(path),
    pickDirectory,
  })
  await writeStream(
    dir,
    'o1',
    jsonLines([
      { type: 'OrderPlaced', aggregateId: 'o1', data: { total: 3 } },
      { type: 'OrderPaid', aggregateId: 'o1', data: { paid: true } },
    ]),
  )
  await writeIndex(dir, { o1: { event_count: 2, last_event_at: null } })
  return { dir, recent, session, dispatch: createRouter(handlers), handlers }
}

describe('createHandlers', () => {
  it('given a browser shell, when app.info is asked, then it describes the shell and cannot pick a directory', async () => {
    const { dir, dispatch } = await setup()

    const result = await dispatch('app.info', {})

    expect(result).toEqual({
      ok: true,
      value: { shell: 'browser', version: '1.2.3', initialDir: dir, recentDirs: [], canPickDirectory: false },
    })
    expect(await dispatch('store.pickDirectory', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    })
  })

  it('given a shell with a folder dialog, when a directory is picked, then its answer is returned', async () => {
    const { dispatch } = await setup(async () => '/picked')

    expect(await dispatch('store.pickDirectory', {})).toEqual({ ok: true, value: { dir: '/picked' } })
    expect(await dispatch('app.info', {})).toMatchObject({ ok: true, value: { canPickDirectory: true } })
  })

  it('given a store, when opened through every channel in turn, then each output satisfies its contract schema and the directory is remembered', async () => {
    const { dir, dispatch, session, recent } = await setup()

    const opened = await dispatch('store.open', { dir })
    await session.whenReconciled()
    const outputs = {
      'aggregates.window': await dispatch('aggregates.window', {
        offset: 0,
        limit: 10,
        sort: { column: 'id', direction: 'asc' },
        filter: '',
      }),
      'stream.open': await dispatch('stream.open', { aggregateId: 'o1' }),
      'stream.window': await dispatch('stream.window', { aggregateId: 'o1', offset: 0, limit: 10 }),
      'event.get': await dispatch('event.get', { aggregateId: 'o1', version: 2 }),
      'state.at': await dispatch('state.at', { aggregateId: 'o1', version: 2 }),
    } as const

    expect(opened.ok && contract['store.open'].output.parse(opened.value).dir).toBe(dir)
    for (const [channel, result] of Object.entries(outputs) as [
      keyof typeof outputs,
      (typeof outputs)[keyof typeof outputs],
    ][]) {
      expect(result.ok, channel).toBe(true)
      if (result.ok) expect(() => contract[channel].output.parse(result.value), channel).not.toThrow()
    }
    expect(outputs['state.at']).toMatchObject({
      ok: true,
      value: { state: { total: 3, paid: true }, version: 2, eventCount: 2 },
    })
    expect(recent.list()).toEqual([dir])
  })

  it('given a directory that does not exist, when store.open is asked, then not_found comes back and nothing is remembered', async () => {
    const { dir, dispatch, recent } = await setup()

    expect(await dispatch('store.open', { dir: join(dir, 'missing') })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(recent.list()).toEqual([])
  })
})
