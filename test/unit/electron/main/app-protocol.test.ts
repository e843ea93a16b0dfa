import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  createAppProtocolHandler,
  isAppUrl,
  resolveAppFile,
} from '../../../../electron/main/app-protocol'

function rendererDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'eventscope-renderer-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>eventscope</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, '..', 'secret.txt'), 'secret')
  return root
}

describe('app protocol', () => {
  it('given the CSP, when read, then it is the strict policy the app promises', () => {
    expect(contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    )
  })

  it('given URLs, when checked for our origin, then only app://eventscope counts', () => {
    expect(isAppUrl('app://eventscope/index.html')).toBe(true)
    expect(isAppUrl('app://other/index.html')).toBe(false)
    expect(isAppUrl('file:///index.html')).toBe(false)
    expect(isAppUrl('https://eventscope/')).toBe(false)
    expect(isAppUrl('')).toBe(false)
  })

  it('given traversal attempts, when resolved, then nothing outside the renderer folder is served', () => {
    const root = '/srv/renderer'
    expect(resolveAppFile(root, 'app://eventscope/')).toBe('/srv/renderer/index.html')
    expect(resolveAppFile(root, 'app://eventscope/assets/a.js?x=1#y')).toBe('/srv/renderer/assets/a.js')
    expect(resolveAppFile(root, 'app://eventscope/../secret.txt')).toBe('/srv/renderer/secret.txt')
    // The URL parser folds dot segments (encoded or not) before we see the path, so these stay inside.
    expect(resolveAppFile(root, 'app://eventscope/%2e%2e/secret.txt')).toBe('/srv/renderer/secret.txt')
    // An encoded slash survives parsing and decodes into a real `../`: refused.
    expect(resolveAppFile(root, 'app://eventscope/assets/%2e%2e%2f%2e%2e%2fsecret.txt')).toBeNull()
    expect(resolveAppFile(root, 'app://eventscope/a%00b')).toBeNull()
    expect(resolveAppFile(root, 'app://eventscope/%E0%A4%A')).toBeNull()
    expect(resolveAppFile(root, 'app://elsewhere/index.html')).toBeNull()
  })

  it('given the renderer folder, when the page is requested, then it is served with its type and the CSP header', async () => {
    const handle = createAppProtocolHandler(rendererDir())

    const page = await handle(new Request('app://eventscope/index.html'))
    const script = await handle(new Request('app://eventscope/assets/index-abc.js'))

    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(await page.text()).toContain('<title>eventscope</title>')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(script.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
  })

  it('given a missing file, a file outside, or a POST, when requested, then it is refused with the CSP header', async () => {
    const handle = createAppProtocolHandler(rendererDir())

    const missing = await handle(new Request('app://eventscope/nope.js'))
    const outside = await handle(new Request('app://eventscope/%2e%2e%2fsecret.txt'))
    const post = await handle(new Request('app://eventscope/index.html', { method: 'POST', body: 'x' }))

    expect(missing.status).toBe(404)
    expect(outside.status).toBe(404)
    expect(await outside.text()).not.toContain('secret')
    expect(post.status).toBe(405)
    expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
  })
})
