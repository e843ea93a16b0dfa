import { describe, expect, it } from 'vitest'
import { socketUrl } from '../../../../renderer/src/ipc/client'

describe('socketUrl', () => {
  it('given an http page with a token, when building the socket URL, then it uses ws and forwards the token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5181', search: '?token=a%2Fb&x=1' })).toBe(
      'ws://127.0.0.1:5181/ws?token=a%2Fb',
    )
  })

  it('given an https page without a token, when building the socket URL, then it uses wss and no query', () => {
    expect(socketUrl({ protocol: 'https:', host: 'example.test', search: '' })).toBe('wss://example.test/ws')
  })
})
