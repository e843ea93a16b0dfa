// Waiting in a test for something another process or a watcher does: poll the condition until it
// holds, with a deadline only a hang reaches. The machine running the tests may be busy (a CI install,
// another suite), so never a fixed sleep and never a tight limit: a slow machine waits longer, a
// broken one fails with what it was waiting for.

/** Resolve once `condition` holds; throw naming `what` after `deadlineMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  deadlineMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
