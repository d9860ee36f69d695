/**
 * Preloaded into the API process by the soak benchmark (`--import`): answers a memory request on
 * the IPC channel with the process's own figures, which only the process itself can read (the
 * V8 heap). Does nothing when the process has no IPC channel.
 */
process.on('message', (message: unknown) => {
  if (message !== 'holdfast:memory') return;
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ rss, heapUsed });
});
