/**
 * An app the CLI started (`lgsp start`, `lgsp gateway`) holds an IPC channel to it. A CLI killed with SIGKILL forwards
 * no signal: the channel's end is then the only news, and the app stops as on SIGTERM instead of living on as an
 * orphan that keeps its port, its database connections and its place in the consumer group. The channel is unref'd:
 * it must not keep an app alive that would otherwise exit.
 */
export function stopWhenParentGoes(stop: () => void): void {
  if (!process.channel) return;
  process.channel.unref();
  process.once('disconnect', stop);
}
