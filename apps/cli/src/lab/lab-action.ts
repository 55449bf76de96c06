/**
 * A lab command's action, loaded only when the command runs. The lab (generator, mock
 * sources, evaluation, bench) needs the development install; loading it lazily keeps
 * `lgsp --help`, `lgsp start` and `lgsp kafka` working in a production install
 * (`npm ci --omit=dev`), where the lab's packages are absent.
 */
export function labAction<A extends unknown[]>(
  command: string,
  load: () => Promise<(...args: A) => Promise<void>>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let run: (...args: A) => Promise<void>;
    try {
      run = await load();
    } catch (e) {
      const missing = missingModule(e);
      if (!missing) throw e;
      throw new Error(
        `the ${command} command is part of the lab and needs the development install (npm ci, with devDependencies): ` +
          `${missing} is not installed`,
      );
    }
    await run(...args);
  };
}

function missingModule(e: unknown): string | undefined {
  if (!(e instanceof Error) || (e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') return undefined;
  return /Cannot find module '([^']+)'/.exec(e.message)?.[1] ?? 'a package';
}
