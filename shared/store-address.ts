// Telling a database address from a directory path, and the form of an address that is safe to show.
//
// Pure, and shared: the core opens by it, the shells keep recent addresses by it, and the page may
// tell a typed address from a path with it. An address is `postgres://…` / `postgresql://…` (libpq's
// two schemes; `postgres://` alone takes everything from the PG* environment variables) or
// `sqlite:PATH`. Anything else is a directory.

const postgresScheme = /^postgres(?:ql)?:\/\//i
const sqliteScheme = /^sqlite:/i

/** The kinds of database an address can name. */
export type DatabaseKind = 'postgres' | 'sqlite'

/** Which kind of database `text` names, or null when it is a directory path. */
export function databaseKindOf(text: string): DatabaseKind | null {
  if (postgresScheme.test(text)) return 'postgres'
  if (sqliteScheme.test(text)) return 'sqlite'
  return null
}

/** Whether `text` names a database rather than a directory. */
export function isDatabaseAddress(text: string): boolean {
  return databaseKindOf(text) !== null
}

/**
 * The address with any password taken out (of the URL's user part and of a `password=` query
 * parameter): what may be shown, listed, logged or sent to the page. Opening it again takes the
 * password from PGPASSWORD / ~/.pgpass, or from wherever the shell kept it.
 */
export function addressWithoutPassword(address: string): string {
  if (databaseKindOf(address) !== 'postgres') return address
  const url = parsed(address)
  // Not a URL we can take apart: show only the scheme rather than risk showing a secret.
  if (url === null) return address.replace(/^(postgres(?:ql)?:\/\/).*$/is, '$1…')
  if (!hasPassword(url)) return address
  url.password = ''
  for (const key of [...url.searchParams.keys()])
    if (key.toLowerCase() === 'password') url.searchParams.delete(key)
  return url.toString()
}

/**
 * Whether the address carries a password (in its user part or its query); one that is not a URL is
 * taken to carry one, so it is never kept or shown in clear.
 */
export function addressHasPassword(address: string): boolean {
  if (databaseKindOf(address) !== 'postgres') return false
  const url = parsed(address)
  return url === null || hasPassword(url)
}

function parsed(address: string): URL | null {
  try {
    return new URL(address)
  } catch {
    return null
  }
}

function hasPassword(url: URL): boolean {
  return url.password !== '' || [...url.searchParams.keys()].some((key) => key.toLowerCase() === 'password')
}
