// The `eventscope` command, built to out/main/cli.js and started by bin/eventscope.js.

import { warmWorkers } from '../core/worker/warm-workers'
import { configureWorkers, workerFile, workerThresholds } from '../core/worker/worker-settings'
import { appPaths } from './app-paths'
import { processIo } from './cli-io'
import { runCli } from './run-cli'

// The command's main thread has nothing to do while a search runs but wait: it searches its share.
configureWorkers({ mainThreadSearches: true })
// A search of a big stream takes worker threads beside it: warmed now, they boot on the other cores while
// this thread loads the command and plans the search (warm-workers.ts; one nobody takes never holds
// the process).
const worker = process.argv[2] === 'search' ? workerFile() : null
if (worker) warmWorkers(worker, workerThresholds().scanThreads - 1)

void runCli(process.argv.slice(2), {
  io: processIo(),
  paths: appPaths(__dirname),
  debug: Boolean(process.env.EVENTSCOPE_DEBUG),
}).then((code) => {
  // exitCode, not exit(): stdout may still be flushing into a pipe.
  process.exitCode = code
})
