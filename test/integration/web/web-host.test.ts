import { appendFile, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../electron/web/web-host'
import { contentSecurityPolicy } from '../../../electron/core/static/renderer-files'
import { rawExchange, rawGet, TestSocket, tryWebSocket } from '../../support/http-client'
import { jsonLines, writeStream } from '../../support/store-files'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()
const hosts: WebHost[] = []
const sockets: TestSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close()
  await Promise.all(hosts.splice(0).map((host) => host.close()))
})

interface Started {
  readonly host: WebHost
  readonly token: string
  readonly port: number
  readonly origin: string
  readonly recentFile: string
  readonly trustFile: string
  readonly root: string
}

/** A host over a fake renderer (index.html, an asset, and a secret file next to the renderer folder). */
async function start(options: { dir?: string; roots?: string[]; recent?: string[] } = {}): Promise<Started> {
  const root = await tempDir()
  const rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>fake eventscope</title>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  await writeFile(join(root, 'secret.txt'), 'TOP SECRET')
  await mkdir(join(root, 'renderer-evil'))
  await writeFile(join(root, 'renderer-evil', 'index.html'), 'EVIL')
  const recentFile = join(root, 'config', 'recent.json')
  const trustFile = join(root, 'config', 'trusted.json')
  if (options.recent) {
    await mkdir(join(root, 'config'))
    await writeFile(recentFile, JSON.stringify(options.recent))
  }
  const host = await startWebHost({
    dir: options.dir ?? null,
    roots: options.roots ?? [tmpdir()],
    rendererDir,
    recentFile,
    trustFile,
    version: '9.9.9',
  })
  hosts.push(host)
  const url = new URL(host.url)
  return {
    host,
    token: url.searchParams.get('token') ?? '',
    port: host.port,
    origin: `http://127.0.0.1:${host.port}`,
    recentFile,
    trustFile,
    root,
  }
}

async function openSocket(started: Started): Promise<TestSocket> {
  const socket = await TestSocket.open(`ws://127.0.0.1:${started.port}/ws?token=${started.token}`, {
    Origin: started.origin,
  })
  sockets.push(socket)
  return socket
}

async function call(socket: TestSocket, id: number, channel: unknown, input?: unknown): Promise<unknown> {
  socket.send({ id, channel, input })
  return socket.until(
    (message) => typeof message === 'object' && message !== null && (message as { id?: unknown }).id === id,
  )
}

describe('startWebHost', () => {
  describe('listening', () => {
    it.each(['0.0.0.0', '192.168.1.10', '::', 'example.com'])(
      'given the non-loopback host %s, when started, then it refuses',
      async (host) => {
        const rendererDir = await tempDir()

        await expect(
          startWebHost({ dir: null, host, rendererDir, recentFile: join(rendererDir, 'recent.json') }),
        ).rejects.toThrow(/loopback/)
      },
    )

    it('given default options, when started, then it listens on 127.0.0.1 and its URL carries a long random token', async () => {
      const { host, token } = await start()
      const other = await start()

      expect(new URL(host.url).hostname).toBe('127.0.0.1')
      expect(token.length).toBeGreaterThanOrEqual(32)
      expect(other.token).not.toBe(token)
    })
  })

  describe('HTTP', () => {
    it('given the token in the query, when the page is loaded, then index.html is served with the CSP, a port-specific HttpOnly cookie and no CORS headers', async () => {
      const { port, token } = await start()

      const response = await rawGet(port, `/?token=${token}`)

      expect(response.status).toBe(200)
      expect(response.body).toContain('fake eventscope')
      expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy)
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['set-cookie']).toEqual([
        `eventscope_token_${port}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      ])
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([])
    })

    it('given the cookie set on first load, when an asset is fetched without the token in the URL, then it is served', async () => {
      const { port, token } = await start()

      const response = await rawGet(port, '/assets/app.js', {
        cookie: `other=1; eventscope_token_${port}=${token}`,
      })

      expect(response.status).toBe(200)
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8')
      expect(response.body).toBe('console.log("app")')
    })

    it.each<[string, (port: number, token: string) => { path: string; headers?: Record<string, string> }]>([
      ['no token', () => ({ path: '/' })],
      ['a wrong token', () => ({ path: '/?token=wrong' })],
      ['a token one character short', (_port, token) => ({ path: `/?token=${token.slice(0, -1)}` })],
      [
        'the cookie of another port',
        (port, token) => ({ path: '/', headers: { cookie: `eventscope_token_${port + 1}=${token}` } }),
      ],
      ['an empty token', () => ({ path: '/?token=' })],
    ])('given %s, when a page is requested, then 403 and nothing of the renderer', async (_what, make) => {
      const { port, token } = await start()
      const { path, headers } = make(port, token)

      const response = await rawGet(port, path, headers)

      expect(response.status).toBe(403)
      expect(response.body).not.toContain('fake eventscope')
      expect(response.headers['set-cookie']).toBeUndefined()
    })

    it.each([
      'evil.example',
      `evil.example:PORT`,
      '127.0.0.1.nip.io:PORT',
      '127.0.0.1:1',
      'LOCALHOST.evil:PORT',
    ])(
      'given the Host header %s (DNS rebinding), when a page is requested with the right token, then 403',
      async (host) => {
        const { port, token } = await start()

        const response = await rawGet(port, `/?token=${token}`, { host: host.replace('PORT', String(port)) })

        expect(response.status).toBe(403)
        expect(response.body).not.toContain('fake eventscope')
      },
    )

    it.each([
      ['no Host header', (token: string) => `GET /?token=${token} HTTP/1.0\r\n\r\n`],
      [
        'an empty Host header',
        (token: string) => `GET /?token=${token} HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n`,
      ],
    ])(
      'given %s, when a page is requested with the right token, then 403 or 400 and nothing of the renderer',
      async (_what, make) => {
        const { port, token } = await start()

        const answer = await rawExchange(port, make(token))

        expect(answer).toMatch(/^HTTP\/1\.[01] (403|400) /)
        expect(answer).not.toContain('fake eventscope')
      },
    )

    it.each(['localhost', '[::1]'])(
      'given the loopback Host %s with the port, when requested with the token, then it is served',
      async (name) => {
        const { port, token } = await start()

        expect((await rawGet(port, `/?token=${token}`, { host: `${name}:${port}` })).status).toBe(200)
      },
    )

    it.each(['http://evil.example', 'null', 'http://127.0.0.1:1', 'https://127.0.0.1:PORT'])(
      'given a foreign Origin %s, when requested with the token, then 403',
      async (origin) => {
        const { port, token } = await start()

        const response = await rawGet(port, `/?token=${token}`, {
          origin: origin.replace('PORT', String(port)),
        })

        expect(response.status).toBe(403)
      },
    )

    it.each([
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%252e%252e/secret.txt',
      '/..%5csecret.txt',
      '/../renderer-evil/index.html',
      '/%2e%2e%2frenderer-evil%2findex.html',
      '/index.html%00.js',
    ])(
      'given the traversal %s, when requested with the token, then no file outside the renderer folder is served',
      async (path) => {
        const { port, token } = await start()

        const response = await rawGet(port, `${path}?token=${token}`)

        expect(response.body).not.toContain('TOP SECRET')
        expect(response.body).not.toContain('EVIL')
        expect([200, 400, 404]).toContain(response.status)
        if (response.status === 200) expect(response.body).toContain('fake eventscope')
      },
    )

    it('given a missing file, a malformed escape, and a POST, when requested with the token, then 404, 400 and 405', async () => {
      const { port, token } = await start()

      expect((await rawGet(port, `/nope.js?token=${token}`)).status).toBe(404)
      expect((await rawGet(port, `/%E0%A4%A?token=${token}`)).status).toBe(400)
      expect((await rawGet(port, `/?token=${token}`, {}, 'POST')).status).toBe(405)
    })

    it('given a HEAD request, when answered, then the headers come without a body', async () => {
      const { port, token } = await start()

      const response = await rawGet(port, `/?token=${token}`, {}, 'HEAD')

      expect([response.status, response.body, response.headers['content-security-policy']]).toEqual([
        200,
        '',
        contentSecurityPolicy,
      ])
    })
  })

  describe('WebSocket upgrade', () => {
    it.each<[string, (started: Started) => { path: string; headers: Record<string, string> }]>([
      ['no token', (s) => ({ path: '/ws', headers: { Origin: s.origin } })],
      ['a wrong token', (s) => ({ path: '/ws?token=nope', headers: { Origin: s.origin } })],
      ['no Origin', (s) => ({ path: `/ws?token=${s.token}`, headers: {} })],
      [
        'a foreign Origin',
        (s) => ({ path: `/ws?token=${s.token}`, headers: { Origin: 'http://evil.example' } }),
      ],
      [
        'a rebinding Host',
        (s) => ({
          path: `/ws?token=${s.token}`,
          headers: { Origin: s.origin, Host: `evil.example:${s.port}` },
        }),
      ],
      ['another path', (s) => ({ path: `/socket?token=${s.token}`, headers: { Origin: s.origin } })],
    ])('given %s, when a socket is opened, then the upgrade is refused with 403', async (_what, make) => {
      const started = await start()
      const { path, headers } = make(started)

      expect(await tryWebSocket(`ws://127.0.0.1:${started.port}${path}`, headers)).toEqual({
        opened: false,
        status: 403,
      })
    })

    it('given the token cookie and the page origin, when a socket is opened, then it opens', async () => {
      const started = await start()

      const outcome = await tryWebSocket(`ws://127.0.0.1:${started.port}/ws`, {
        Origin: started.origin,
        Cookie: `eventscope_token_${started.port}=${started.token}`,
      })

      expect(outcome).toEqual({ opened: true, status: null })
    })

    it('given an upgrade request whose URL cannot be parsed, when sent, then it is refused and the host keeps serving', async () => {
      const started = await start()

      const answer = await rawExchange(
        started.port,
        `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${started.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${started.origin}\r\n\r\n`,
      )

      expect(answer).toMatch(/^HTTP\/1\.1 (403|400) /)
      expect((await rawGet(started.port, `/?token=${started.token}`)).status).toBe(200)
    })
  })

  describe('WebSocket protocol', () => {
    it('given a request, when answered, then the reply carries the same id and an ok result', async () => {
      const started = await start()
      const socket = await openSocket(started)

      const reply = await call(socket, 7, 'app.info', {})

      expect(reply).toEqual({
        id: 7,
        result: {
          ok: true,
          value: {
            shell: 'browser',
            version: '9.9.9',
            initialDir: null,
            recentDirs: [],
            canPickDirectory: false,
            canTypePath: true,
            canTypeAddress: true,
          },
        },
      })
    })

    it('given a directory outside the roots, when opened over the socket, then it is forbidden', async () => {
      const socket = await openSocket(await start())

      const reply = (await call(socket, 3, 'store.open', { dir: '/' })) as {
        result: { ok: boolean; error: { code: string } }
      }

      expect(reply.result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    })

    it('given a host started on a store, when the page opens the initial directory by its id, then it opens', async () => {
      const store = await realpath(await tempDir())
      await writeStream(store, 'u1', jsonLines([{ event_type: 'UserRegistered', aggregate_id: 'u1' }]))
      const socket = await openSocket(await start({ dir: store, roots: [] }))

      const info = (await call(socket, 1, 'app.info', {})) as {
        result: { value: { initialDir: { id: string; path: string } } }
      }
      const { id, path } = info.result.value.initialDir
      const opened = await call(socket, 2, 'store.open', { directoryId: id })

      expect(path).toBe(store)
      expect(opened).toMatchObject({ result: { ok: true, value: { dir: store, directoryId: id } } })
    })

    it('given recent directories inside and outside the roots, when app.info is asked, then only the inside one is offered, and its id opens', async () => {
      const base = await realpath(await tempDir())
      const inside = join(base, 'root', 'events')
      const outside = join(base, 'elsewhere')
      await mkdir(inside, { recursive: true })
      await mkdir(outside)
      const socket = await openSocket(await start({ roots: [join(base, 'root')], recent: [outside, inside] }))

      const info = (await call(socket, 1, 'app.info', {})) as {
        result: { value: { recentDirs: { id: string; path: string }[] } }
      }
      const recentDirs = info.result.value.recentDirs

      expect(recentDirs.map((recent) => recent.path)).toEqual([inside])
      expect(await call(socket, 2, 'store.open', { directoryId: recentDirs[0]?.id })).toMatchObject({
        result: { ok: true, value: { dir: inside } },
      })
    })

    it('given typed paths, when opened, then one under the root opens and a look-alike sibling, a link out and a climb out are forbidden', async () => {
      const base = await realpath(await tempDir())
      const root = join(base, 'events')
      await mkdir(join(root, 'nested'), { recursive: true })
      await mkdir(join(base, 'events-evil'))
      await symlink(join(base, 'events-evil'), join(root, 'link-out'))
      const socket = await openSocket(await start({ roots: [root] }))

      const answers = []
      for (const dir of [join(base, 'events-evil'), join(root, 'link-out'), `${root}/../events-evil`, '/'])
        answers.push(await call(socket, answers.length + 1, 'store.open', { dir }))

      for (const answer of answers)
        expect(answer).toMatchObject({ result: { ok: false, error: { code: 'forbidden' } } })
      expect(await call(socket, 9, 'store.open', { dir: join(root, 'nested') })).toMatchObject({
        result: { ok: true, value: { dir: join(root, 'nested') } },
      })
    })

    it('given an id this host never handed out, when opened, then it is forbidden', async () => {
      const store = await realpath(await tempDir())
      const socket = await openSocket(await start({ dir: store }))

      const reply = await call(socket, 1, 'store.open', {
        directoryId: '6f1c2b7e-8d4a-4c3b-9e2f-1a2b3c4d5e6f',
      })

      expect(reply).toMatchObject({ result: { ok: false, error: { code: 'forbidden' } } })
    })

    it.each<[string, unknown, unknown, string]>([
      ['an unknown channel', 'nope.nothing', {}, 'unknown_channel'],
      ['a prototype name as channel', '__proto__', {}, 'unknown_channel'],
      ['invalid input', 'stream.window', { aggregateId: '', offset: -1, limit: 5000 }, 'invalid_input'],
      ['extra input fields', 'app.info', { admin: true }, 'invalid_input'],
      ['a channel that needs a store', 'stream.open', { aggregateId: 'x' }, 'no_store'],
    ])(
      'given %s, when requested, then result.ok is false with a code and a message',
      async (_what, channel, input, code) => {
        const socket = await openSocket(await start())

        const reply = (await call(socket, 1, channel, input)) as {
          id: number
          result: { ok: boolean; error: { code: string; message: string } }
        }

        expect(reply.result.ok).toBe(false)
        expect(reply.result.error.code).toBe(code)
        expect(reply.result.error.message.length).toBeGreaterThan(0)
        expect(Object.keys(reply.result.error).sort()).toEqual(['code', 'message'])
      },
    )

    it.each<[string, string | Buffer, number]>([
      ['text that is not JSON', 'not json', 1007],
      ['JSON without a numeric id', JSON.stringify({ channel: 'app.info', input: {} }), 1007],
      ['an id that is not an integer', JSON.stringify({ id: 1.5, channel: 'app.info' }), 1007],
      ['a JSON array', '[1, 2]', 1007],
      ['a binary frame', Buffer.from('{"id":1,"channel":"app.info"}'), 1003],
    ])('given %s, when sent, then the socket is closed', async (_what, frame, code) => {
      const socket = await openSocket(await start())

      socket.socket.send(frame)

      expect((await socket.closed).code).toBe(code)
    })

    it('given a frame larger than the limit, when sent, then the socket is closed', async () => {
      const socket = await openSocket(await start())

      socket.send({ id: 1, channel: 'app.info', input: { pad: 'x'.repeat(2 * 1024 * 1024) } })

      expect((await socket.closed).code).toBe(1009)
    })

    it('given a store opened over the socket, when reconciliation ends, then onStoreChanged reaches every page and the directory is remembered', async () => {
      const started = await start()
      const store = await tempDir()
      await writeStream(
        store,
        'u1',
        jsonLines([{ event_type: 'UserRegistered', aggregate_id: 'u1', name: 'ada' }]),
      )
      const page = await openSocket(started)
      const otherPage = await openSocket(started)

      const reply = (await call(page, 1, 'store.open', { dir: store })) as { result: { ok: boolean } }
      const pushes = await Promise.all(
        [page, otherPage].map((socket) =>
          // The one that says reconciliation ended: the folder's watcher may report the stream just
          // written (within the settle time) before it, in a push of its own.
          socket.until((message) => {
            const { event, payload } = message as {
              event?: string
              payload?: { summary?: { reconciled?: boolean } }
            }
            return event === 'onStoreChanged' && payload?.summary?.reconciled === true
          }),
        ),
      )

      expect(reply.result.ok).toBe(true)
      for (const push of pushes)
        expect(push).toMatchObject({
          event: 'onStoreChanged',
          payload: { summary: { dir: store, reconciled: true, aggregates: 1, events: 1 } },
        })
      expect(JSON.parse(await readFile(started.recentFile, 'utf8'))).toEqual([store])
      const state = await call(page, 2, 'state.at', { aggregateId: 'u1', version: 1 })
      expect(state).toMatchObject({ id: 2, result: { ok: true, value: { state: { name: 'ada' } } } })
    })

    it('given an open store, when the page trusts it, then the choice is kept in the trust file and a new host still trusts it', async () => {
      const started = await start()
      const store = await realpath(await tempDir())
      await writeStream(store, 'u1', jsonLines([{ event_type: 'UserRegistered', aggregate_id: 'u1' }]))
      const page = await openSocket(started)
      await call(page, 1, 'store.open', { dir: store })

      const reply = await call(page, 2, 'store.trust', { trusted: true })

      expect(reply).toMatchObject({ result: { ok: true, value: { dir: store, trusted: true } } })
      expect(JSON.parse(await readFile(started.trustFile, 'utf8'))).toEqual([store])
      const again = await startWebHost({
        dir: store,
        roots: [store],
        rendererDir: join(started.root, 'renderer'),
        recentFile: started.recentFile,
        trustFile: started.trustFile,
      })
      hosts.push(again)
      const url = new URL(again.url)
      const other = await TestSocket.open(
        `ws://127.0.0.1:${again.port}/ws?token=${url.searchParams.get('token')}`,
        {
          Origin: `http://127.0.0.1:${again.port}`,
        },
      )
      sockets.push(other)
      await call(other, 1, 'store.open', { dir: store })
      const status = await call(other, 2, 'projection.list')
      expect(status).toMatchObject({ result: { ok: true, value: { trusted: true } } })
    })

    it('given an open store, when another program appends to a stream, then onStoreChanged names that aggregate and counts the new event', async () => {
      const started = await start()
      const store = await tempDir()
      const file = await writeStream(
        store,
        'u1',
        jsonLines([{ event_type: 'UserRegistered', aggregate_id: 'u1', name: 'ada' }]),
      )
      const page = await openSocket(started)
      await call(page, 1, 'store.open', { dir: store })
      await page.until((message) => (message as { event?: string }).event === 'onStoreChanged')

      await appendFile(file, jsonLines([{ event_type: 'UserRenamed', aggregate_id: 'u1', name: 'grace' }]))
      // The push that took the append in (the watcher may also report the stream as first written).
      const push = await page.until((message) => {
        const { event, payload } = message as {
          event?: string
          payload?: { aggregateIds?: string[]; summary?: { events?: number } }
        }
        return (
          event === 'onStoreChanged' &&
          (payload?.aggregateIds ?? []).includes('u1') &&
          payload?.summary?.events === 2
        )
      })

      expect(push).toMatchObject({ payload: { aggregateIds: ['u1'], summary: { events: 2 } } })
      expect(await call(page, 2, 'state.at', { aggregateId: 'u1', version: 2 })).toMatchObject({
        result: { ok: true, value: { state: { name: 'grace' } } },
      })
    })

    it('given the host is closed, when a page is connected, then its socket is closed too', async () => {
      const started = await start()
      const socket = await openSocket(started)

      await started.host.close()
      hosts.splice(hosts.indexOf(started.host), 1)

      await expect(socket.closed).resolves.toBeDefined()
    })
  })
})
