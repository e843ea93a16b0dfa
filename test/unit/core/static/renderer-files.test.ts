import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  contentTypeOf,
  resolveRendererFile,
  securityHeaders,
} from '../../../../electron/core/static/renderer-files'

const root = resolve('/srv/app/renderer')

describe('resolveRendererFile', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/app-1234.js', 'assets/app-1234.js'],
    ['/assets/../index.html', 'index.html'],
  ])('given the path %s, when resolved, then it names %s inside the renderer folder', (pathname, inside) => {
    expect(resolveRendererFile(root, pathname)).toBe(join(root, inside))
  })

  it.each([
    ['/../package.json'],
    ['/../../etc/passwd'],
    ['/assets/../../secret.txt'],
    ['/..'],
    ['/../renderer-evil/index.html'],
    ['/index.html\0.png'],
    ['/../../../../etc/passwd'],
  ])('given the path %s, when resolved, then nothing outside the renderer folder is named', (pathname) => {
    expect(resolveRendererFile(root, pathname)).toBeNull()
  })

  it('given a path that only names the folder itself, when resolved, then it is refused', () => {
    expect(resolveRendererFile(root, '/.')).toBeNull()
  })
})

describe('contentTypeOf and securityHeaders', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.JS', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['font.woff2', 'font/woff2'],
    ['blob.bin', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('given %s, when typed, then it is %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type)
  })

  it('given a content type, when headers are built, then the CSP forbids foreign scripts, framing and plugins and sniffing is off', () => {
    const headers = securityHeaders('text/html')

    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy)
    expect(contentSecurityPolicy).toContain("default-src 'self'")
    expect(contentSecurityPolicy).toContain("script-src 'self'")
    expect(contentSecurityPolicy).toContain("object-src 'none'")
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'")
    expect(contentSecurityPolicy).not.toContain('unsafe-')
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    expect(Object.keys(headers).some((name) => name.toLowerCase().startsWith('access-control-'))).toBe(false)
  })
})

describe('the page CSP meta tag', () => {
  it('given renderer/index.html, when its meta CSP is read, then it has no frame-ancestors (ignored in a meta tag, with a console error) and the header has it', async () => {
    const { readFile } = await import('node:fs/promises')
    const html = await readFile(resolve(import.meta.dirname, '../../../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]
    expect(meta).toBeDefined()
    expect(meta).not.toContain('frame-ancestors')
    expect(securityHeaders('text/html')['Content-Security-Policy']).toContain("frame-ancestors 'none'")
  })
})
