import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { landParcel, namesakesOf, personOf, publish, registryEvents, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const MAI: CitizenRecord = examples.TRAN_THI_MAI;

describe('registry first, on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;

  afterEach(async () => {
    await h?.close();
  });

  it('holds a backlog of sectoral records from the first fetch until the registry backlog is in', async () => {
    // A threshold of 1 lets the sectoral topics go only once the population topic is fully committed.
    h = await pipelineOnKafka({ registryFirstLag: 1 });
    const citizens = namesakesOf(MAI, 1500, 300000);
    await publish(h.transport, h.topics.sources.population, registryEvents(citizens));
    const parcels = citizens.slice(0, 400).map((c, i) => {
      const id = `24133.2.${i + 1}`;
      return syncEvent('land', id, landParcel(id, personOf(c)));
    });
    await publish(h.transport, h.topics.sources.land, parcels);

    await h.startWorker();
    await h.settled();
    // Decided once each, and against a registry that had them: none first NOT_FOUND, then again.
    const decisions = await h.pool.query(`SELECT outcome, cause, count(*)::int AS n FROM reconciliation.decisions GROUP BY 1, 2`);
    expect(decisions.rows).toEqual([{ outcome: 'MATCHED', cause: 'record-event', n: 400 }]);
  });
});
