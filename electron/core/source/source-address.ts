// Telling a database address from a directory, and naming a database without its password.
//
// Pure. A command's DIR argument is a database when it starts with `postgres://` or `postgresql://`
// (libpq's two schemes); `postgres://` alone means "everything from the PG* environment variables"
// (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), which the pg client fills in for any part a URL
// leaves out.

const postgresScheme = /^postgres(?:ql)?:\/\//i

/** Whether a store argument names a PostgreSQL database rather than a directory. */
export function isPostgresAddress(text: string): boolean {
  return postgresScheme.test(text)
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
