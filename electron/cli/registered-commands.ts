// Every command of `eventscope`, one line each. Adding a command: a descriptor file in descriptors/
// (see command-descriptor.ts) and one line here; `eventscope help` lists it in its section.

export { appendCommand } from './descriptors/append'
export { eventsCommand } from './descriptors/events'
export { exportCommand } from './descriptors/export'
export { genCommand } from './descriptors/gen'
export { idsCommand } from './descriptors/ids'
export { importCommand } from './descriptors/import'
export { initCommand } from './descriptors/init'
export { listCommand } from './descriptors/list'
export { openCommand } from './descriptors/open'
export { projectCommand } from './descriptors/project'
export { reindexCommand } from './descriptors/reindex'
export { repairCommand } from './descriptors/repair'
export { searchCommand } from './descriptors/search'
export { serveCommand } from './descriptors/serve'
export { stateCommand } from './descriptors/state'
export { verifyCommand } from './descriptors/verify'
