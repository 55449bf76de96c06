import { Command } from 'commander';
import {
  Credentials,
  CredentialsRepository,
  DEFAULT_SCOPES,
  DuplicateCredentialName,
  SCOPES,
  StoredCredential,
} from '@lgsp/access';
import { SOURCE_NAMES } from '@lgsp/contracts';
import { openCliRuntime } from './cli-runtime';
import { RuntimeFlags, withDatabaseOption } from './runtime-flags';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A failure of the command, with its cause and what to do about it. */
export class CredentialsCommandError extends Error {}

/** Runs work on the credentials of the configured database; a failure says why and what to do. */
async function withCredentials<T>(flags: RuntimeFlags, work: (credentials: Credentials) => Promise<T>): Promise<T> {
  let runtime;
  try {
    runtime = await openCliRuntime(flags);
  } catch (e) {
    throw new CredentialsCommandError(
      `cannot open the database (${e instanceof Error ? e.message : String(e)}): check that PostgreSQL runs and that ` +
        `--database-url or DATABASE_URL names the pipeline's database`,
    );
  }
  try {
    return await work(new Credentials(new CredentialsRepository(runtime.pool)));
  } finally {
    await runtime.close();
  }
}

const commaList = (value: string) => value.split(',');
const grantsOf = (c: StoredCredential) =>
  `sources ${c.sources?.join(',') ?? 'all'}, provinces ${c.provinces?.join(',') ?? 'all'}`;

function row(c: StoredCredential): string {
  return [
    c.id,
    c.revokedAt ? `revoked ${c.revokedAt}` : 'active',
    c.scopes.join(','),
    c.sources?.join(',') ?? 'all-sources',
    c.provinces?.join(',') ?? 'all-provinces',
    c.createdAt,
    c.name,
  ].join('\t');
}

/** `lgsp credentials create|list|revoke`: the API keys of the record endpoints (stored as hashes only). */
export function credentialsCommand(): Command {
  const command = new Command('credentials').description(
    'API keys for the record endpoints (/api/records…) and the gateway (/v1…): create one per caller, list them, revoke one',
  );
  withDatabaseOption(
    command
      .command('create <name>')
      .description('create a key for <name> (who or what system it is for); the key is printed once, only its hash is kept')
      .option('--scope <scope...>', `scopes (${SCOPES.join(', ')})`, [...DEFAULT_SCOPES])
      .option(
        '--sources <list>',
        `the sources it may write and read, comma-separated (${SOURCE_NAMES.join(',')}); default: every source`,
        commaList,
      )
      .option(
        '--provinces <list>',
        'the 2025 province codes it may write and read, comma-separated (e.g. 01,79); default: every province',
        commaList,
      ),
  ).action(async (name: string, options: RuntimeFlags & { scope: string[]; sources?: string[]; provinces?: string[] }) => {
    const { credential, key } = await withCredentials(options, async (credentials) => {
      try {
        return await credentials.create(name, options.scope, { sources: options.sources, provinces: options.provinces });
      } catch (e) {
        if (e instanceof DuplicateCredentialName)
          throw new CredentialsCommandError(`${e.message}: pick another name, or revoke that one first (lgsp credentials list)`);
        throw e;
      }
    });
    say(
      `created credential ${credential.id} for "${credential.name}" (${credential.scopes.join(', ')}; ${grantsOf(credential)})`,
    );
    say('the key, shown this once (it cannot be recovered; revoke and create another if it is lost):');
    say(key);
    say(`use it as: Authorization: Bearer <key>   or   X-API-Key: <key>`);
  });
  withDatabaseOption(
    command
      .command('list')
      .description('list the credentials: id, state, scopes, sources, provinces, created, name (never keys)'),
  ).action(async (options: RuntimeFlags) => {
    const all = await withCredentials(options, (credentials) => credentials.list());
    if (all.length === 0) say('no credentials yet: lgsp credentials create <name>');
    for (const c of all) say(row(c));
  });
  withDatabaseOption(command.command('revoke <id>').description('revoke a credential: its key stops working at once')).action(
    async (id: string, options: RuntimeFlags) => {
      const revoked = await withCredentials(options, (credentials) => credentials.revoke(id));
      if (!revoked) throw new CredentialsCommandError(`no credential has the id ${id}: see the ids with lgsp credentials list`);
      say(`revoked credential ${revoked.id} ("${revoked.name}") at ${revoked.revokedAt}`);
    },
  );
  return command;
}
