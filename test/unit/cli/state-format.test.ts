import { describe, expect, it } from 'vitest'
import { stateJson, stateText } from '../../../electron/cli/format/state-format'

const result = { aggregateId: 'a', version: 2, eventCount: 3, state: { name: 'Zoë', tags: ['x'] } }

describe('stateText', () => {
  it('given a state before the latest, when printed, then the heading says which version of how many', () => {
    expect(stateText(result, 'User')).toEqual([
      'a (User) at version 2 of 3',
      JSON.stringify(result.state, null, 2),
    ])
  })

  it('given the latest state, when printed, then the heading says so', () => {
    expect(stateText({ ...result, version: 3 }, null)[0]).toBe('a at version 3 of 3, the latest')
  })
})

describe('stateJson', () => {
  it('given a replay result with extra fields, when rendered, then only the documented fields remain', () => {
    expect(stateJson({ ...result, changes: [] } as typeof result)).toEqual(result)
  })
})
