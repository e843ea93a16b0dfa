// `eventscope serve postgres://…` as a user runs it: the built CLI in its own process on a real
// PostgreSQL server, the page's first store the database, its password in no line printed and in no
// answer the page gets.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeEmmettStore } from '../../fixtures/emmett-postgres-store'
import { TestSocket } from '../../support/http-client'
import {
  postgresSkipReason,
  postgresTestPassword,
  startPostgres,
  type PostgresServer,
} from '../../support/postgres-server'
import { builtCli, repoRoot, requireBuiltCli } from './run-built-cli'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL tests of this file: ${noPostgres}`)

const config = mkdtempSync(join(tmpdir(), 'eventscope-serve-db-'))
let server: PostgresServer
let url: string
let child: ChildProcessWithoutNullStreams | null = null

beforeAll(async () => {
  if (noPostgres !== null) return
  requireBuiltCli()
  server = await startPostgres()
  url = await server.createDatabase('shop')
  await writeEmmettStore(url)
}, 180_000)

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  await server?.stop()
  rmSync(config, { recursive: true, force: true })
})

describe.skipIf(noPostgres !== null)('given eventscope serve ADDRESS --json', () => {
  it('when started on an address with a password, then it prints the address without it, and the page opens the database by id without ever seeing it', async () => {
    child = spawn(process.execPath, [builtCli, 'serve', url, '--json'], {
      cwd: repoRoot,
      env: { ...process.env, XDG_CONFIG_HOME: config },
    })
    let stdout = ''
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const first = await new Promise<{ url: string; port: number; dir: string }>((resolve, reject) => {
      child?.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
        if (stdout.includes('\n')) resolve(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))))
      })
      child?.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
    })
    expect(first.dir).toBe(url.replace(`:${postgresTestPassword}@`, '@'))

    const token = new URL(first.url).searchParams.get('token') ?? ''
    const socket = await TestSocket.open(`ws://127.0.0.1:${first.port}/ws?token=${token}`, {
      Origin: `http://127.0.0.1:${first.port}`,
    })
    const call = async (id: number, channel: string, input: unknown) => {
      socket.send({ id, channel, input })
      return socket.until((message) => (message as { id?: unknown }).id === id)
    }
    const info = (await call(1, 'app.info', {})) as {
      result: { value: { initialDir: { id: string; path: string } } }
    }
    const opened = await call(2, 'store.open', { directoryId: info.result.value.initialDir.id })
    socket.close()

    expect(info.result.value.initialDir.path).toBe(first.dir)
    expect(opened).toMatchObject({ result: { ok: true, value: { dir: first.dir, aggregates: 4 } } })
    expect(JSON.stringify([info, opened]) + stdout + stderr).not.toContain(postgresTestPassword)
    child.kill('SIGTERM')
  }, 60_000)
})
