// The `eventscope` command, built to out/main/cli.js and started by bin/eventscope.js.

import { configureWorkers } from '../core/worker/worker-settings'
import { appPaths } from './app-paths'
import { processIo } from './cli-io'
import { runCli } from './run-cli'

// The command's main thread has nothing to do while a search runs but wait: it searches its share.
configureWorkers({ mainThreadSearches: true })

void runCli(process.argv.slice(2), {
  io: processIo(),
  paths: appPaths(__dirname),
  debug: Boolean(process.env.EVENTSCOPE_DEBUG),
}).then((code) => {
  // exitCode, not exit(): stdout may still be flushing into a pipe.
  process.exitCode = code
})
