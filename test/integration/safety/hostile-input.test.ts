// Hostile input: aggregate ids that are paths or device names, symbolic links out of the store, payload
// keys that name the prototype, integers beyond 2^53, clutter in the store, and markup in payloads.
// Each is refused with a clear error or reported, never a crash, never a write outside the store.

import { mkdir, readdir, readFile, readlink, lstat, symlink, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../electron/core/api/handlers'
import { createRouter } from '../../../electron/core/api/router'
import { runExport } from '../../../electron/core/export/run-export'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { verifyStore } from '../../../electron/core/verify/verify-store'
import { appendEvent } from '../../../electron/core/write/append'
import { initStore } from '../../../electron/core/write/init-store'
import { reindexStore } from '../../../electron/core/write/reindex'
import { oneLineError, requireBuiltCli, runCli } from '../cli/run-built-cli'
import { fingerprintDir } from '../../support/store-files'
import { testDispatch } from '../../support/test-dispatch'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs('eventscope-hostile-')
beforeAll(() => requireBuiltCli())

/** A store inside a parent folder, so a write outside the store would show in the parent. */
async function storeInParent(): Promise<{ parent: string; dir: string }> {
  const parent = await tempDir()
  const dir = join(parent, 'store')
  await initStore(dir)
  await appendEvent({ dir, aggregateId: 'u1', eventType: 'Registered', payload: { name: 'Zoë' } })
  return { parent, dir }
}

async function treeOf(parent: string): Promise<unknown> {
  return { parent: await fingerprintDir(parent), store: await fingerprintDir(join(parent, 'store')) }
}

const hostileIds: [string, string][] = [
  ['../x', 'path separator'],
  ['a/b', 'path separator'],
  ['a\\b', 'path separator'],
  ['/abs', 'path separator'],
  ['C:\\x', 'path separator'],
  ['CON', 'Windows reserves'],
  ['x.', 'ends with a dot'],
  ['a\u0000b', 'control character'],
  ['', 'empty'],
  ['x'.repeat(1000), 'longer than 200 bytes'],
]

describe('given hostile aggregate ids', () => {
  it.each(hostileIds)(
    'when %j is appended through the CLI (--batch, which can carry any string), then it is refused in one line and nothing is written',
    async (id, reason) => {
      const { parent, dir } = await storeInParent()
      const before = await treeOf(parent)
      const line = JSON.stringify({ aggregateId: id, type: 'T', data: { n: 1 } })
      const run = await runCli(['append', dir, '--batch'], { input: `${line}\n` })
      expect(run.code).not.toBe(0)
      expect(oneLineError(run)).toContain(reason)
      expect(await treeOf(parent)).toEqual(before)
    },
  )

  it.each(hostileIds.filter(([id]) => id !== '' && !id.includes('\u0000')))(
    'when %j is appended as a CLI argument, then it is refused in one line and nothing is written',
    async (id) => {
      const { parent, dir } = await storeInParent()
      const before = await treeOf(parent)
      const run = await runCli(['append', dir, id, 'T', '--data', '{"n": 1}'])
      expect(run.code).not.toBe(0)
      expect(oneLineError(run)).toMatch(/is not allowed|aggregate id/)
      expect(await treeOf(parent)).toEqual(before)
    },
  )

  it.each(hostileIds)(
    'when %j is appended through the IPC router, then the answer is an invalid_input error and nothing is written',
    async (id) => {
      const { parent, dir } = await storeInParent()
      const session = new ExplorerSession()
      try {
        await session.open(dir)
        const dispatch = createRouter(
          createHandlers(session, {
            shell: 'browser',
            version: '0',
            initialDir: dir,
            recentDirs: () => [],
            rememberDir: () => {},
            pickDirectory: null,
          }),
        )
        const before = await treeOf(parent)
        const result = await dispatch('events.append', { aggregateId: id, eventType: 'T', payload: { n: 1 } })
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
        expect((result as { error: { message: string } }).error.message).not.toMatch(/\n|\bat .+:\d+/)
        expect(await treeOf(parent)).toEqual(before)
      } finally {
        session.close()
      }
    },
  )

  it('when a read names a stream outside the store (../outside), then it is not found and the outside file is not read', async () => {
    const { parent, dir } = await storeInParent()
    await writeFile(join(parent, 'outside.events.jsonl'), '{"event_type": "Secret", "password": "hunter2"}\n')
    const run = await runCli(['events', dir, '../outside', '--json'])
    expect(run.code).not.toBe(0)
    expect(run.stdout).not.toContain('hunter2')
    expect(oneLineError(run)).toContain('../outside')
    const session = new ExplorerSession()
    try {
      await session.open(dir)
      await expect(session.streamOpen('../outside')).rejects.toMatchObject({ code: 'not_found' })
    } finally {
      session.close()
    }
  })
})

describe('given symbolic links in the store that point outside it', () => {
  async function linkedStore() {
    const { parent, dir } = await storeInParent()
    const outside = join(parent, 'outside')
    await mkdir(outside)
    await writeFile(join(outside, 'secret.events.jsonl'), '{"event_type": "Secret", "password": "hunter2"}\n')
    await writeFile(join(outside, 'index.json'), '{"aggregates": {}, "total_events": 0}')
    await mkdir(join(outside, 'folder'))
    await writeFile(join(outside, 'folder', 'deep.events.jsonl'), '{"event_type": "Secret"}\n')
    return { parent, dir, outside }
  }

  it('when the store is read, then a linked stream file, a linked subfolder and a linked *.events.jsonl folder are reported or ignored, never followed', async () => {
    const { dir, outside } = await linkedStore()
    await symlink(join(outside, 'secret.events.jsonl'), join(dir, 'linked.events.jsonl'))
    await symlink(join(outside, 'folder'), join(dir, 'folder'))
    await symlink(join(outside, 'folder'), join(dir, 'dirlink.events.jsonl'))
    const report = await verifyStore(dir)
    expect(
      report.problems
        .filter((problem) => problem.kind === 'symlink_skipped')
        .map((problem) => problem.file)
        .sort(),
    ).toEqual(['dirlink.events.jsonl', 'linked.events.jsonl'])
    expect(report.aggregates).toBe(1)
    const list = await runCli(['list', dir, '--json'])
    expect(list.code).toBe(0)
    expect(list.stdout).not.toContain('hunter2')
    expect(
      (JSON.parse(list.stdout) as { aggregates: { id: string }[] }).aggregates.map((row) => row.id),
    ).toEqual(['u1'])
    const session = new ExplorerSession()
    try {
      await session.open(dir)
      await expect(session.streamOpen('linked')).rejects.toMatchObject({
        code: 'forbidden',
        message: 'linked.events.jsonl is a symbolic link; not followed',
      })
    } finally {
      session.close()
    }
  })

  it('when an append names an aggregate whose stream is a link, then it is refused and the linked file is unchanged', async () => {
    const { parent, dir, outside } = await linkedStore()
    await symlink(join(outside, 'secret.events.jsonl'), join(dir, 'linked.events.jsonl'))
    const before = await treeOf(parent)
    const secretBefore = await readFile(join(outside, 'secret.events.jsonl'), 'utf8')
    await expect(
      appendEvent({ dir, aggregateId: 'linked', eventType: 'T', payload: { n: 1 } }),
    ).rejects.toThrow(/not a regular file|link/)
    const run = await runCli(['append', dir, 'linked', 'T', '--data', '{"n": 1}'])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toMatch(/not a regular file|link/)
    expect(await readFile(join(outside, 'secret.events.jsonl'), 'utf8')).toBe(secretBefore)
    expect(await treeOf(parent)).toEqual(before)
  })

  it('when index.json is a link, then append and reindex refuse, the link stays a link and its target is unchanged', async () => {
    const { parent, dir, outside } = await linkedStore()
    const { rm } = await import('node:fs/promises')
    await rm(join(dir, 'index.json'))
    await symlink(join(outside, 'index.json'), join(dir, 'index.json'))
    const target = await readFile(join(outside, 'index.json'), 'utf8')
    const before = await treeOf(parent)
    await expect(appendEvent({ dir, aggregateId: 'u1', eventType: 'T', payload: { n: 1 } })).rejects.toThrow(
      /index\.json/,
    )
    await expect(reindexStore(dir)).rejects.toThrow(
      'index.json is a symbolic link; eventscope never writes through links.',
    )
    const run = await runCli(['append', dir, 'u1', 'T', '--data', '{"n": 1}'])
    expect(run.code).toBe(1)
    oneLineError(run)
    expect((await lstat(join(dir, 'index.json'))).isSymbolicLink()).toBe(true)
    expect(await readlink(join(dir, 'index.json'))).toBe(join(outside, 'index.json'))
    expect(await readFile(join(outside, 'index.json'), 'utf8')).toBe(target)
    expect(await treeOf(parent)).toEqual(before)
  })
})

describe('given payload keys that name the prototype', () => {
  const line =
    '{"event_type": "T", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}\n'

  it('when the event is read, replayed, merge-patched and exported as JSON and CSV, then the keys stay data and no prototype is polluted', async () => {
    const parent = await tempDir()
    const dir = join(parent, 'store')
    await mkdir(dir)
    await writeFile(join(dir, 'p.events.jsonl'), line + '{"event_type": "U", "__proto__": {"more": 1}}\n')
    const session = new ExplorerSession()
    try {
      await session.open(dir)
      const state = (await session.stateAt({ aggregateId: 'p', version: 2 })).state as Record<string, unknown>
      expect(Object.keys(state).sort()).toEqual(['__proto__', 'constructor', 'prototype'])
      expect(Object.getPrototypeOf(state)).toBe(Object.prototype)
      expect(Object.getOwnPropertyDescriptor(state, '__proto__')?.value).toEqual({ polluted: 'yes', more: 1 })
      const event = await session.eventGet({ aggregateId: 'p', version: 1 })
      expect(Object.hasOwn(event.payload, '__proto__')).toBe(true)
      const preview = await session.preview({
        aggregateId: 'p',
        payload: JSON.parse('{"__proto__": {"x": 1}}') as Record<string, never>,
      })
      expect(Object.hasOwn(preview.state as object, '__proto__')).toBe(true)
      for (const format of ['json', 'csv'] as const) {
        const out = join(parent, `export.${format}`)
        await runExport({ dir, format, out })
        const text = await readFile(out, 'utf8')
        expect(text).toContain('__proto__')
        if (format === 'json') {
          const [first] = JSON.parse(text) as { payload: Record<string, unknown> }[]
          expect(Object.hasOwn(first?.payload ?? {}, '__proto__')).toBe(true)
        } else expect(text.split('\r\n')[0]).toContain('__proto__.polluted')
      }
    } finally {
      session.close()
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(Object.prototype).not.toHaveProperty('more')
  })

  it('when such a payload is appended, then the line holds the keys as data', async () => {
    const { dir } = await storeInParent()
    const result = await appendEvent({
      dir,
      aggregateId: 'p',
      eventType: 'T',
      payload: JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": 1}') as Record<string, never>,
    })
    expect(result.line).toContain('"__proto__": {"polluted": "yes"}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('given integers above 2^53 in an event', () => {
  const raw =
    '{"event_type": "Big", "id64": 12345678901234567891, "edge": 9007199254740993, "nested": {"n": -98765432109876543210}}'

  it('when read and exported, then the raw line and the JSONL export keep every digit', async () => {
    const parent = await tempDir()
    const dir = join(parent, 'store')
    await mkdir(dir)
    await writeFile(join(dir, 'b.events.jsonl'), `${raw}\n`)
    const session = new ExplorerSession()
    try {
      await session.open(dir)
      const event = await session.eventGet({ aggregateId: 'b', version: 1 })
      expect(event.raw).toBe(raw)
    } finally {
      session.close()
    }
    const out = join(parent, 'export.jsonl')
    await runExport({ dir, format: 'jsonl', out })
    expect(await readFile(out, 'utf8')).toBe(`${raw}\n`)
  })

  it('when exported as JSON and CSV, then the numbers are written with every digit, not rounded', async () => {
    const parent = await tempDir()
    const dir = join(parent, 'store')
    await mkdir(dir)
    await writeFile(join(dir, 'b.events.jsonl'), `${raw}\n`)
    await runExport({ dir, format: 'json', out: join(parent, 'export.json') })
    const json = await readFile(join(parent, 'export.json'), 'utf8')
    expect(json).toContain(
      '"payload":{"id64":12345678901234567891,"edge":9007199254740993,"nested":{"n":-98765432109876543210}}',
    )
    await runExport({ dir, format: 'csv', out: join(parent, 'export.csv') })
    const [header, row] = (await readFile(join(parent, 'export.csv'), 'utf8')).split('\r\n')
    expect(header).toBe('version,aggregate_id,event_id,event_type,occurred_at,id64,edge,nested.n')
    expect(row).toBe('1,b,,Big,,12345678901234567891,9007199254740993,-98765432109876543210')
  })

  it('when its state is shown through state.at, its timeline read and `eventscope state` run, then every digit is kept', async () => {
    const dir = join(await tempDir(), 'store')
    await mkdir(dir)
    await writeFile(join(dir, 'b.events.jsonl'), `${raw}\n`)
    const session = new ExplorerSession()
    try {
      await session.open(dir)
      await session.streamOpen('b')
      const state = await testDispatch(session)('state.at', { aggregateId: 'b', version: 1 })
      expect(state).toMatchObject({
        ok: true,
        value: {
          exact: {
            '/id64': '12345678901234567891',
            '/edge': '9007199254740993',
            '/nested/n': '-98765432109876543210',
          },
        },
      })
      const window = await session.streamWindow({ aggregateId: 'b', offset: 0, limit: 10 })
      expect(window.rows[0]).toMatchObject({ summary: expect.stringContaining('id64=12345678901234567891') })
    } finally {
      session.close()
    }
    const run = await runCli(['state', dir, 'b', '--json'])
    expect(run.stdout).toContain('"id64": 12345678901234567891')
    expect(run.stdout).toContain('"n": -98765432109876543210')
  })

  it('when a search finds it, through the router and `eventscope search`, then its payload keeps every digit', async () => {
    const dir = join(await tempDir(), 'store')
    await mkdir(dir)
    await writeFile(join(dir, 'b.events.jsonl'), `{"event_type": "Small", "n": 1}\n${raw}\n`)
    const session = new ExplorerSession()
    try {
      await session.open(dir)
      const found = await testDispatch(session)('search.run', { taskId: 's1', eventTypes: ['Big'] })
      expect(found).toMatchObject({
        ok: true,
        value: {
          matches: [
            {
              version: 2,
              exact: {
                '/id64': '12345678901234567891',
                '/edge': '9007199254740993',
                '/nested/n': '-98765432109876543210',
              },
            },
          ],
        },
      })
    } finally {
      session.close()
    }
    const json = await runCli(['search', dir, '--type', 'Big', '--json'])
    expect(json.stdout).toContain('"id64": 12345678901234567891')
    const text = await runCli(['search', dir, '--type', 'Big'])
    expect(text.stdout).toContain('"nested":{"n":-98765432109876543210}')
  })

  it('when `eventscope events` prints it, as text or JSON, then the payload keeps every digit', async () => {
    const dir = join(await tempDir(), 'store')
    await mkdir(dir)
    // A flat stream whose event also has a `data` object of its own: still read in the stream's style.
    const withData = raw.replace('{"event_type": "Big"', '{"event_type": "Big", "data": {"k": 1}')
    await writeFile(join(dir, 'b.events.jsonl'), `{"event_type": "Small", "n": 1}\n${withData}\n`)
    const json = await runCli(['events', dir, 'b', '--json'])
    expect(json.code).toBe(0)
    expect(json.stdout).toContain(
      '"payload":{"data":{"k":1},"id64":12345678901234567891,"edge":9007199254740993,"nested":{"n":-98765432109876543210}}',
    )
    const text = await runCli(['events', dir, 'b'])
    expect(text.stdout).toContain('"id64":12345678901234567891')
  })
})

describe('given foreign clutter in the store directory', () => {
  it("when the store is read, verified, appended to, reindexed and repaired, then the clutter is never parsed as a stream and never deleted (a killed writer's index temp file is reported, then removed by reindex)", async () => {
    const { dir } = await storeInParent()
    await writeFile(join(dir, '.index.json.123.456.tmp'), 'half an index')
    await mkdir(join(dir, '.eventscope.lock.old'))
    await writeFile(join(dir, 'u1.events.jsonl.bak'), 'not json\n')
    await writeFile(join(dir, 'notes.txt'), 'not json\n')
    await writeFile(join(dir, 'u2.jsonl'), '{"event_type": "NotAStream"}\n')
    await mkdir(join(dir, 'sub'))
    await writeFile(join(dir, 'sub', 'x.events.jsonl'), '{"event_type": "Nested"}\n')
    await mkdir(join(dir, 'folder.events.jsonl'))
    const clutter = [
      '.eventscope.lock.old',
      'folder.events.jsonl',
      'notes.txt',
      'sub',
      'u1.events.jsonl.bak',
      'u2.jsonl',
    ]
    const report = await verifyStore(dir)
    expect(report.aggregates).toBe(1)
    // The folder named like a stream is no stream: reported, never read, never deleted.
    expect(report.problems.map((problem) => [problem.kind, problem.file])).toEqual([
      ['not_a_file', 'folder.events.jsonl'],
      ['leftover_temp_file', '.index.json.123.456.tmp'],
    ])
    const list = JSON.parse((await runCli(['list', dir, '--json'])).stdout) as {
      aggregates: { id: string }[]
    }
    expect(list.aggregates.map((row) => row.id)).toEqual(['u1'])
    await appendEvent({ dir, aggregateId: 'u1', eventType: 'T', payload: { n: 2 } })
    await reindexStore(dir)
    const { repairStore } = await import('../../../electron/core/verify/repair-store')
    await repairStore(dir, { dryRun: false })
    const names = await readdir(dir)
    for (const name of clutter) expect(names).toContain(name)
    expect(names).not.toContain('.index.json.123.456.tmp')
    expect(await readFile(join(dir, 'u1.events.jsonl.bak'), 'utf8')).toBe('not json\n')
  })
})

describe('given an event payload holding markup', () => {
  it('then the renderer never injects HTML: no dangerouslySetInnerHTML, innerHTML or outerHTML assignment anywhere in renderer/', async () => {
    const root = resolve(import.meta.dirname, '../../../renderer')
    const offenders: string[] = []
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name)
        if (entry.isDirectory() && entry.name !== 'node_modules') await walk(path)
        else if (/\.(tsx?|jsx?)$/.test(entry.name)) {
          const text = await readFile(path, 'utf8')
          if (/dangerouslySetInnerHTML|\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write/.test(text))
            offenders.push(path)
        }
      }
    }
    await walk(root)
    expect(offenders).toEqual([])
  })
})
