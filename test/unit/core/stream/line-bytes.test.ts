import { describe, expect, it } from 'vitest'
import { utf8Segments } from '../../../../electron/core/stream/line-bytes'

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))))

describe('utf8Segments', () => {
  it('given valid UTF-8, when segmented, then it is one text run, multi-byte characters whole', () => {
    expect(utf8Segments(bytes('{"name":"Zoë 🚀"}'))).toEqual([{ text: '{"name":"Zoë 🚀"}' }])
  })

  it('given bytes that are not UTF-8 inside a line, when segmented, then they come out as hex between the text', () => {
    expect(utf8Segments(bytes('{"a":"', [0xff, 0xfe], 'x"}'))).toEqual([
      { text: '{"a":"' },
      { bytes: 'ff fe' },
      { text: 'x"}' },
    ])
  })

  it('given overlong forms, surrogates and a character cut short, when segmented, then each is bad bytes', () => {
    expect(utf8Segments(bytes([0xc0, 0xaf]))).toEqual([{ bytes: 'c0 af' }])
    expect(utf8Segments(bytes('a', [0xed, 0xa0, 0x80]))).toEqual([{ text: 'a' }, { bytes: 'ed a0 80' }])
    expect(utf8Segments(bytes('end', [0xe2, 0x82]))).toEqual([{ text: 'end' }, { bytes: 'e2 82' }])
  })

  it('given any bytes, when segmented, then the text runs decode strictly and the runs add up to the input', () => {
    const strict = new TextDecoder('utf-8', { fatal: true })
    for (let trial = 0; trial < 200; trial++) {
      const input = Buffer.from(Array.from({ length: 40 }, () => Math.floor(Math.random() * 256)))
      const rebuilt: Buffer[] = []
      for (const segment of utf8Segments(input)) {
        if ('text' in segment) {
          const encoded = Buffer.from(segment.text)
          expect(strict.decode(encoded)).toBe(segment.text)
          rebuilt.push(encoded)
        } else rebuilt.push(Buffer.from(segment.bytes.split(' ').map((hex) => parseInt(hex, 16))))
      }
      expect(Buffer.concat(rebuilt).equals(input)).toBe(true)
    }
  })
})
