import { beforeEach, describe, expect, it } from 'vitest'
import { withRecent } from '../../../../renderer/src/store/store-slice'
import { parsePlace } from '../../../../shared/place-link'
import { databaseSummaryOf, deferred, fakeApi, settle, storeWith, summaryOf, type FakeApi } from './fake-host'

/** What the page asks with every opening: the table's first page, by its default sort. */
const firstRows = { limit: 200, sort: { column: 'id', direction: 'asc' }, filter: '' }

const initial = { id: '11111111-1111-4111-8111-111111111111', path: '/data/initial' }
const older = { id: '22222222-2222-4222-8222-222222222222', path: '/data/older' }
const picked = { id: '33333333-3333-4333-8333-333333333333', path: '/data/picked' }

function info(shell: 'electron' | 'browser', initialDir: typeof initial | null = null) {
  return {
    shell,
    version: '1',
    initialDir,
    recentDirs: [older],
    canPickDirectory: shell === 'electron',
    canTypePath: shell === 'browser',
    canTypeAddress: true,
  }
}

// The store's only door to the host: a plain fake, so each test sees exactly what the page sends.
let api: FakeApi
const makeStore = () => storeWith(api)

beforeEach(() => {
  api = fakeApi({
    'store.open': (target) =>
      'directoryId' in target
        ? summaryOf(
            [initial, older, picked].find((d) => d.id === target.directoryId)?.path ?? '?',
            target.directoryId,
          )
        : summaryOf(
            'dir' in target ? target.dir : 'rootPath' in target ? target.rootPath : target.address,
            '44444444-4444-4444-8444-444444444444',
          ),
  })
})

describe('the store slice', () => {
  it('given the host started on a directory, when the app starts, then it opens that directory by its id, never by path', async () => {
    api['app.info'].mockResolvedValue(info('electron', initial))
    const store = makeStore()

    await store.getState().appStarted()

    expect(api['store.open']).toHaveBeenCalledExactlyOnceWith({ directoryId: initial.id, firstRows })
    expect(store.getState().store.dir).toBe(initial.path)
  })

  it('given a slow start on a linked place, when the user types a path while the first store opens, then the typed store stays and the link is not followed over it', async () => {
    api['app.info'].mockResolvedValue({ ...info('browser', initial), initialRootPath: '' })
    const firstOpen = deferred<ReturnType<typeof summaryOf>>()
    api['store.open'].mockImplementation((target) =>
      'directoryId' in target ? firstOpen.promise : Promise.resolve(summaryOf('/data/typed', picked.id)),
    )
    const link = parsePlace('#/store/./aggregate/agg-1/at/2')
    if (!link.ok) throw new Error(link.message)
    const store = makeStore()

    const started = store.getState().appStarted(link.place)
    await settle()
    await store.getState().pathSubmitted('/data/typed')
    firstOpen.resolve(summaryOf(initial.path, initial.id))
    await started

    expect(store.getState().store.dir).toBe('/data/typed')
    expect(api['store.open']).toHaveBeenCalledTimes(2)
    expect(api['stream.open']).not.toHaveBeenCalled()
  })

  it('given a slow host, when the user types a path before app.info answers, then the start opens nothing over it', async () => {
    const answer = deferred<ReturnType<typeof info>>()
    api['app.info'].mockReturnValue(answer.promise)
    api['store.open'].mockResolvedValue(summaryOf('/data/typed', picked.id))
    const store = makeStore()

    const started = store.getState().appStarted()
    await store.getState().pathSubmitted('/data/typed')
    answer.resolve(info('browser', initial))
    await started

    expect(api['store.open']).toHaveBeenCalledExactlyOnceWith({ dir: '/data/typed', firstRows })
    expect(store.getState().store.dir).toBe('/data/typed')
  })

  it('given a recent directory, when it is chosen, then it opens by id and moves to the top of the recent list', async () => {
    api['app.info'].mockResolvedValue(info('electron'))
    const store = makeStore()
    await store.getState().appStarted()

    await store.getState().directoryChosen(older)

    expect(api['store.open']).toHaveBeenCalledExactlyOnceWith({ directoryId: older.id, firstRows })
    expect(store.getState().app.info?.recentDirs).toEqual([older])
  })

  it('given Browse…, when the dialog answers a folder, then the page opens the id it was given', async () => {
    api['app.info'].mockResolvedValue(info('electron'))
    api['store.pickDirectory'].mockResolvedValue(picked)
    const store = makeStore()
    await store.getState().appStarted()

    await store.getState().browseClicked()

    expect(api['store.open']).toHaveBeenCalledExactlyOnceWith({ directoryId: picked.id, firstRows })
    expect(store.getState().app.info?.recentDirs).toEqual([picked, older])
  })

  it('given Browse… cancelled, when the dialog answers null, then nothing is opened', async () => {
    api['store.pickDirectory'].mockResolvedValue(null)
    const store = makeStore()

    await store.getState().browseClicked()

    expect(api['store.open']).not.toHaveBeenCalled()
  })

  it('given the browser shell, when a path is typed, then it is sent trimmed as a path and the answer id joins the recent list', async () => {
    api['app.info'].mockResolvedValue(info('browser'))
    const store = makeStore()
    await store.getState().appStarted()

    await store.getState().pathSubmitted('  /data/typed  ')
    await store.getState().pathSubmitted('   ')

    expect(api['store.open']).toHaveBeenCalledExactlyOnceWith({ dir: '/data/typed', firstRows })
    expect(store.getState().app.info?.recentDirs[0]).toEqual({
      id: '44444444-4444-4444-8444-444444444444',
      path: '/data/typed',
    })
  })

  it('given the host refuses, when opening, then the error names the directory once', async () => {
    api['store.open'].mockRejectedValue(new Error('Unknown directory id: choose the directory again.'))
    const store = makeStore()

    await store.getState().directoryChosen(older)

    expect(store.getState().store.error).toBe(
      'Cannot open /data/older: Unknown directory id: choose the directory again.',
    )
    expect(store.getState().store.opening).toBeNull()
  })
})

describe('withRecent', () => {
  it('given a directory already in the list, when it is opened again, then it appears once, first', () => {
    const next = withRecent({ ...info('electron'), recentDirs: [picked, older] }, older)

    expect(next.recentDirs).toEqual([older, picked])
  })
})

describe('the store slice on a database address', () => {
  const typed = 'postgres://app:s3cret@db:5432/shop'
  const shownAddress = 'postgres://app@db:5432/shop'

  for (const shell of ['electron', 'browser'] as const)
    it(`given the ${shell} shell, when an address with a password is typed, then it is sent as an address once and the page keeps it only without the password`, async () => {
      api['app.info'].mockResolvedValue(info(shell))
      const answer = deferred<ReturnType<typeof databaseSummaryOf>>()
      api['store.open'].mockReturnValue(answer.promise)
      const store = makeStore()
      await store.getState().appStarted()

      const submitted = store.getState().pathSubmitted(`  ${typed} `)
      await settle()
      const whileOpening = JSON.stringify(store.getState())
      answer.resolve(databaseSummaryOf(shownAddress, picked.id))

      expect(await submitted).toBe(true)
      expect(api['store.open']).toHaveBeenCalledExactlyOnceWith({ address: typed, firstRows })
      expect(whileOpening).toContain(shownAddress)
      expect(whileOpening).not.toContain('s3cret')
      expect(JSON.stringify(store.getState())).not.toContain('s3cret')
      expect(store.getState().store.dir).toBe(shownAddress)
      expect(store.getState().app.info?.recentDirs[0]).toEqual({ id: picked.id, path: shownAddress })
    })

  it('given a refused address, when the error is shown, then it names the address without its password', async () => {
    api['app.info'].mockResolvedValue(info('electron'))
    api['store.open'].mockRejectedValue(new Error('wrong password'))
    const store = makeStore()
    await store.getState().appStarted()

    expect(await store.getState().pathSubmitted(typed)).toBe(false)

    expect(store.getState().store.error).toContain(shownAddress)
    expect(JSON.stringify(store.getState())).not.toContain('s3cret')
  })

  it('given the desktop app, when a directory path is typed, then nothing is sent and one line says to Browse… or type an address', async () => {
    api['app.info'].mockResolvedValue(info('electron'))
    const store = makeStore()
    await store.getState().appStarted()

    expect(await store.getState().pathSubmitted('/data/typed')).toBe(false)

    expect(api['store.open']).not.toHaveBeenCalled()
    expect(store.getState().store.error).toBe(
      'This field takes a database address (postgres://…); choose a folder with Browse….',
    )
  })

  it('given a database open, when the host says following paused, then the notice shows until it is cleared, a stale store is ignored, and opening another store clears it', async () => {
    const address = 'postgres://app@db/shop'
    api['app.info'].mockResolvedValue(info('browser'))
    api['store.open'].mockImplementation((target) =>
      Promise.resolve(
        'address' in target
          ? databaseSummaryOf(address, picked.id)
          : summaryOf('/data/typed', '44444444-4444-4444-8444-444444444444'),
      ),
    )
    const store = makeStore()
    await store.getState().appStarted()
    await store.getState().pathSubmitted(address)
    const paused =
      'Following paused: PostgreSQL at db/shop refused the connection; trying again until it is back.'

    store.getState().storeNoticed({ dir: 'postgres://app@other/shop', message: 'not ours' })
    expect(store.getState().store.notice).toBeNull()
    store.getState().storeNoticed({ dir: address, message: paused })
    expect(store.getState().store.notice).toBe(paused)
    store.getState().storeNoticed({ dir: address, message: null })
    expect(store.getState().store.notice).toBeNull()

    store.getState().storeNoticed({ dir: address, message: paused })
    await store.getState().pathSubmitted('/data/typed')
    expect(store.getState().store.notice).toBeNull()
  })
})
