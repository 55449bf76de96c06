import { Settings } from '@lgsp/config';
import { startEmbeddedPostgres } from '@lgsp/database';
import { findRunningInstance, RunningInstance, withoutPassword } from './running-instance';

/** The PostgreSQL server of a process that has no DATABASE_URL: a running `lgsp start`'s, or one of its own. */
export interface EmbeddedServer {
  url: string;
  /** The running `lgsp start` whose server this is; undefined when the process started its own. */
  instance?: RunningInstance;
  stop(): Promise<void>;
}

/** A second `lgsp start` on a data directory an instance already serves: names it and what to do. */
export class InstanceRunningError extends Error {
  constructor(
    readonly dataDir: string,
    readonly instance: RunningInstance,
  ) {
    super(
      `an lgsp start is already running on the data directory ${dataDir} (pid ${instance.pid}, dashboard ${instance.httpUrl}/). ` +
        'Open that dashboard, feed it from another terminal (lgsp generate --citizens 5000), or stop it first ' +
        `(Ctrl-C in its terminal, or kill ${instance.pid}); a second instance needs its own --data-dir and --port.`,
    );
    this.name = 'InstanceRunningError';
  }
}

/**
 * `attach`: a lab or admin command, which uses the running instance's server when there is one.
 * `own`: `lgsp start`, which refuses to start beside a running instance (PostgreSQL would refuse
 * the data directory anyway, less clearly).
 */
export async function embeddedServer(
  settings: Settings,
  mode: 'attach' | 'own',
  say: (line: string) => void,
): Promise<EmbeddedServer> {
  const instance = findRunningInstance(settings.dataDir, say);
  if (instance && mode === 'own') throw new InstanceRunningError(settings.dataDir, instance);
  if (instance) {
    say(
      `using the running lgsp start (pid ${instance.pid}, dashboard ${instance.httpUrl}/): ` +
        `database ${withoutPassword(instance.databaseUrl)}, ${instance.transport} transport`,
    );
    return { url: instance.databaseUrl, instance, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(settings.dataDir, settings.embeddedPostgresPort, say);
  return { url: embedded.url, stop: () => embedded.stop() };
}

/**
 * A command feeding a running instance publishes where that instance consumes: its transport,
 * brokers and topic prefix, whatever this command's environment says.
 */
export function settingsOfInstance(settings: Settings, instance: RunningInstance): Settings {
  return {
    ...settings,
    transport: instance.transport,
    kafkaBrokers: instance.kafkaBrokers,
    topicPrefix: instance.topicPrefix,
  };
}
