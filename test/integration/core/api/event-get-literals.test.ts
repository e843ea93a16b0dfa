// event.get through the router: the Event pane's payload and metadata come with every number a double
// would print otherwise (-0.0, 1.0, 1E5, 1e400, 0.10, beyond 2^53) as written, by JSON Pointer
// (test/unit/renderer/features/event/event-payload.test.ts shows them).

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import type { NormalizedEvent } from '../../../../shared/contract'
import { useTempDirs } from '../../../support/temp-dir'
import { testDispatch } from '../../../support/test-dispatch'

const tempDir = useTempDirs('eventscope-event-literals-')

describe('given an event whose payload holds literals a double changes', () => {
  it('when event.get answers, then the literals travel beside the payload and the metadata', async () => {
    const dir = join(await tempDir(), 'store')
    await mkdir(dir)
    await writeFile(
      join(dir, 'a.events.jsonl'),
      '{"event_id": "e1", "event_type": "Set", "aggregate_id": "a", "occurred_at": "2026-01-01T00:00:00+00:00", "neg": -0.0, "one": 1.0, "big": 1E5, "huge": 1e400, "n": {"dec": 0.10, "id": 9007199254740993}, "plain": 2, "metadata": {"x": 1.50}}\n',
    )
    const session = new ExplorerSession()
    try {
      await session.open(dir)
      await session.whenReconciled()
      const answer = await testDispatch(session, { initialDir: dir })('event.get', {
        aggregateId: 'a',
        version: 1,
      })
      expect(answer.ok).toBe(true)
      const event = (answer as { value: NormalizedEvent }).value
      expect(event.exact).toEqual({
        '/neg': '-0.0',
        '/one': '1.0',
        '/big': '1E5',
        '/huge': '1e400',
        '/n/dec': '0.10',
        '/n/id': '9007199254740993',
      })
      expect(event.exactMetadata).toEqual({ '/x': '1.50' })
      // The value holds the nearest number (null beyond the double range), as a state does.
      expect(event.payload).toMatchObject({ one: 1, huge: null, plain: 2 })
    } finally {
      session.close()
    }
  })
})
