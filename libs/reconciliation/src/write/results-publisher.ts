import { Inject, Injectable } from '@nestjs/common';
import { EventProducer } from '@lgsp/transport';
import { INTAKE_PRODUCER, INTAKE_SETTINGS, IntakeSettings } from '../reconciliation.tokens';
import { Decision, decisionIdOf } from '../results/decision';

/** The message a results-topic consumer gets: one decision, keyed by the citizen it concerns. */
export function resultMessage(d: Decision) {
  return {
    key: d.citizenId ?? d.entityId,
    value: JSON.stringify({
      source: d.source,
      entityId: d.entityId,
      outcome: d.outcome,
      alsoApplies: d.alsoApplies,
      citizenId: d.citizenId,
      provinceCode: d.provinceCode,
      communeCode: d.communeCode,
      differences: d.differences,
      evidence: d.evidence,
      candidates: d.candidates,
      ruleVersion: d.ruleVersion,
      registryVersion: d.registryVersion,
      cause: d.cause,
      causeEventId: d.causeEventId,
      input: d.input,
    }),
    // Consumers de-duplicate on this: a crash between commit and publish publishes again.
    headers: { 'lgsp-decision-id': decisionIdOf(d) },
  };
}

/** Decisions per request: a request's record batch per partition must stay under the broker's 1 MB message.max.bytes. */
const PUBLISH_CHUNK = 500;

/** Publishes decisions to the results topic. */
@Injectable()
export class ResultsPublisher {
  constructor(
    @Inject(INTAKE_PRODUCER) private readonly producer: EventProducer,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  async publish(decisions: readonly Decision[]): Promise<void> {
    for (let i = 0; i < decisions.length; i += PUBLISH_CHUNK) {
      await this.producer.send(this.settings.topics.results, decisions.slice(i, i + PUBLISH_CHUNK).map(resultMessage));
    }
  }
}
