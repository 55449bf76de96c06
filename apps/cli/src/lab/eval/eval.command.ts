import { Command } from 'commander';
import { withRuntimeOptions } from '../../commands/runtime-flags';
import { labAction } from '../lab-action';

export function evalCommand(): Command {
  const command = new Command('eval')
    .description(
      'generate data with ground truth, run it through the real pipeline (its own process, on the configured transport; ' +
        'embedded by default), and report outcome accuracy, field-mismatch precision/recall and candidate top-1 accuracy',
    )
    .option('--citizens <n>', 'citizens in the generated registry', '10000')
    .option('--seed <s>', 'generator seed', '1')
    .option('--province <code|national>', '2025 province code or "national"', '66')
    .option('--json', 'print one JSON object on the last line')
    .option('--keep', 'keep the evaluation database instead of dropping it')
    .option('--timeout <seconds>', 'give up when results stop arriving for this long', '120');
  return withRuntimeOptions(command).action(labAction('eval', async () => (await import('./eval')).runEval));
}
