// The desktop app's services on a PostgreSQL store (a real server, Emmett's own data), through the
// router as its IPC calls them: a typed address opens, the recent list keeps its password only as the
// vault sealed it, a later run opens the recent entry by id with the password unsealed in main, and a
// seal that no longer opens is one line asking for the password. The vault stands in for safeStorage
// (electron/main/password-vault.ts, unit-tested with electron mocked).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { App, Dialog } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestChannel } from '../../../../shared/channels'
import type { IpcResult } from '../../../../shared/errors'
import { createHandlers } from '../../../../electron/core/api/handlers'
import { createRouter } from '../../../../electron/core/api/router'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import type { PasswordVault } from '../../../../electron/core/settings/recent-directories'
import { createShellServices } from '../../../../electron/main/shell-services'
import { writeEmmettStore } from '../../../fixtures/emmett-postgres-store'
import {
  postgresSkipReason,
  postgresTestPassword,
  startPostgres,
  type PostgresServer,
} from '../../../support/postgres-server'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

const userData = mkdtempSync(join(tmpdir(), 'eventscope-desktop-db-'))
const sessions: ExplorerSession[] = []
let server: PostgresServer
let url: string

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  url = await server.createDatabase('shop')
  await writeEmmettStore(url)
}, 180_000)

afterAll(async () => {
  for (const session of sessions) session.close()
  await server?.stop()
  rmSync(userData, { recursive: true, force: true })
})

/** A keychain stand-in: reversible, and visibly not the password. */
const keychain: PasswordVault = {
  seal: (secret) => `sealed:${Buffer.from(secret).toString('hex')}`,
  unseal: (sealed) =>
    sealed.startsWith('sealed:') ? Buffer.from(sealed.slice(7), 'hex').toString('utf8') : null,
}
/** The same user on another machine, or after the keychain was reset: nothing unseals. */
const resetKeychain: PasswordVault = { seal: keychain.seal, unseal: () => null }

/** One run of the desktop app: its services over `userData`, a fresh session, the router. */
function desktopRun(vault: PasswordVault) {
  const session = new ExplorerSession()
  sessions.push(session)
  const services = createShellServices({
    app: { getPath: () => userData, getVersion: () => '0.0.0' } as unknown as Pick<
      App,
      'getPath' | 'getVersion'
    >,
    dialog: {} as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
    initialDir: null,
    currentWindow: () => null,
    vault,
  })
  const dispatch = createRouter(createHandlers(session, services))
  return async (channel: RequestChannel, input: unknown): Promise<IpcResult<unknown>> =>
    (await dispatch(channel, input)) as IpcResult<unknown>
}

const shown = () => url.replace(`:${postgresTestPassword}@`, '@')
const recentOf = (info: IpcResult<unknown>) =>
  (info as { ok: true; value: { recentDirs: { id: string; path: string }[] } }).value.recentDirs

describe.skipIf(noPostgres !== null)('the desktop app on a PostgreSQL address', () => {
  it('given an address typed with its password, when opened, then it opens, the page sees it without the password, and userData keeps it only sealed', async () => {
    const call = desktopRun(keychain)

    const info = await call('app.info', {})
    const opened = await call('store.open', { address: url })

    expect(info).toMatchObject({ ok: true, value: { canTypeAddress: true, canTypePath: false } })
    expect(opened).toMatchObject({ ok: true, value: { dir: shown(), source: { kind: 'postgres' } } })
    expect(JSON.stringify(opened)).not.toContain(postgresTestPassword)
    const file = readFileSync(join(userData, 'recent-directories.json'), 'utf8')
    expect(file).not.toContain(postgresTestPassword)
    expect(JSON.parse(file)).toEqual([
      { address: shown(), sealedPassword: keychain.seal(postgresTestPassword) },
    ])
  })

  it('given a later run, when the recent entry is opened by its id, then main unseals the password and it opens', async () => {
    const call = desktopRun(keychain)

    const recent = recentOf(await call('app.info', {}))
    const opened = await call('store.open', { directoryId: recent[0]?.id })

    expect(recent.map((item) => item.path)).toEqual([shown()])
    expect(opened).toMatchObject({ ok: true, value: { dir: shown(), aggregates: 4 } })
  })

  it('given a seal that no longer opens, when the recent entry is opened, then one line says the server asks for a password, naming it without one', async () => {
    const call = desktopRun(resetKeychain)

    const recent = recentOf(await call('app.info', {}))
    const refused = await call('store.open', { directoryId: recent[0]?.id })

    expect(refused.ok).toBe(false)
    const message = (refused as { ok: false; error: { message: string } }).error.message
    expect(message).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/shop [^\n]*password/)
    expect(message).not.toContain(postgresTestPassword)
  })

  it('given a typed SQLite path, when opened, then it is forbidden: the page names no file in the desktop app', async () => {
    const call = desktopRun(keychain)

    expect(await call('store.open', { address: 'sqlite:/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })
})
