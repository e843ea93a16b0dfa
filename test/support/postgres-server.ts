// A real PostgreSQL server for tests, started by the test itself: initdb into a fresh temporary
// directory, pg_ctl start on a Unix socket in that directory and a free port on 127.0.0.1, a clean stop.
//
// No mocks of the database: the tests read what a real server answers. initdb refuses to run as root,
// so as root the cluster is made and run by the `postgres` user (runuser), the account Debian's
// `postgresql` package creates. Where no server is installed, startPostgres throws, naming the package;
// test files ask postgresSkipReason first, which skips them with a printed line on a developer's machine
// and never under CI (`.ci/run` installs the server), where they must run.

import { execFile, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The test server's password for `postgres` over TCP: a test secret, never a real one. */
export const postgresTestPassword = 'eventscope-test-secret'

export interface PostgresServer {
  /**
   * `postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres`. TCP asks for the password (scram-sha-256),
   * so a wrong one is refused as a real server refuses it; the Unix socket trusts the local user.
   */
  readonly url: string
  readonly port: number
  /** The directory holding the Unix socket (`.s.PGSQL.PORT`). */
  readonly socketDir: string
  /** A URL for another database of this server. */
  urlFor(database: string): string
  /** Run SQL as `postgres` over the socket (psql), for set-up that must not go through eventscope. */
  sql(database: string, sql: string): Promise<void>
  /** Create an empty database and return its URL. */
  createDatabase(name: string): Promise<string>
  /** Stop the server (fast shutdown) and keep its directory, to `resume` it: the database going away. */
  pause(): Promise<void>
  /** Start a paused server again on the same port and socket. */
  resume(): Promise<void>
  /** Stop the server (fast shutdown) and delete its directory. */
  stop(): Promise<void>
}

/** Where Debian puts a version's binaries; the newest installed one, else whatever PATH has. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0] !== undefined) return join(root, versions[0], 'bin')
  }
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir
  return null
}

/**
 * Why the PostgreSQL tests cannot run on this machine, or null when they can. A developer's machine
 * without the server skips them with this printed (`npm test` needs nothing but `npm install`); under
 * CI (`CI` set) there is never a reason, so a missing server fails them there: `.ci/run` installs it.
 */
export function postgresSkipReason(): string | null {
  if (postgresBinDir() !== null || process.env.CI) return null
  return 'PostgreSQL is not installed (no initdb/pg_ctl): apt-get install postgresql to run them'
}

export interface StartOptions {
  /**
   * Keep the cluster in this directory across runs (the bench's generated store): made when missing,
   * reused when it holds one, never deleted. Absent: a fresh temporary directory, deleted at stop.
   */
  readonly keepIn?: string
}

/** Start a fresh server; throws with the install command when PostgreSQL is not installed. */
export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir()
  if (bin === null)
    throw new Error(
      'PostgreSQL is not installed (no initdb/pg_ctl): apt-get install postgresql (.ci/run does this)',
    )
  const kept = options.keepIn !== undefined
  if (kept) await mkdir(options.keepIn as string, { recursive: true })
  const dir = kept ? (options.keepIn as string) : await mkdtemp(join(tmpdir(), 'eventscope-pg-'))
  const remove = async (): Promise<void> => {
    if (!kept) await rm(dir, { recursive: true, force: true })
  }
  const asRoot = userInfo().uid === 0
  // The server's own files belong to the user running it; as root that is `postgres`.
  const owner = asRoot ? await postgresIds() : null
  if (owner !== null) await chown(dir, owner.uid, owner.gid)
  const as = (command: string, args: string[]): Promise<unknown> =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { cwd: dir })
      : run(join(bin, command), args, { cwd: dir })
  const data = join(dir, 'data')
  let running: (() => void) | null = null
  // The port while the server is paused (holdPort).
  let holder: { release: () => Promise<void> } | null = null
  try {
    // --no-sync and fsync=off: a test cluster is thrown away, its durability is not what is tested.
    if (!existsSync(join(data, 'PG_VERSION')))
      await as('initdb', [
        ...['-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'],
        ...['--auth-local=trust', '--auth-host=scram-sha-256'],
      ])
    const port = await startOnFreePort(as, data, dir)
    // A test run that ends without afterAll (a crash, a timeout) must not leave a server running:
    // stopped at once, synchronously, as the process exits.
    const stopAtExit = (): void => {
      const command = [join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']
      const argv = asRoot ? ['runuser', '-u', 'postgres', '--', ...command] : command
      spawnSync(argv[0] as string, argv.slice(1), { cwd: dir, stdio: 'ignore' })
      if (!kept) rmSync(dir, { recursive: true, force: true })
    }
    process.once('exit', stopAtExit)
    running = () => {
      process.off('exit', stopAtExit)
      stopAtExit()
    }
    const psql = (database: string, sql: string): Promise<{ stdout: string }> =>
      run(join(bin, 'psql'), [
        ...['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', 'postgres'],
        ...['-d', database, '-c', sql],
      ])
    // A client a test closed may still be ending (its Terminate sent, its backend not gone yet, on a
    // busy machine). A fast stop then sends it 57P01 "terminating connection due to administrator
    // command", which the closing driver raises as an uncaught error that fails the whole run.
    const clientsGone = async (): Promise<void> => {
      const others =
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
      for (let waited = 0; waited < 5000; waited += 50) {
        const { stdout } = await psql('postgres', others).catch(() => ({ stdout: '0' }))
        if (stdout.trim() === '0') return
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    await psql('postgres', `ALTER ROLE postgres PASSWORD '${postgresTestPassword}'`)
    const urlFor = (database: string): string =>
      `postgres://postgres:${postgresTestPassword}@127.0.0.1:${port}/${encodeURIComponent(database)}`
    return {
      url: urlFor('postgres'),
      port,
      socketDir: dir,
      urlFor,
      async sql(database, sql) {
        await psql(database, sql)
      },
      async createDatabase(name) {
        await psql('postgres', `CREATE DATABASE "${name}"`)
        return urlFor(name)
      },
      async pause() {
        await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
        holder = await holdPort(port)
      },
      async resume() {
        await holder?.release()
        holder = null
        await startOn(as, data, dir, port)
      },
      async stop() {
        await holder?.release()
        holder = null
        process.off('exit', stopAtExit)
        running = null
        // A client still open after 5 s was left open by its test: stopped on it all the same.
        await clientsGone()
        await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined)
        await remove()
      },
    }
  } catch (error) {
    const log = await readFile(join(dir, 'server.log'), 'utf8').catch(() => '')
    // Started but not set up (the password, a database): stopped here, not left behind.
    running?.()
    await remove()
    const stderr = (error as { stderr?: string }).stderr ?? ''
    throw new Error(`could not start PostgreSQL: ${String(error)}\n${stderr}\n${log}`)
  }
}

// A port found free can be taken by another test's server before ours binds it: try a few.
async function startOnFreePort(
  as: (command: string, args: string[]) => Promise<unknown>,
  data: string,
  dir: string,
): Promise<number> {
  let lastError: unknown = null
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort()
    try {
      await startOn(as, data, dir, port)
      return port
    } catch (error) {
      lastError = error
    }
  }
  throw lastError
}

async function startOn(
  as: (command: string, args: string[]) => Promise<unknown>,
  data: string,
  dir: string,
  port: number,
): Promise<void> {
  const options = `-k ${dir} -p ${port} -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  await as('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '120', 'start'])
}

/**
 * Hold a paused server's port so that no other test's server (another file, another run on the same
 * machine: they share the password and database names) starts on it: a client reconnecting would
 * then be answered by that server, and a test waiting for its outage waited forever, as seen once
 * with two runs side by side. Every connection is closed at once, as a stopped server's would fail.
 */
function holdPort(port: number): Promise<{ release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy())
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () =>
      resolve({ release: () => new Promise<void>((done) => server.close(() => done())) }),
    )
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])])
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}
