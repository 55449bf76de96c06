import { Command } from 'commander';
import { withRuntimeOptions } from '../../commands/runtime-flags';
import { labAction } from '../lab-action';

export function evalCommand(): Command {
  const command = new Command('eval')
    .description(
      'generate data with ground truth, run it through the real pipeline (its own process, on the configured transport; ' +
        'embedded by default), and report outcome accuracy, field-mismatch precision/recall and candidate top-1 accuracy, ' +
        'beside the all-pairs reference (every findable record ranked against every citizen) on small registries',
    )
    .option('--citizens <n>', 'citizens in the generated registry', '10000')
    .option('--seed <s>', 'generator seed', '1')
    .option('--province <code|national>', '2025 province code or "national"', '66')
    .option('--dirt-scale <factor>', 'multiply every default dirt rate (0 = clean data)')
    .option('--dirt <KIND=rate,...>', 'set single dirt rates, e.g. UNKNOWN_ID=0.1 for more findable records on a small registry')
    .option('--json', 'print one JSON object on the last line')
    .option('--keep', 'keep the evaluation database instead of dropping it')
    .option(
      '--all-pairs',
      'also rank every findable record against every citizen (the reference blocking is measured against) whatever the size',
    )
    .option(
      '--all-pairs-max <n>',
      'without --all-pairs, run the all-pairs reference when the registry has at most this many citizens (0: never)',
      '10000',
    )
    .option('--timeout <seconds>', 'give up when results stop arriving for this long', '120');
  return withRuntimeOptions(command).action(labAction('eval', async () => (await import('./eval')).runEval));
}
