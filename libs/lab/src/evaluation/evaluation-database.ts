import { Settings } from '@lgsp/config';
import { createScratchDatabase, ScratchDatabase } from '@lgsp/database';
import { embeddedServer, EmbeddedServer } from '@lgsp/runtime';

/**
 * A database of its own for one evaluation run: on the configured server, or on the embedded one
 * (a running `lgsp start`'s, else one started for the run).
 */
export interface EvaluationDatabase {
  url: string;
  close(keep: boolean): Promise<void>;
}

export async function openEvaluationDatabase(settings: Settings, say: (line: string) => void): Promise<EvaluationDatabase> {
  let embedded: EmbeddedServer | undefined;
  let server = settings.databaseUrl;
  if (!server) {
    embedded = await embeddedServer(settings, 'attach', say);
    server = embedded.url;
  }
  let scratch: ScratchDatabase;
  try {
    scratch = await createScratchDatabase(server, 'lgsp_eval');
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  say(`evaluation database ${scratch.name}`);
  return {
    url: scratch.url,
    async close(keep) {
      if (keep) say(`kept the evaluation database: ${scratch.url.replace(/:[^:@/]*@/, ':***@')}`);
      else await scratch.drop();
      await embedded?.stop();
    },
  };
}
