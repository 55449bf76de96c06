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

/** The lab's code for a product command's optional part (the demo of lgsp start); undefined in a production install. */
export async function labOrNothing<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (e) {
    if (missingModule(e)) return undefined;
    throw e;
  }
}

function missingModule(e: unknown): string | undefined {
  if (!(e instanceof Error) || (e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') return undefined;
  return /Cannot find module '([^']+)'/.exec(e.message)?.[1] ?? 'a package';
}

/**
 * Help text a lab command draws from the lab itself (e.g. the dirt kinds), loaded only when the
 * help is shown; in a production install, where the lab's packages are absent, it says so instead.
 */
export function labHelp(load: () => string): () => string {
  return () => {
    try {
      return load();
    } catch (e) {
      if (!missingModule(e)) throw e;
      return '\n(the lab is not installed: npm ci, with devDependencies, to use this command)';
    }
  };
}
