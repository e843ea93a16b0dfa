// Telling a database address from a directory, and naming a database without its password.
//
// Pure. A command's DIR argument is a database when it starts with `postgres://` or `postgresql://`
// (libpq's two schemes); `postgres://` alone means "everything from the PG* environment variables"
// (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), which the pg client fills in for any part a URL
// leaves out. `sqlite:PATH` names a SQLite file (`sqlite:///abs/path` too, as file URLs write it); a
// plain path to a SQLite file is recognized by its header (database-address.ts, which reads the file).
// Which kind an address is by its scheme is shared/store-address.ts's answer.

import { resolve } from 'node:path'

const postgresScheme = /^postgres(?:ql)?:\/\//i
const sqliteScheme = /^sqlite:/i

/** Whether a store argument names a PostgreSQL database rather than a directory. */
export function isPostgresAddress(text: string): boolean {
  return postgresScheme.test(text)
}

/**
 * The file a `sqlite:` address names, made absolute against `cwd`; null when it names none
 * (`sqlite:` alone, or `sqlite://host/…`, which would mean a host and a SQLite file has none).
 */
export function sqlitePathOf(address: string, cwd = process.cwd()): string | null {
  let path = address.replace(sqliteScheme, '')
  if (path.startsWith('//')) {
    // The file-URL form: `sqlite:///data/shop.db` is /data/shop.db; anything else after // is a host.
    if (!path.startsWith('///')) return null
    path = path.slice(2)
  }
  return path === '' ? null : resolve(cwd, path)
}

/** `SQLite at /abs/path/shop.db`: how messages and listings name a SQLite store. */
export function sqliteDisplayName(path: string): string {
  return `SQLite at ${path}`
}

/**
 * `PostgreSQL at host:port/database`, from the URL and the environment, never with a password: this
 * name goes into error messages, listings and logs.
 */
export function postgresDisplayName(address: string, env: NodeJS.ProcessEnv = process.env): string {
  let url: URL | null = null
  try {
    url = new URL(address)
  } catch {
    url = null
  }
  const query = url?.searchParams
  const host = decodeURIComponent(url?.hostname ?? '') || query?.get('host') || env.PGHOST || 'localhost'
  const port = url?.port || query?.get('port') || env.PGPORT || '5432'
  const database =
    decodeURIComponent(url?.pathname.replace(/^\//, '') ?? '') ||
    env.PGDATABASE ||
    decodeURIComponent(url?.username ?? '') ||
    env.PGUSER ||
    ''
  const where = host.startsWith('/') ? `${host} (socket), port ${port}` : `${host}:${port}`
  return `PostgreSQL at ${where}${database === '' ? '' : `/${database}`}`
}
