// events.template and events.preview through the router: the template carries the payload's text as the
// line has it (key order, `1.0`, `1E5`, 2^64), flat or nested, so an untouched template appends the same
// data; the preview of typed text shows its literals as typed.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { useTempDirs } from '../../../support/temp-dir'
import { testDispatch } from '../../../support/test-dispatch'

const tempDir = useTempDirs('eventscope-template-text-')

const body = '"2": 1.0, "1": 1E5, "b": {"id": 18446744073709551616, "list": [0.10, -0.0]}'
const expected =
  '{\n  "2": 1.0,\n  "1": 1E5,\n  "b": {\n    "id": 18446744073709551616,\n    "list": [\n      0.10,\n      -0.0\n    ]\n  }\n}'

async function storeWith(line: string): Promise<string> {
  const dir = join(await tempDir(), 'store')
  await mkdir(dir)
  await writeFile(join(dir, 'a.events.jsonl'), `${line}\n`)
  return dir
}

async function withSession<T>(dir: string, run: (call: ReturnType<typeof testDispatch>) => Promise<T>) {
  const session = new ExplorerSession()
  try {
    await session.open(dir)
    await session.whenReconciled()
    return await run(testDispatch(session, { initialDir: dir }))
  } finally {
    session.close()
  }
}

describe('given an event whose payload holds literals and integer-like keys', () => {
  it.each([
    [
      'flat',
      `{"event_id": "e1", "event_type": "Set", "aggregate_id": "a", ${body}, "occurred_at": "2026-01-01T00:00:00+00:00", "metadata": {"x": 1.50}}`,
    ],
    [
      'nested',
      `{"id": "e1", "type": "Set", "aggregateId": "a", "timestamp": "2026-01-01T00:00:00Z", "data": {${body}}}`,
    ],
  ])(
    'in a %s store, when its template is asked for and appended untouched, then the text and the written line keep them',
    async (_style, line) => {
      const dir = await storeWith(line)
      await withSession(dir, async (call) => {
        const template = await call('events.template', { eventType: 'Set' })
        expect(template.ok).toBe(true)
        const { payload, payloadText } = (
          template as { value: { payload: Record<string, unknown>; payloadText?: string } }
        ).value
        // Key order and literals as written; envelope fields (and metadata) are not payload.
        expect(payloadText).toBe(expected)
        expect(JSON.parse(payloadText as string)).toEqual(payload)

        const appended = await call('events.append', {
          aggregateId: 'a',
          eventType: 'Set',
          payload: JSON.parse(payloadText as string) as Record<string, never>,
          exact: { '/b/id': '18446744073709551616' },
          payloadText: payloadText as string,
          expectedVersion: 1,
        })
        expect(appended.ok).toBe(true)
      })
      const written = (await readFile(join(dir, 'a.events.jsonl'), 'utf8')).trim().split('\n')[1] as string
      expect(written.replace(/\s/g, '')).toContain(body.replace(/\s/g, ''))
    },
  )

  it('when the preview is sent the typed text, then its state shows the literals as typed', async () => {
    const dir = await storeWith(
      '{"event_id": "e1", "event_type": "Set", "aggregate_id": "a", "occurred_at": "2026-01-01T00:00:00+00:00", "n": 2}',
    )
    await withSession(dir, async (call) => {
      const text = '{"2": 1.0, "1": 1E5}'
      const typed = await call('events.preview', {
        aggregateId: 'a',
        payload: JSON.parse(text) as Record<string, never>,
        payloadText: text,
      })
      expect(typed.ok).toBe(true)
      expect((typed as { value: { exact?: Record<string, string> } }).value.exact).toEqual({
        '/2': '1.0',
        '/1': '1E5',
      })
      // Text that says something else than the payload is refused, as append refuses it.
      const other = await call('events.preview', {
        aggregateId: 'a',
        payload: { n: 1 },
        payloadText: '{"n": 2}',
      })
      expect(other.ok).toBe(false)
    })
  })
})
