// The paragraph the read commands' help shares about database stores: said once, so list, events,
// state and search cannot drift apart (the README's Databases section says the same).

/** Appended to the description of every command that reads a database store as well as a directory. */
export const databaseNote = `DIR may also be a PostgreSQL database holding Emmett's event store (tables emt_streams and
emt_messages): postgres://USER:PASSWORD@HOST:PORT/DATABASE, or postgres:// alone to take every
part from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE. It is only read, never written; a
database error is one line (exit 1).`
