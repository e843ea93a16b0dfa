import { randomUUID } from 'node:crypto'
import { mkdir, realpath, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RequestChannel } from '../../../../shared/channels'
import { contract, type ChannelOutput } from '../../../../shared/contract'
import type { IpcResult } from '../../../../shared/errors'
import { createHandlers } from '../../../../electron/core/api/handlers'
import type { ShellServices } from '../../../../electron/core/api/shell-services'
import { createRouter } from '../../../../electron/core/api/router'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { RecentDirectories } from '../../../../electron/core/settings/recent-directories'
import { jsonLines, writeIndex, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const sessions: ExplorerSession[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.close()
})

async function storeDir(): Promise<string> {
  const dir = await realpath(await tempDir())
  await writeStream(
    dir,
    'o1',
    jsonLines([
      { type: 'OrderPlaced', aggregateId: 'o1', data: { total: 3 } },
      { type: 'OrderPaid', aggregateId: 'o1', data: { paid: true } },
    ]),
  )
  await writeIndex(dir, { o1: { event_count: 2, last_event_at: null } })
  return dir
}

/** A dispatcher over a fresh session; the defaults are a browser shell that admits every typed path. */
async function setup(services: Partial<ShellServices> = {}) {
  const dir = await storeDir()
  const recent = new RecentDirectories(join(await tempDir(), 'recent.json'))
  const session = new ExplorerSession()
  sessions.push(session)
  const handlers = createHandlers(session, {
    shell: 'browser',
    version: '1.2.3',
    initialDir: dir,
    recentDirs: () => recent.list(),
    rememberDir: (path) => recent.remember(path),
    pickDirectory: null,
    typedPathRefusal: async () => null,
    ...services,
  })
  return { dir, recent, session, dispatch: createRouter(handlers), handlers }
}

/** What the desktop shell offers: a folder dialog answering `picked`, and no typed paths. */
function desktop(picked: () => string | null): Partial<ShellServices> {
  return { shell: 'electron', pickDirectory: async () => picked(), typedPathRefusal: null }
}

/** The value of a successful answer, checked against the channel's output schema. */
function valueOf<C extends RequestChannel>(channel: C, result: IpcResult<unknown>): ChannelOutput<C> {
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`)
  return contract[channel].output.parse(result.value) as ChannelOutput<C>
}

const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)

describe('createHandlers', () => {
  it('given a browser shell, when app.info is asked, then it offers the initial directory by id, takes typed paths and cannot pick', async () => {
    const { dir, dispatch } = await setup()

    const result = await dispatch('app.info', {})

    expect(result).toEqual({
      ok: true,
      value: {
        shell: 'browser',
        version: '1.2.3',
        initialDir: { id: uuid, path: dir },
        recentDirs: [],
        canPickDirectory: false,
        canTypePath: true,
      },
    })
    expect(() => contract['app.info'].output.parse(result.ok && result.value)).not.toThrow()
    expect(await dispatch('store.pickDirectory', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    })
  })

  it('given app.info asked twice in one run, when compared, then each directory keeps its id', async () => {
    const { dispatch, recent } = await setup()
    recent.remember(await storeDir())

    const first = await dispatch('app.info', {})
    const second = await dispatch('app.info', {})

    expect(second).toEqual(first)
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

  it('given a typed path in the browser shell, when opened, then the answer carries the id the directory now has', async () => {
    const { dir, dispatch } = await setup()

    const opened = await dispatch('store.open', { dir })
    const info = await dispatch('app.info', {})

    expect(opened).toMatchObject({ ok: true, value: { dir, directoryId: uuid } })
    expect(info).toMatchObject({
      ok: true,
      value: { recentDirs: [{ id: valueOf('store.open', opened).directoryId, path: dir }] },
    })
  })

  it('given a directory that does not exist, when store.open is asked, then not_found comes back and nothing is remembered', async () => {
    const { dir, dispatch, recent } = await setup()

    expect(await dispatch('store.open', { dir: join(dir, 'missing') })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(recent.list()).toEqual([])
  })

  it('given a browser shell that refuses a path, when it is typed, then forbidden comes back with its reason and nothing opens', async () => {
    const { dir, dispatch, session } = await setup({
      typedPathRefusal: async (path) => (path.endsWith('secret') ? 'Only under /allowed.' : null),
    })
    const secret = join(dir, 'secret')
    await mkdir(secret)

    expect(await dispatch('store.open', { dir: secret })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only under /allowed.' },
    })
    expect(() => session.storeDir()).toThrow()
  })

  it('given a typed link whose real path the shell refuses, when opened, then it is judged by where it leads', async () => {
    const { dir, dispatch, session } = await setup({
      typedPathRefusal: async (path) => (path.endsWith('secret') ? 'Not that one.' : null),
    })
    await mkdir(join(dir, 'secret'))
    await symlink(join(dir, 'secret'), join(dir, 'innocent'))

    expect(await dispatch('store.open', { dir: join(dir, 'innocent') })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Not that one.' },
    })
    expect(() => session.storeDir()).toThrow()
  })

  it('given a browser shell with a recent directory it would refuse, when app.info is asked, then that one is not offered', async () => {
    const { dispatch, recent } = await setup({
      typedPathRefusal: async (path) => (path.includes('outside') ? 'Not under the roots.' : null),
    })
    const inside = await storeDir()
    recent.remember('/somewhere/outside')
    recent.remember(inside)

    expect(await dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { recentDirs: [{ id: uuid, path: inside }] },
    })
  })
})

describe('createHandlers in the desktop shell (ids only)', () => {
  it('given app.info, when asked, then it can pick but takes no typed path', async () => {
    const { dispatch } = await setup(desktop(() => null))

    expect(await dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { shell: 'electron', canPickDirectory: true, canTypePath: false },
    })
  })

  it('given a raw path, even of the initial directory, when store.open is asked, then it is refused in one line and nothing opens', async () => {
    const { dir, dispatch, session, recent } = await setup(desktop(() => null))

    const result = await dispatch('store.open', { dir })

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: /never a typed path/ } })
    expect(result.ok || result.error.message).not.toMatch(/\n/)
    expect(() => session.storeDir()).toThrow()
    expect(recent.list()).toEqual([])
  })

  it('given an id nobody handed out or one from another run, when store.open is asked, then it is forbidden', async () => {
    const { dir, dispatch, session } = await setup(desktop(() => null))
    const otherRun = await setup(desktop(() => dir))
    const foreignId = valueOf('store.pickDirectory', await otherRun.dispatch('store.pickDirectory', {}))?.id

    for (const directoryId of [randomUUID(), foreignId])
      expect(await dispatch('store.open', { directoryId })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
    expect(await dispatch('store.open', { directoryId: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(await dispatch('store.open', { directoryId: randomUUID(), dir })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
    expect(() => session.storeDir()).toThrow()
  })

  it('given a folder picked in the dialog, when its id is opened, then the store opens, keeps that id and is remembered', async () => {
    const other = await storeDir()
    const { dispatch, recent } = await setup(desktop(() => other))

    const picked = await dispatch('store.pickDirectory', {})
    expect(picked).toEqual({ ok: true, value: { id: uuid, path: other } })
    const id = valueOf('store.pickDirectory', picked)?.id
    const opened = await dispatch('store.open', { directoryId: id })

    expect(opened).toMatchObject({ ok: true, value: { dir: other, directoryId: id, aggregates: 1 } })
    expect(recent.list()).toEqual([other])
  })

  it('given a verification running, when a raw path or a forged id is sent, then they are refused and it runs on', async () => {
    const { dir, dispatch, session } = await setup(desktop(() => null))
    const info = valueOf('app.info', await dispatch('app.info', {}))
    await dispatch('store.open', { directoryId: info.initialDir?.id })
    await session.whenReconciled()

    const verifying = dispatch('store.verify', { taskId: 'v' })
    const refused = [
      await dispatch('store.open', { dir }),
      await dispatch('store.open', { directoryId: randomUUID() }),
    ]

    expect(refused).toMatchObject([{ ok: false }, { ok: false }])
    expect(await verifying).toMatchObject({ ok: true, value: { aggregates: 1 } })
  })

  it('given the dialog cancelled, when picking, then the answer is null', async () => {
    const { dispatch } = await setup(desktop(() => null))

    expect(await dispatch('store.pickDirectory', {})).toEqual({ ok: true, value: null })
  })

  it('given the initial and a recent directory, when their ids from app.info are opened, then both open', async () => {
    const { dir, dispatch, recent } = await setup(desktop(() => null))
    const older = await storeDir()
    recent.remember(older)

    const info = valueOf('app.info', await dispatch('app.info', {}))
    const [recentChoice] = info.recentDirs

    expect(await dispatch('store.open', { directoryId: info.initialDir?.id })).toMatchObject({
      ok: true,
      value: { dir },
    })
    expect(await dispatch('store.open', { directoryId: recentChoice?.id })).toMatchObject({
      ok: true,
      value: { dir: older },
    })
  })
})
