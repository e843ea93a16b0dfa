import { describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { fingerprintDir, jsonLines, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

const event = (n: number) => ({ event_type: 'Counted', aggregate_id: 'a1', n })

describe('ExplorerSession.streamLine', () => {
  it('given a long bad line and one that is not UTF-8, when each is asked for, then the whole line comes back, bad bytes as hex, and nothing is written', async () => {
    const dir = await tempDir()
    const long = `{"event_type": "Broken", "note": "${'x'.repeat(500)}", oops`
    const text = Buffer.concat([
      Buffer.from(jsonLines([event(1)]) + long + '\r\n'),
      Buffer.from('{"event_type": "Bin", "v": "'),
      Buffer.from([0xff, 0x00, 0xc3]),
      Buffer.from('"}\n' + jsonLines([event(2)])),
    ])
    await writeStream(dir, 'a1', text)
    const before = await fingerprintDir(dir)
    const session = new ExplorerSession()
    try {
      await session.open(dir)
      await session.streamOpen('a1')
      const bad = await session.streamLine({ aggregateId: 'a1', line: 2 })
      expect(bad.segments).toEqual([{ text: long }])
      expect(bad.truncated).toBe(false)
      expect(bad.shownBytes).toBe(Buffer.byteLength(long))
      const binary = await session.streamLine({ aggregateId: 'a1', line: 3 })
      expect(binary.segments).toEqual([
        { text: '{"event_type": "Bin", "v": "' },
        { bytes: 'ff' },
        { text: '\u0000' },
        { bytes: 'c3' },
        { text: '"}' },
      ])
      await expect(session.streamLine({ aggregateId: 'a1', line: 1 })).rejects.toThrow(/no finding/)
      expect(await fingerprintDir(dir)).toEqual(before)
    } finally {
      session.close()
    }
  })
})
