// The browser shell as a whole process: the real `eventscope serve` is sent hostile and malformed HTTP
// requests, WebSocket frames and contract messages, and must still answer afterwards. One request may
// fail; it must never end the host.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeStoreWithoutIndex } from '../../fixtures/damaged-store'
import { builtCli, repoRoot, requireBuiltCli } from '../cli/run-built-cli'
import { rawGet, TestSocket } from '../../support/http-client'
import { serveAddress } from '../../support/serve-address'

const root = mkdtempSync(join(tmpdir(), 'eventscope-host-fuzz-'))
const store = writeStoreWithoutIndex(join(root, 'store'))
let child: ChildProcessWithoutNullStreams
let port = 0
let token = ''
let stderr = ''

beforeAll(async () => {
  requireBuiltCli()
  child = spawn(process.execPath, [builtCli, 'serve', store.dir, '--root', root, '--json'], {
    cwd: repoRoot,
    env: { ...process.env, XDG_CONFIG_HOME: join(root, 'config') },
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const first = await serveAddress(child, () => stderr)
  port = first.port
  token = new URL(first.url).searchParams.get('token') ?? ''
}, 60_000)

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
})

const origin = (): string => `http://127.0.0.1:${port}`
const cookie = (): string => `eventscope_token_${port}=${token}`

/** Write raw bytes and resolve with what came back once the server closes or ends the exchange. */
function exchange(bytes: string | Buffer, settleMs = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    // Not an assertion on time: the host may legitimately keep a half-sent request open; after a
    // pause the client gives up, and the only thing checked is that the host still answers later.
    const timer = setTimeout(() => socket.destroy(), settleMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('latin1'))
    })
    socket.end(bytes)
  })
}

async function openPage(): Promise<TestSocket> {
  return TestSocket.open(`ws://127.0.0.1:${port}/ws?token=${token}`, { Origin: origin() })
}

async function call(page: TestSocket, id: number, channel: unknown, input?: unknown): Promise<unknown> {
  page.send({ id, channel, input })
  return page.until((message) => (message as { id?: unknown }).id === id)
}

/** The host is alive when it still serves the page and answers a contract call on a new socket. */
async function expectStillAnswering(): Promise<void> {
  expect(child.exitCode, stderr).toBeNull()
  expect((await rawGet(port, `/?token=${token}`)).status).toBe(200)
  const page = await openPage()
  try {
    expect(await call(page, 1, 'app.info')).toMatchObject({ id: 1, result: { ok: true } })
  } finally {
    page.close()
  }
}

function nested(depth: number): string {
  return `{"id":7,"channel":"events.append","input":{"aggregateId":"u1","type":"X","payload":{"p":${'['.repeat(depth)}${']'.repeat(depth)}}}}`
}

describe('given the real eventscope serve process', () => {
  it('when a 4 KB WebSocket message nested 2,000 deep arrives, then that request is refused in one line and the host keeps answering', async () => {
    const page = await openPage()
    const text = nested(2_000)
    expect(text.length).toBeLessThan(4_200)

    page.send(text)
    const answer = (await page.until((message) => (message as { id?: unknown }).id === 7)) as {
      result: { ok: boolean; error?: { code: string; message: string } }
    }
    page.close()

    expect(answer.result.ok).toBe(false)
    expect(answer.result.error?.code).toBe('invalid_input')
    expect(answer.result.error?.message).toMatch(/nested deeper than \d+ levels/)
    await expectStillAnswering()
  }, 60_000)

  it('when a request target is not a URL (GET http://[), even with the token cookie, then it gets a 400 and the host keeps answering', async () => {
    const answer = await exchange(
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie()}\r\nConnection: close\r\n\r\n`,
    )

    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    await expectStillAnswering()
  }, 60_000)

  it('when fast-check throws malformed HTTP requests at it, then every one gets an answer or a close and the host keeps answering', async () => {
    const target = fc.oneof(
      fc.constantFrom(
        '/',
        '/ws',
        '/download/',
        `/download/${'0'.repeat(32)}`,
        'http://[',
        '//',
        '*',
        '/%',
        '/%ZZ',
        '/..%2f..%2fsecret',
      ),
      fc.string({ maxLength: 80 }).map((s) => s.replace(/[\s]/g, '')),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `/${encodeURIComponent(s)}`),
    )
    const request = fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'BREW', 'G\u0000T'),
      target,
      withToken: fc.boolean(),
      withHost: fc.boolean(),
      upgrade: fc.boolean(),
      junkHeader: fc.string({ maxLength: 60 }),
      body: fc.string({ maxLength: 200 }),
    })
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers = [
          r.withHost ? `Host: 127.0.0.1:${port}` : `Host: ${r.junkHeader.slice(0, 20)}`,
          r.withToken ? `Cookie: ${cookie()}` : '',
          r.upgrade
            ? `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${origin()}`
            : 'Connection: close',
          `X-Junk: ${r.junkHeader}`,
          `Content-Length: ${Buffer.byteLength(r.body)}`,
        ].filter((line) => line !== '')
        await exchange(`${r.method} ${r.target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n${r.body}`, 1_000)
        expect(child.exitCode, stderr).toBeNull()
      }),
      { numRuns: 80 },
    )
    await expectStillAnswering()
  }, 240_000)

  it('when fast-check throws malformed contract messages at one socket, then each is answered or closes that socket, and the host keeps answering', async () => {
    const channels = [
      'app.info',
      'store.open',
      'stream.window',
      'state.at',
      'events.append',
      'export.run',
      'nope',
    ]
    const message = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 6 }),
      fc
        .record({
          id: fc.integer(),
          channel: fc.constantFrom(...channels),
          input: fc.anything({ maxDepth: 4 }),
        })
        .map((m) => JSON.stringify(m)),
      fc
        .record({
          id: fc.integer(),
          channel: fc.constantFrom(...channels),
          depth: fc.integer({ min: 100, max: 5_000 }),
        })
        .map(
          (m) =>
            `{"id":${m.id},"channel":"${m.channel}","input":{"payload":${'{"a":'.repeat(m.depth)}1${'}'.repeat(m.depth)}}}`,
        ),
    )
    let page = await openPage()
    let sentinel = 1_000_000
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        if (page.socket.readyState !== page.socket.OPEN) page = await openPage()
        page.send(text)
        // A request right behind it on the same socket: answered once the message before it was handled,
        // unless the host closed this socket for it (a malformed request), which is an answer too.
        const id = ++sentinel
        page.send({ id, channel: 'app.info' })
        const outcome = await Promise.race([
          page.until((m) => (m as { id?: unknown }).id === id).then(() => 'answered'),
          page.closed.then(() => 'closed'),
        ])
        expect(['answered', 'closed']).toContain(outcome)
        expect(child.exitCode, stderr).toBeNull()
      }),
      { numRuns: 150 },
    )
    page.close()
    await expectStillAnswering()
  }, 240_000)

  it('when malformed WebSocket frames arrive after a valid upgrade, then that connection ends and the host keeps answering', async () => {
    const upgrade = `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie()}\r\nOrigin: ${origin()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (frame) => {
        await exchange(Buffer.concat([Buffer.from(upgrade), Buffer.from(frame)]), 1_000)
        expect(child.exitCode, stderr).toBeNull()
      }),
      { numRuns: 40 },
    )
    // A text frame of invalid UTF-8 and one over the size limit (a masked header claiming 2 GiB).
    const badUtf8 = Buffer.from([0x81, 0x82, 1, 2, 3, 4, 0xc0 ^ 1, 0xc1 ^ 2])
    const huge = Buffer.from([0x81, 0xff, 0, 0, 0, 0, 0x80, 0, 0, 0, 1, 2, 3, 4])
    for (const frame of [badUtf8, huge]) await exchange(Buffer.concat([Buffer.from(upgrade), frame]), 1_000)
    await expectStillAnswering()
  }, 240_000)
})
