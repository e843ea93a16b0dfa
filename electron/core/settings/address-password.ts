// Taking a database address's password out and putting it back: the shells keep the address without
// it (the recent list, what the page sees) and the password apart (sealed by the OS keychain in the
// desktop app, nowhere in the browser shell).
//
// Pure. A password sits in a `postgres://` URL's user part (`user:secret@host`) or in a `password=`
// query parameter; `postgres:///db?host=/socket` has no host part, so its password can only be in
// the query, and is put back there. An address that is no URL is returned as it is, with no password
// taken: nothing here guesses at text it cannot parse.

/** An address split into what may be shown and kept in clear, and its password (null: none). */
export interface SplitAddress {
  readonly shown: string
  readonly password: string | null
}

const postgresScheme = /^postgres(?:ql)?:\/\//i

/** `address` without its password, and the password (decoded), if it had one. */
export function splitPassword(address: string): SplitAddress {
  const url = postgresUrl(address)
  if (url === null) return { shown: address, password: null }
  let password: string | null = null
  if (url.password !== '') {
    password = decoded(url.password)
    url.password = ''
  }
  for (const key of [...url.searchParams.keys()]) {
    if (key.toLowerCase() !== 'password') continue
    password ??= url.searchParams.get(key)
    url.searchParams.delete(key)
  }
  return password === null ? { shown: address, password: null } : { shown: url.toString(), password }
}

/** `shown` with `password` put back (in the user part where it has a host, else as `password=`). */
export function withPassword(shown: string, password: string): string {
  const url = postgresUrl(shown)
  if (url === null) return shown
  if (url.host !== '') {
    // Encoded whole: the URL setter leaves `%` as it is, so `50%41` would come back as `50A`.
    url.password = encodeURIComponent(password)
  } else {
    url.searchParams.set('password', password)
  }
  return url.toString()
}

function postgresUrl(address: string): URL | null {
  if (!postgresScheme.test(address)) return null
  try {
    return new URL(address)
  } catch {
    return null
  }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
