// Appends to stores that nest the payload under "data" or "payload" write it as given: through
// `append --data`, `append --batch` and `import`, integer-like keys stay where they were typed and 1.0,
// 1E5 and integers beyond 2^53 stay as written.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { requireBuiltCli, runCli } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-nested-append-')
beforeAll(() => requireBuiltCli())

const typed = '{"b": 1, "2": "two", "1": "one", "x": 1.0, "n": {"10": 1E5, "9": 9007199254740993}}'
const compact = '{"b":1,"2":"two","1":"one","x":1.0,"n":{"10":1E5,"9":9007199254740993}}'

async function nestedStore(field: 'data' | 'payload'): Promise<string> {
  const dir = join(await tempDir(), 'store')
  await mkdir(dir)
  const first = `{"id":"e0","type":"Opened","aggregateId":"a","timestamp":"2026-01-01T00:00:00+00:00","${field}":{}}`
  await writeFile(join(dir, 'a.events.jsonl'), `${first}\n`)
  await writeFile(
    join(dir, 'index.json'),
    '{"aggregates": {"a": {"event_count": 1, "last_event_at": "2026-01-01T00:00:00+00:00"}}, "total_events": 1}',
  )
  return dir
}

const lastLine = async (dir: string): Promise<string> =>
  (await readFile(join(dir, 'a.events.jsonl'), 'utf8')).trimEnd().split('\n').at(-1) ?? ''

describe.each(['data', 'payload'] as const)(
  'given a store whose events nest the payload under "%s"',
  (field) => {
    it('when appended with --data, --batch and import, then each line holds the payload as typed', async () => {
      const dir = await nestedStore(field)
      const single = await runCli(['append', dir, 'a', 'Set', '--data', typed])
      expect(single.stderr).toBe('')
      expect(await lastLine(dir)).toMatch(new RegExp(`"${field}":${escape(compact)}}$`))

      const batch = await runCli(['append', dir, '--batch'], {
        input: `{"aggregateId": "a", "type": "Set", "data": ${typed}}\n`,
      })
      expect(batch.stderr).toBe('')
      expect(await lastLine(dir)).toMatch(new RegExp(`"${field}":${escape(compact)}}$`))

      const file = join(await tempDir(), 'events.jsonl')
      await writeFile(
        file,
        `{"id": "e9", "type": "Set", "aggregateId": "a", "timestamp": "2026-01-02T00:00:00+00:00", "data": ${typed}}\n`,
      )
      const imported = await runCli(['import', dir, file])
      expect(imported.stderr).toBe('')
      expect(await lastLine(dir)).toMatch(new RegExp(`"${field}":${escape(compact)}}$`))
    }, 60_000)
  },
)

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
