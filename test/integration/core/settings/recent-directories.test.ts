import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecentDirectories, type PasswordVault } from '../../../../electron/core/settings/recent-directories'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

describe('RecentDirectories', () => {
  it('given no file yet, when listed, then the list is empty', async () => {
    expect(new RecentDirectories(join(await tempDir(), 'recent.json')).list()).toEqual([])
  })

  it('given directories remembered, when listed, then the latest is first, repeats move to the front, and at most 8 are kept', async () => {
    const file = join(await tempDir(), 'nested', 'config', 'recent.json')
    const recent = new RecentDirectories(file)

    for (let i = 1; i <= 10; i++) recent.remember(`/stores/${i}`)
    recent.remember('/stores/5')

    expect(recent.list()).toEqual([
      '/stores/5',
      '/stores/10',
      '/stores/9',
      '/stores/8',
      '/stores/7',
      '/stores/6',
      '/stores/4',
      '/stores/3',
    ])
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(recent.list())
  })

  it('given a damaged file, when listed, then it reads as empty, and remembering replaces it with a valid one', async () => {
    const dir = await tempDir()
    const file = join(dir, 'recent.json')
    await writeFile(file, '["/a", 4, null, {"x":1}, "/b"')
    const recent = new RecentDirectories(file)
    const damaged = recent.list()

    recent.remember('/c')

    expect(damaged).toEqual([])
    expect(recent.list()).toEqual(['/c'])
    expect(await readdir(dir)).toEqual(['recent.json'])
  })

  it('given a file with non-string entries, when listed, then only the strings are kept', async () => {
    const file = join(await tempDir(), 'recent.json')
    await writeFile(file, JSON.stringify(['/a', 4, null, '/b']))

    expect(new RecentDirectories(file).list()).toEqual(['/a', '/b'])
  })

  it('given a file path that cannot be written, when remembering, then it fails silently', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'blocker'), 'a file where a folder should be')

    expect(() => new RecentDirectories(join(dir, 'blocker', 'recent.json')).remember('/a')).not.toThrow()
  })
})

/** A stand-in for the OS keychain: reversible, and visibly not the password. */
const fakeVault: PasswordVault = {
  seal: (secret) => `sealed:${Buffer.from(secret).toString('hex')}`,
  unseal: (sealed) =>
    sealed.startsWith('sealed:') ? Buffer.from(sealed.slice(7), 'hex').toString('utf8') : null,
}
const noKeychain: PasswordVault = { seal: () => null, unseal: () => null }

describe('RecentDirectories with database addresses', () => {
  const secret = 'pa:ss/w%rd@1'
  const typed = `postgres://app:${encodeURIComponent(secret)}@db.example:5432/shop`

  it('given an address with a password and a keychain, when remembered, then the file has the address without it and the password only sealed, and a new run opens it whole', async () => {
    const file = join(await tempDir(), 'recent.json')
    new RecentDirectories(file, fakeVault).remember(typed)

    const text = await readFile(file, 'utf8')
    expect(text).not.toContain(secret)
    expect(text).not.toContain(encodeURIComponent(secret))
    expect(JSON.parse(text)).toEqual([
      { address: 'postgres://app@db.example:5432/shop', sealedPassword: fakeVault.seal(secret) },
    ])
    const nextRun = new RecentDirectories(file, fakeVault)
    expect(nextRun.shown()).toEqual(['postgres://app@db.example:5432/shop'])
    expect(new URL(nextRun.list()[0] ?? '').password).toBe(encodeURIComponent(secret))
    expect(decodeURIComponent(new URL(nextRun.list()[0] ?? '').password)).toBe(secret)
  })

  it('given no keychain (the browser shell, Linux without a keyring), when remembered, then no password is written and it opens whole for this run only', async () => {
    const file = join(await tempDir(), 'recent.json')
    for (const vault of [null, noKeychain]) {
      const recent = new RecentDirectories(file, vault)
      recent.remember(typed)

      const text = await readFile(file, 'utf8')
      expect(text).not.toContain(secret)
      expect(text).not.toContain(encodeURIComponent(secret))
      expect(recent.list()).toEqual([typed])
      expect(new RecentDirectories(file, vault).list()).toEqual(['postgres://app@db.example:5432/shop'])
    }
  })

  it('given a password in a query parameter or a socket address, when remembered and recalled, then it comes back where it can be read', async () => {
    const file = join(await tempDir(), 'recent.json')
    new RecentDirectories(file, fakeVault).remember('postgres:///shop?host=/run/pg&password=s3cret&user=app')

    expect(await readFile(file, 'utf8')).not.toContain('s3cret')
    const [whole] = new RecentDirectories(file, fakeVault).list()
    expect(new URL(whole ?? '').searchParams.get('password')).toBe('s3cret')
    expect(new URL(whole ?? '').searchParams.get('host')).toBe('/run/pg')
  })

  it('given a sealed password that no longer unseals, when listed, then the address is offered without it', async () => {
    const file = join(await tempDir(), 'recent.json')
    await writeFile(file, JSON.stringify([{ address: 'postgres://app@db/shop', sealedPassword: 'garbage' }]))

    expect(new RecentDirectories(file, fakeVault).list()).toEqual(['postgres://app@db/shop'])
  })

  it('given an entry with a password in clear (written by hand), when listed and remembering again, then the password is neither offered nor kept', async () => {
    const file = join(await tempDir(), 'recent.json')
    await writeFile(file, JSON.stringify(['postgres://app:plain@db/shop', '/a']))
    const recent = new RecentDirectories(file, fakeVault)

    expect(recent.list()).toEqual(['postgres://app@db/shop', '/a'])
    recent.remember('/b')
    expect(await readFile(file, 'utf8')).not.toContain('plain')
  })

  it('given an address opened again without its password, when remembered, then the one kept before is forgotten', async () => {
    const file = join(await tempDir(), 'recent.json')
    const recent = new RecentDirectories(file, fakeVault)
    recent.remember(typed)
    recent.remember('postgres://app@db.example:5432/shop')

    expect(recent.list()).toEqual(['postgres://app@db.example:5432/shop'])
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(['postgres://app@db.example:5432/shop'])
  })
})
