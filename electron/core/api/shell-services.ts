// What a shell lends the core's handlers: the things only it can do (a native folder dialog, where
// recent directories are kept, which typed paths it takes, where exports go). Its own file so the
// handler groups (handlers, export-handlers, insight-handlers) all import it from here and none of
// them imports another group.

import type { ExportSpec } from '../../../shared/contract'
import type { TrustStore } from '../settings/trusted-directories'
import type { ExportResult } from '../export/run-export'

/** Writes one export to `out`: what the browser shell's download runs when it is fetched. */
export type ExportWriter = (out: string, signal: AbortSignal) => Promise<ExportResult>

export interface ShellServices {
  readonly shell: 'electron' | 'browser'
  readonly version: string
  /** The directory named on the command line, offered to the page by id. */
  readonly initialDir: string | null
  /** Main's own list of paths; the page sees each by an id handed out this run. */
  readonly recentDirs: () => string[]
  /**
   * Keep an opened store in the recent list. For a database this is its whole address, which may hold
   * a password: the desktop shell keeps that encrypted (safeStorage), the browser shell not at all.
   */
  readonly rememberDir: (dir: string) => void
  /** A native folder dialog; null where the shell has none (the browser shell). */
  readonly pickDirectory: (() => Promise<string | null>) | null
  /**
   * Why the page may not open a path it typed, or null when it may (the browser shell: under its
   * roots). Null or absent: the shell takes no typed path at all, only ids (the desktop shell).
   */
  readonly typedPathRefusal?: ((dir: string) => Promise<string | null>) | null
  /**
   * Why the page may not open a database address it typed (`store.open { address }`), or null when it
   * may. Absent: the shell takes no typed address (it opens the addresses it keeps, by id).
   */
  readonly typedAddressRefusal?: ((address: string) => string | null) | null
  /**
   * Asks the user, in a native dialog, before main connects to a typed address that carries no
   * password: main would sign in with the user's own PGPASSWORD or ~/.pgpass, and a page must not be
   * able to lend those to a server of its choosing unasked. Resolves false when the user declines.
   * Absent: the shell does not ask (the browser shell, where the page is the user's own terminal's).
   */
  readonly confirmTypedAddress?: ((address: string) => Promise<boolean>) | null
  /** A native save dialog for exports (the desktop shell); resolves null when the user cancels. */
  readonly exportTarget?: ((suggestedName: string) => Promise<string | null>) | null
  /**
   * Register an export and return the address that downloads it (the browser shell); fetching it
   * runs `write` into a file of the shell's choosing.
   */
  readonly offerDownload?: ((spec: ExportSpec, write: ExportWriter) => string) | null
  /**
   * The folders a link may name a store under, by a path relative to them (the browser shell's
   * roots); null or absent where links name stores otherwise (the desktop shell: `eventscope://`).
   */
  readonly linkRoots?: readonly string[] | null
  /** The place the shell was started at, as link text (shared/place-link.ts), in `initialDir`. */
  readonly initialPlace?: string | null
  /** Directories whose .eventscope code may run (a JSON file in user data); in memory when absent. */
  readonly trustedDirectories?: TrustStore
}
