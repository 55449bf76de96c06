import { RuntimeFlags } from '../commands/runtime-flags';
import { labOrNothing } from './lab-action';

export interface DemoHandle {
  stop(): Promise<void>;
}

/**
 * The demo `lgsp start` runs beside the pipeline on an empty embedded database: the lab's
 * generator and live changes, loaded only here. A production install has no lab: no demo, said so.
 */
export async function startDemoBeside(flags: RuntimeFlags, say: (line: string) => void): Promise<DemoHandle | undefined> {
  const demo = await labOrNothing(() => import('./demo'));
  if (!demo) {
    say('demo: none, the lab is not installed here (a production install); lgsp start runs empty');
    return undefined;
  }
  return demo.startDemo(flags, say);
}
