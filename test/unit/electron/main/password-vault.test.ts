// The desktop vault over Electron's safeStorage, with electron mocked: it seals only where the OS
// keychain protects the secret, and a seal it cannot open reads as no password.

import { beforeEach, describe, expect, it, vi } from 'vitest'

const safeStorage = vi.hoisted(() => ({
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  // Reversible and plainly not the text: enough to see what the vault hands over.
  encryptString: vi.fn((text: string) => Buffer.from(`enc(${text})`)),
  decryptString: vi.fn((buffer: Buffer) => {
    const text = buffer.toString()
    if (!text.startsWith('enc(')) throw new Error('Error while decrypting the ciphertext')
    return text.slice(4, -1)
  }),
}))
vi.mock('electron', () => ({ safeStorage }))

const { createPasswordVault } = await import('../../../../electron/main/password-vault')

beforeEach(() => {
  vi.clearAllMocks()
  safeStorage.isEncryptionAvailable.mockReturnValue(true)
  safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret')
})

describe('createPasswordVault', () => {
  it('given a keychain, when a password is sealed, then safeStorage encrypts it and unseal gives it back', () => {
    const vault = createPasswordVault('linux')

    const sealed = vault.seal('s3cret')

    expect(sealed).toBe(Buffer.from('enc(s3cret)').toString('base64'))
    expect(sealed).not.toContain('s3cret')
    expect(vault.unseal(sealed ?? '')).toBe('s3cret')
  })

  it("given Linux's basic_text fallback (no keyring), when sealing, then nothing is sealed: that key protects nothing", () => {
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text')

    expect(createPasswordVault('linux').seal('s3cret')).toBeNull()
    expect(safeStorage.encryptString).not.toHaveBeenCalledWith('s3cret')
  })

  it('given macOS or Windows, when sealing, then the Linux backend is not asked', () => {
    safeStorage.getSelectedStorageBackend.mockImplementation(() => {
      throw new Error('Linux only')
    })

    expect(createPasswordVault('darwin').seal('x')).not.toBeNull()
    expect(createPasswordVault('win32').seal('x')).not.toBeNull()
  })

  it('given encryption is unavailable, when sealing or unsealing, then both answer null', () => {
    const sealed = createPasswordVault('darwin').seal('x') ?? ''
    safeStorage.isEncryptionAvailable.mockReturnValue(false)

    expect(createPasswordVault('darwin').seal('x')).toBeNull()
    expect(createPasswordVault('darwin').unseal(sealed)).toBeNull()
  })

  it('given a seal from another machine or a reset keychain, when unsealed, then it is null, never a throw', () => {
    expect(createPasswordVault('linux').unseal(Buffer.from('other').toString('base64'))).toBeNull()
  })
})
