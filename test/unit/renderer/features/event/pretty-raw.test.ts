import { describe, expect, it } from 'vitest'
import { prettyRaw } from '../../../../../renderer/src/features/event/pretty-raw'

describe('prettyRaw', () => {
  it('given a JSON line, when prettified, then it is indented by two spaces', () => {
    expect(prettyRaw('{"a":1}')).toBe('{\n  "a": 1\n}')
  })

  it('given a broken line, when prettified, then it is shown unchanged', () => {
    expect(prettyRaw('{"a":')).toBe('{"a":')
  })
})
