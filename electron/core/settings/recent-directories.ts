// The last few stores the user opened (directories and database addresses), kept in a small JSON file
// of the shell's choosing.
//
// Losing this file loses nothing of value, so a missing or damaged one reads as an empty list. A
// database's password is never written in clear: an entry keeps the address without it, and the
// password only sealed by the shell's vault (the OS keychain through Electron's safeStorage), or not
// at all where there is none (the browser shell, a Linux desktop without a keyring). The file holds
// `"/dir"` or `"postgres://app@db/shop"` entries, and `{"address": …, "sealedPassword": …}` ones.
// A password typed this run is also kept in memory for this run only, so the recent entry opens
// again until the shell stops even where nothing may be sealed.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { splitPassword, withPassword } from './address-password'

const maxRemembered = 8

/**
 * Seals a secret so that only this OS user (through the OS keychain) can read it back. `seal` answers
 * null where no keychain protects it, and then nothing is kept.
 */
export interface PasswordVault {
  seal(secret: string): string | null
  /** The secret, or null when it cannot be unsealed (another machine or user, a reset keychain). */
  unseal(sealed: string): string | null
}

interface Entry {
  readonly target: string
  readonly sealedPassword?: string
}

export class RecentDirectories {
  /** Whole addresses opened this run, by their address without a password: memory only. */
  private readonly thisRun = new Map<string, string>()

  constructor(
    private readonly filePath: string,
    private readonly vault: PasswordVault | null = null,
  ) {}

  /**
   * The stores to offer, to be opened as they are: directories, and database addresses with their
   * password put back where one was typed this run or sealed before (and still unseals). For main
   * only: the page is shown each address without its password (directory-ids).
   */
  list(): string[] {
    return this.entries().map((entry) => this.whole(entry))
  }

  /** The stores as they may be shown and written: directories, and addresses without their passwords. */
  shown(): string[] {
    return this.entries().map((entry) => entry.target)
  }

  private whole(entry: Entry): string {
    const typed = this.thisRun.get(entry.target)
    if (typed !== undefined) return typed
    if (entry.sealedPassword === undefined || this.vault === null) return entry.target
    const password = this.vault.unseal(entry.sealedPassword)
    return password === null ? entry.target : withPassword(entry.target, password)
  }

  /**
   * Put a store first: a directory, or a database address as it was opened (a password in it is
   * sealed, or dropped where the vault cannot seal). Written to a temp file and renamed so a crash
   * never leaves half a file.
   */
  remember(opened: string): void {
    const { shown, password } = splitPassword(opened)
    if (password === null) this.thisRun.delete(shown)
    else this.thisRun.set(shown, opened)
    const sealed = password === null ? null : (this.vault?.seal(password) ?? null)
    const entry: Entry = sealed === null ? { target: shown } : { target: shown, sealedPassword: sealed }
    const entries = [entry, ...this.entries().filter((item) => item.target !== shown)].slice(0, maxRemembered)
    try {
      mkdirSync(dirname(this.filePath), { recursive: true })
      const temp = `${this.filePath}.${process.pid}.tmp`
      writeFileSync(temp, JSON.stringify(entries.map(serialized), null, 2))
      renameSync(temp, this.filePath)
    } catch {
      // Remembering is a convenience; failing to write it must never fail opening the store.
    }
  }

  private entries(): Entry[] {
    try {
      const value: unknown = JSON.parse(readFileSync(this.filePath, 'utf8'))
      return Array.isArray(value) ? value.flatMap(entryOf).slice(0, maxRemembered) : []
    } catch {
      return []
    }
  }
}

function entryOf(item: unknown): Entry[] {
  // A password in clear in an entry (written by hand, or by anything else) is not taken as one.
  if (typeof item === 'string') return [{ target: splitPassword(item).shown }]
  if (typeof item !== 'object' || item === null) return []
  const { address, sealedPassword } = item as Record<string, unknown>
  if (typeof address !== 'string') return []
  const target = splitPassword(address).shown
  return typeof sealedPassword === 'string' ? [{ target, sealedPassword }] : [{ target }]
}

function serialized(entry: Entry): string | { address: string; sealedPassword: string } {
  return entry.sealedPassword === undefined
    ? entry.target
    : { address: entry.target, sealedPassword: entry.sealedPassword }
}
