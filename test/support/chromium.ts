import { existsSync } from 'node:fs';
import { CHROMIUM } from '@lgsp/lab';

export { launchChromium } from '@lgsp/lab';

/** Never skipped: a missing browser is a broken test environment, and the test says how to mend it. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (.ci/run does)`);
}
