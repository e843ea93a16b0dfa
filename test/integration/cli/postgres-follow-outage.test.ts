// Following a PostgreSQL store while its server stops and starts again, on a real server this test
// stops: `eventscope events … --follow` says so in one line on stderr, goes on when the server is
// back (one more line) and prints what was appended meanwhile; the explorer's session pushes the
// same as one onStoreNotice, cleared when following goes on.

import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { writeEmmettStore } from '../../fixtures/emmett-postgres-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../../support/postgres-server'
import { builtCli, requireBuiltCli, runCli } from './run-built-cli'
import { testDispatch } from '../../support/test-dispatch'
import { until } from '../../support/until'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

let server: PostgresServer
let url: string

beforeAll(async () => {
  if (noPostgres !== null) return
  requireBuiltCli()
  server = await startPostgres()
  url = await server.createDatabase('shop')
  await writeEmmettStore(url)
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

async function append(data: string): Promise<void> {
  const run = await runCli(['append', url, 'account-7', 'MoneyDeposited', '--data', data])
  if (run.code !== 0) throw new Error(`append failed: ${run.stderr}`)
}

describe.skipIf(noPostgres !== null)("given a PostgreSQL store in Emmett's layout being followed", () => {
  it('when the server stops and starts again, then --follow says so in one line each way and prints what came meanwhile', async () => {
    const child = spawn(process.execPath, [builtCli, 'events', url, 'account-7', '--follow', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const types = (): string[] =>
      stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { type: string }).type)
    try {
      await until(() => types().length >= 2, 'the events already there')
      const before = types().length
      await server.pause()
      await until(() => stderr.includes('paused'), 'the pause line')
      await server.resume()
      await append('{"balance": 999}')
      await until(() => types().length > before, 'the event appended after the restart')
      await until(() => stderr.includes('again'), 'the line saying following goes on')
      const lines = stderr.trimEnd().split('\n')
      expect(lines).toHaveLength(2)
      expect(lines[0]).toMatch(
        /^eventscope: following account-7 paused: PostgreSQL at 127\.0\.0\.1:\d+\/shop[^\n]*; trying again until it is back \(Ctrl-C stops\)$/,
      )
      expect(lines[1]).toBe('eventscope: following account-7 again')
      expect(stdout).toContain('"payload":{"balance":999}')
      child.kill('SIGINT')
      expect(await exited).toBe(0)
    } finally {
      child.kill('SIGKILL')
    }
  }, 240_000)

  it('when the server stops and starts again, then the session pushes one notice, and null once following goes on', async () => {
    const pushed: { event: string; payload: unknown }[] = []
    const session = new ExplorerSession({
      watch: true,
      watchIntervalMs: 50,
      onEvent: (event, payload) => pushed.push({ event, payload }),
    })
    const dispatch = testDispatch(session, { typedAddressRefusal: () => null })
    const notices = (): { dir: string; message: string | null }[] =>
      pushed
        .filter((p) => p.event === 'onStoreNotice')
        .map((p) => p.payload as { dir: string; message: string | null })
    try {
      const opened = await dispatch('store.open', { address: url })
      if (!opened.ok) throw new Error(opened.error.message)
      const dir = (opened.value as { dir: string }).dir
      await server.pause()
      await until(() => notices().length >= 1, 'the notice')
      await server.resume()
      await until(() => notices().some((n) => n.message === null), 'the notice cleared')
      const [paused, ...rest] = notices()
      expect(paused?.dir).toBe(dir)
      expect(paused?.message).toMatch(
        /^Following paused: PostgreSQL at 127\.0\.0\.1:\d+\/shop[^\n]*; trying again until it is back\.$/,
      )
      // Said once however many looks failed, then cleared once.
      expect(rest).toEqual([{ dir, message: null }])
      // And following goes on: an append after the restart is pushed.
      await append('{"balance": 1001}')
      await until(
        () =>
          pushed.some(
            (p) =>
              p.event === 'onStoreChanged' &&
              (p.payload as { aggregateIds: string[] }).aggregateIds.includes('account-7'),
          ),
        'the change pushed',
      )
    } finally {
      session.close()
    }
  }, 240_000)
})
