import { describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { hardenSession, isAllowedExternalUrl } from '../../../../electron/main/security-hooks'

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://github.com/owner/repo', true],
    ['http://github.com/', false],
    ['https://github.com.evil.example/', false],
    ['https://user@github.com/', false],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('given %s, when checked, then allowed is %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed)
  })
})

describe('hardenSession', () => {
  it('given the session, when any permission is requested or checked, then it is denied', () => {
    let request:
      ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
    let check: ((...args: unknown[]) => boolean) | undefined
    const session = {
      setPermissionRequestHandler: (handler: typeof request) => {
        request = handler
      },
      setPermissionCheckHandler: (handler: typeof check) => {
        check = handler
      },
    } as unknown as Session

    hardenSession(session)

    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn()
      request?.({}, permission, callback)
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
      expect(check?.({}, permission, 'app://eventscope', {})).toBe(false)
    }
  })
})
