import { describe, expect, it } from 'vitest'
import { parseVersion } from '../../../../renderer/src/lib/parse-version'

describe('parseVersion', () => {
  it('given a whole number within the stream, when parsed, then it is the version', () => {
    expect(parseVersion(' 12 ', 40)).toBe(12)
    expect(parseVersion('0', 40)).toBe(0)
    expect(parseVersion('40', 40)).toBe(40)
  })

  it('given a number past the end, a negative, a fraction or text, when parsed, then one sentence says what is wrong', () => {
    expect(parseVersion('41', 40)).toBe('This stream ends at version 40.')
    expect(parseVersion('-1', 1200)).toBe('Type a version from 0 to 1,200.')
    expect(parseVersion('2.5', 40)).toBe('Type a version from 0 to 40.')
    expect(parseVersion('', 40)).toBe('Type a version from 0 to 40.')
  })
})
