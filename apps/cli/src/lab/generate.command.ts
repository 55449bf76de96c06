import { Command } from 'commander';
import { withRuntimeOptions } from '../commands/runtime-flags';
import { labAction, labHelp } from './lab-action';

export function generateCommand(): Command {
  return withRuntimeOptions(
    new Command('generate')
      .description(
        'generate the four mock national databases (population, land, insurance, business) with injected dirt and ground truth, ' +
          'load them through their transactional outboxes and publish the snapshot events; prints `digest: <sha256>` ' +
          '(same seed and sizes, same digest)',
      )
      .option('--citizens <n>', 'citizens in the population registry', '10000')
      .option('--seed <s>', 'seed (32-bit integer); same seed and sizes give the same data and digest', '1')
      .option('--province <code|national>', '2025 province code (e.g. 66 Đắk Lắk) or "national" for all 34', '66')
      .option('--dirt-scale <factor>', 'multiply every default dirt rate (0 = clean data)')
      .option('--dirt <KIND=rate,...>', 'set single dirt rates, e.g. TYPO=0.05,DUPLICATE=0')
      .option('--batch-size <n>', 'records per transaction', '5000')
      .option('--no-progress', 'no progress bars')
      .option(
        '--live <rate>',
        'then keep changing the sources at <rate> changes/second until Ctrl-C (a dataset already fully loaded with the same parameters is not reloaded)',
      ),
  )
    .addHelpText(
      'after',
      labHelp(() => (require('./dirt-help') as typeof import('./dirt-help')).dirtKindsHelp()),
    )
    .action(labAction('generate', async () => (await import('./generate')).runGenerate));
}
