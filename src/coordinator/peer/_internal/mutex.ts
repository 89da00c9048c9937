/**
 * Runs async work one piece at a time. @internal
 */
export function createMutex(): <result>(work: () => Promise<result>) => Promise<result> {
  let tail: Promise<unknown> = Promise.resolve()
  return (work) => {
    const run = tail.then(work, work)
    tail = run.catch(() => undefined)
    return run
  }
}
