// Links name a store in the browser shell by its path under the roots, never by an absolute path:
// store.open answers that name and opens by it, and only inside the roots.

import { mkdir, realpath, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../../electron/core/api/handlers'
import { createRouter } from '../../../../electron/core/api/router'
import type { ShellServices } from '../../../../electron/core/api/shell-services'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { outsideRootsReason } from '../../../../electron/core/settings/directory-policy'
import { jsonLines, writeIndex, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const sessions: ExplorerSession[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.close()
})

async function writeStore(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeStream(dir, 'o1', jsonLines([{ type: 'OrderPlaced', aggregateId: 'o1', data: { total: 3 } }]))
  await writeIndex(dir, { o1: { event_count: 1, last_event_at: null } })
}

/** A browser shell served from `roots`, as web-host.ts builds it. */
function browserShell(roots: string[], extra: Partial<ShellServices> = {}) {
  const session = new ExplorerSession()
  sessions.push(session)
  return createRouter(
    createHandlers(session, {
      shell: 'browser',
      version: '1',
      initialDir: roots[0] ?? null,
      recentDirs: () => [],
      rememberDir: () => {},
      pickDirectory: null,
      typedPathRefusal: (dir) => outsideRootsReason(dir, roots),
      linkRoots: roots,
      ...extra,
    }),
  )
}

describe('links to stores in the browser shell', () => {
  it('given a store below the root, when opened, then store.open names it by its path under the root', async () => {
    const root = await realpath(await tempDir())
    await writeStore(join(root, 'shop', 'events'))
    const dispatch = browserShell([root])

    expect(await dispatch('store.open', { dir: join(root, 'shop', 'events') })).toMatchObject({
      ok: true,
      value: { rootPath: 'shop/events' },
    })
    expect(await dispatch('store.open', { dir: root })).toMatchObject({ ok: true, value: { rootPath: '' } })
  })

  it('given a root-relative path, when store.open is asked for it, then the store under the root opens', async () => {
    const root = await realpath(await tempDir())
    await writeStore(join(root, 'shop'))
    const dispatch = browserShell([await tempDir(), root])

    expect(await dispatch('store.open', { rootPath: 'shop' })).toMatchObject({
      ok: true,
      value: { dir: join(root, 'shop'), rootPath: 'shop', aggregates: 1 },
    })
  })

  it('given a path that leaves the roots (.., absolute, a link out), when opened, then it is refused and nothing opens', async () => {
    const root = await realpath(await tempDir())
    const outside = await realpath(await tempDir())
    await writeStore(outside)
    await symlink(outside, join(root, 'way-out'))
    const dispatch = browserShell([root])

    for (const rootPath of ['../' + outside.split('/').at(-1), outside, 'way-out'])
      expect(await dispatch('store.open', { rootPath })).toMatchObject({ ok: false })
    expect(await dispatch('store.open', { rootPath: 'way-out' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await dispatch('store.open', { rootPath: 'nothing-here' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No directory "nothing-here" under the folders served.' },
    })
  })

  it('given the desktop shell, when a root-relative path is sent, then it is refused: links come as eventscope://', async () => {
    const root = await realpath(await tempDir())
    await writeStore(root)
    const dispatch = browserShell([root], { shell: 'electron', typedPathRefusal: null, linkRoots: null })

    expect(await dispatch('store.open', { rootPath: '' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('given a shell started at a place, when app.info is asked, then it carries that place beside the initial directory', async () => {
    const root = await realpath(await tempDir())
    await writeStore(root)
    const dispatch = browserShell([root], { initialPlace: '/aggregate/o1/at/1' })

    expect(await dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { initialDir: { path: root }, initialPlace: '/aggregate/o1/at/1' },
    })
  })
})
