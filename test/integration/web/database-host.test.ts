// The browser shell's host on a database, over its WebSocket as the page speaks it, with a real
// PostgreSQL server and a store Emmett's library wrote: a typed address opens, its password is kept
// for this run only (never written, never sent back), and a SQLite file obeys --root like a folder.

import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../electron/web/web-host'
import { writeEmmettStore } from '../../fixtures/emmett-postgres-store'
import { TestSocket } from '../../support/http-client'
import {
  postgresSkipReason,
  postgresTestPassword,
  startPostgres,
  type PostgresServer,
} from '../../support/postgres-server'
import { useTempDirs } from '../../support/temp-dir'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

const tempDir = useTempDirs()
const hosts: WebHost[] = []
const sockets: TestSocket[] = []
let server: PostgresServer
let url: string

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  url = await server.createDatabase('shop')
  await writeEmmettStore(url)
}, 180_000)

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close()
  await Promise.all(hosts.splice(0).map((host) => host.close()))
})

afterAll(async () => {
  await server?.stop()
})

interface Reply {
  readonly result: {
    readonly ok: boolean
    readonly value?: unknown
    readonly error?: { code: string; message: string }
  }
}

/** A host (one run of `eventscope serve`) keeping its recent list in `recentFile`, and a socket to it. */
async function host(recentFile: string, roots: string[]) {
  const rendererDir = join(await tempDir(), 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>fake</title>')
  const started = await startWebHost({
    dir: null,
    roots,
    rendererDir,
    recentFile,
    trustFile: join(await tempDir(), 'trusted.json'),
  })
  hosts.push(started)
  const token = new URL(started.url).searchParams.get('token') ?? ''
  const socket = await TestSocket.open(`ws://127.0.0.1:${started.port}/ws?token=${token}`, {
    Origin: `http://127.0.0.1:${started.port}`,
  })
  sockets.push(socket)
  let id = 0
  const call = async (channel: string, input: unknown): Promise<Reply> => {
    const mine = ++id
    socket.send({ id: mine, channel, input })
    return (await socket.until((message) => (message as { id?: unknown }).id === mine)) as Reply
  }
  return { call, recentFile }
}

const shown = () => url.replace(`:${postgresTestPassword}@`, '@')

describe.skipIf(noPostgres !== null)('the browser shell on a PostgreSQL address', () => {
  it('given an address typed with its password, when opened, then it opens, the page gets it without the password, the recent file never holds it, and its recent id opens it again this run', async () => {
    const { call, recentFile } = await host(join(await tempDir(), 'recent.json'), [await tempDir()])

    const opened = await call('store.open', { address: url })
    const info = await call('app.info', {})

    expect(opened.result).toMatchObject({ ok: true, value: { dir: shown(), source: { kind: 'postgres' } } })
    expect(JSON.stringify([opened, info])).not.toContain(postgresTestPassword)
    const recent = (info.result.value as { recentDirs: { id: string; path: string }[] }).recentDirs
    expect(recent.map((item) => item.path)).toEqual([shown()])
    const file = await readFile(recentFile, 'utf8')
    expect(file).toContain(shown())
    expect(file).not.toContain(postgresTestPassword)
    expect((await call('store.open', { directoryId: recent[0]?.id })).result).toMatchObject({
      ok: true,
      value: { dir: shown() },
    })
  })

  it('given the same recent file in a new run, when its address is opened, then the password is gone and the refusal is one line naming the server without it', async () => {
    const recentFile = join(await tempDir(), 'recent.json')
    await (await host(recentFile, [await tempDir()])).call('store.open', { address: url })
    const { call } = await host(recentFile, [await tempDir()])

    const info = await call('app.info', {})
    const recent = (info.result.value as { recentDirs: { id: string; path: string }[] }).recentDirs
    const reopened = await call('store.open', { directoryId: recent[0]?.id })

    expect(recent.map((item) => item.path)).toEqual([shown()])
    expect(reopened.result.ok).toBe(false)
    expect(reopened.result.error?.message).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/shop [^\n]*password/)
    expect(JSON.stringify(reopened)).not.toContain(postgresTestPassword)
  })

  it('given SQLite addresses, when typed, then one outside the roots is forbidden by the roots policy and one inside is not', async () => {
    const base = await realpath(await tempDir())
    const root = join(base, 'root')
    await mkdir(root)
    await writeFile(join(root, 'inside.db'), '')
    await writeFile(join(base, 'outside.db'), '')
    const { call } = await host(join(base, 'recent.json'), [root])

    const outside = await call('store.open', { address: `sqlite:${join(base, 'outside.db')}` })
    const inside = await call('store.open', { address: `sqlite:${join(root, 'inside.db')}` })

    expect(outside.result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(outside.result.error?.message).toContain('SQLite files under')
    // Past the policy: whatever opening it says, it is not the roots' refusal.
    expect(inside.result.error?.code).not.toBe('forbidden')
  })
})
