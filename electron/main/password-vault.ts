// The desktop app's vault for database passwords in the recent list: Electron's safeStorage, which
// seals with a key the OS keychain keeps (macOS Keychain, Windows DPAPI, a Linux secret service).
//
// Where the OS offers no real keychain (safeStorage unavailable, or on Linux its `basic_text`
// fallback, which seals with a password built into Chromium and so protects nothing), seal answers
// null and no password is kept: the recent entry keeps the address alone, and opening it again asks
// for the password (typed, PGPASSWORD or ~/.pgpass) rather than reading one anyone could unseal.

import { safeStorage } from 'electron'
import type { PasswordVault } from '../core/settings/recent-directories'

/** Linux backends that do not protect a secret: no keyring found, or not decided yet. */
const unprotected = new Set(['basic_text', 'unknown'])

/** The vault over safeStorage; call after the app is ready (safeStorage needs it on Linux and Windows). */
export function createPasswordVault(platform: NodeJS.Platform = process.platform): PasswordVault {
  const protects = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false
    return platform !== 'linux' || !unprotected.has(safeStorage.getSelectedStorageBackend())
  }
  return {
    seal: (secret) => {
      if (!protects()) return null
      try {
        return safeStorage.encryptString(secret).toString('base64')
      } catch {
        return null
      }
    },
    unseal: (sealed) => {
      if (!safeStorage.isEncryptionAvailable()) return null
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'))
      } catch {
        // Sealed on another machine or by another user, or the keychain was reset: type it again.
        return null
      }
    },
  }
}
