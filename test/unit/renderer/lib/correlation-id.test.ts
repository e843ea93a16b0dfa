import { describe, expect, it } from 'vitest'
import { correlationIdIn } from '../../../../renderer/src/lib/correlation-id'

describe('correlationIdIn', () => {
  it('given the id in the envelope or in its metadata, when read, then it is found; a number reads as text', () => {
    expect(correlationIdIn('{"correlation_id":"c-1"}')).toBe('c-1')
    expect(correlationIdIn('{"metadata":{"correlationId":42}}')).toBe('42')
    expect(correlationIdIn('{"meta":{"correlation_id":"m"}}')).toBe('m')
  })

  it('given no id, an empty one, or a line that is not JSON, when read, then there is none', () => {
    expect(correlationIdIn('{"correlation_id":""}')).toBeNull()
    expect(correlationIdIn('{"payload":{}}')).toBeNull()
    expect(correlationIdIn('not json')).toBeNull()
  })
})
