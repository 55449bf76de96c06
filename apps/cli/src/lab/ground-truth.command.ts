import { Command } from 'commander';
import { withDatabaseOption } from '../commands/runtime-flags';
import { labAction } from './lab-action';

export function groundTruthCommand(): Command {
  return withDatabaseOption(
    new Command('ground-truth')
      .description(
        'summary of the dirt the generator injected into the loaded sources: records per dirt kind and per expected outcome',
      )
      .option('--json', 'print the summary as JSON'),
  ).action(labAction('ground-truth', async () => (await import('./ground-truth')).runGroundTruth));
}
