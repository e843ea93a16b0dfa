// A database row's payload and metadata as eventscope reads them: an object, or none with why, in one
// line: the kind of every way a stored text can fail to be an object.

import { describe, expect, it } from 'vitest'
import {
  rowProblemSeverity,
  storedMetadata,
  storedPayload,
  unreadableBlob,
} from '../../../../electron/core/source/stored-object'

describe('storedPayload', () => {
  it('given an object, when read, then it is the payload exactly (big integers kept) and no problem', () => {
    const read = storedPayload('{"n": 12345678901234567890, "a": {"b": 1.0}}', 'data')
    expect(read.problem).toBeNull()
    expect(read.value).toMatchObject({ a: {} })
    expect(String((read.value as { n: unknown }).n)).toBe('12345678901234567890')
  })

  it.each([
    ['[1, 2]', 'an array'],
    ['"text"', 'a string'],
    ['42', 'a number'],
    ['true', 'a boolean'],
    ['null', 'null'],
  ])('given %s, when read, then no payload, and a payload_not_object warning naming %s', (text, what) => {
    const read = storedPayload(text, 'message_data')
    expect(read.value).toBeNull()
    expect(read.problem).toEqual({
      kind: 'payload_not_object',
      cause: `message_data is ${what}, not an object`,
      message: `message_data is ${what}, not an object: its payload is read as empty`,
    })
    expect(rowProblemSeverity(read.problem!)).toBe('warning')
  })

  it.each(['{"a": ', '', 'NaN', '{"a": 1}}', "{'a': 1}", `{"a": "${'x'.repeat(500)}`])(
    'given text that is no JSON (%s), when read, then an error that says why in one bounded line',
    (text) => {
      const read = storedPayload(text, 'message_data')
      expect(read.value).toBeNull()
      expect(read.problem?.kind).toBe('payload_unreadable')
      expect(read.problem?.message).toMatch(/^message_data is not JSON \(.+\): its payload is read as empty$/)
      expect(read.problem?.message).not.toContain('\n')
      expect(read.problem!.message.length).toBeLessThan(220)
      expect(rowProblemSeverity(read.problem!)).toBe('error')
    },
  )
})

describe('storedMetadata', () => {
  it('given none, null or a non-object, when read, then no metadata and nothing to report (a null column is common)', () => {
    expect(storedMetadata(null, 'metadata')).toEqual({ value: null, problem: null })
    expect(storedMetadata('null', 'metadata')).toEqual({ value: null, problem: null })
    expect(storedMetadata('[1]', 'metadata')).toEqual({ value: null, problem: null })
    expect(storedMetadata('{"c": 1}', 'metadata')).toEqual({ value: { c: 1 }, problem: null })
  })

  it('given text that is no JSON, when read, then it is reported as metadata read as none', () => {
    expect(storedMetadata('{oops', 'message_metadata').problem).toMatchObject({
      kind: 'metadata_unreadable',
      message: expect.stringMatching(/^message_metadata is not JSON \(.+\): its metadata is read as none$/),
    })
  })
})

describe('unreadableBlob', () => {
  it('given a payload or metadata blob, when described, then each says what is read instead', () => {
    expect(unreadableBlob('message_data', 'payload').message).toBe(
      'message_data is a blob SQLite cannot read as JSON: its payload is read as empty',
    )
    expect(unreadableBlob('message_metadata', 'metadata')).toEqual({
      kind: 'metadata_unreadable',
      cause: 'message_metadata is a blob SQLite cannot read as JSON',
      message: 'message_metadata is a blob SQLite cannot read as JSON: its metadata is read as none',
    })
  })
})
