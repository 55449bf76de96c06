import { Settings } from '@lgsp/config';
import { openRuntime, Runtime, RuntimeOptions } from '@lgsp/runtime';
import { LAB_MIGRATIONS } from './store/migrations';

/**
 * The runtime with the lab's tables added to the product's: the lab's commands migrate
 * their own schemas when they run, so a database only ever served by `lgsp start` has none.
 */
export function openLabRuntime(settings: Settings, options: RuntimeOptions = {}): Promise<Runtime> {
  return openRuntime(settings, { ...options, migrations: [...LAB_MIGRATIONS, ...(options.migrations ?? [])] });
}
