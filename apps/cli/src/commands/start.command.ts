import { ChildProcess } from 'node:child_process';
import { Command } from 'commander';
import { loadSettings } from '@lgsp/config';
import { findRunningInstance } from '@lgsp/runtime';
import { DemoHandle, startDemoBeside } from '../lab/demo.command';
import { runApp } from './app-process';
import { environmentWith, RuntimeFlags, withRuntimeOptions } from './runtime-flags';

const say = (line: string) => process.stdout.write(`${line}\n`);

export function startCommand(): Command {
  const command = new Command('start')
    .description('run the whole pipeline in one process (embedded PostgreSQL and transport unless configured otherwise)')
    .option('--port <port>', 'HTTP port of the API and dashboard (sets HTTP_PORT; default 3000)')
    .option('--host <address>', 'IP address the HTTP server binds, e.g. 0.0.0.0 (sets HTTP_HOST; default 127.0.0.1)')
    .option(
      '--no-demo',
      'start empty (sets LGSP_DEMO=false); by default an empty embedded database gets a demo province that keeps ' +
        'changing (never with DATABASE_URL or Kafka)',
    );
  return withRuntimeOptions(command).action(async (flags: RuntimeFlags & { demo: boolean }) => {
    const env = environmentWith(flags);
    if (!flags.demo) env.LGSP_DEMO = 'false';
    let demo: Promise<DemoHandle | undefined> | undefined;
    const exitCode = await runApp('pipeline', env, [], (child) => {
      demo = besideThePipeline(child, env, flags);
    });
    const running = await demo?.catch(() => undefined);
    await running?.stop().catch(() => undefined);
    process.exitCode = exitCode;
  });
}

/**
 * Once the pipeline has announced itself (its running-instance file): the next steps, and the demo
 * when this is the embedded default. A setting the pipeline refuses is the pipeline's to report.
 */
async function besideThePipeline(
  child: ChildProcess,
  env: NodeJS.ProcessEnv,
  flags: RuntimeFlags,
): Promise<DemoHandle | undefined> {
  let settings;
  try {
    settings = loadSettings(env);
  } catch {
    return undefined;
  }
  if (settings.databaseUrl) return undefined;
  const instance = await announced(child, settings.dataDir);
  if (!instance) return undefined;
  const dashboard = `${instance.httpUrl}/`;
  const withDemo = settings.demo && settings.transport === 'embedded';
  say(
    [
      `open ${dashboard}${withDemo ? ' (with the demo it moves within seconds)' : ''}`,
      'in another terminal: lgsp generate --citizens 5000   (feeds this instance; lgsp ground-truth and lgsp eval too)',
      'Ctrl-C stops it; lgsp reset (once stopped) empties the embedded data',
    ]
      .map((line) => `next: ${line}`)
      .join('\n'),
  );
  const demo = withDemo ? await startDemoBeside(flags, say).catch(reportDemoFailure) : undefined;
  if (demo) {
    const stop = () => void demo.stop().catch(() => undefined);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return demo;
}

function reportDemoFailure(e: unknown): undefined {
  say(`demo: stopped, it failed (${e instanceof Error ? e.message : String(e)}); the pipeline runs on without it`);
  return undefined;
}

/** The pipeline's running-instance file, once this child wrote it; undefined if the child exits first. */
async function announced(child: ChildProcess, dataDir: string) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return undefined;
    const instance = findRunningInstance(dataDir);
    if (instance?.pid === child.pid) return instance;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
