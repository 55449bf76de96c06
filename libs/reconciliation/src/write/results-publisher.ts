import { Inject, Injectable } from '@nestjs/common';
import {
  DecisionMessage,
  RESULT_HEADERS,
  RESULT_SCHEMA_VERSION,
  resultKey,
  ResultMessage,
  RetractionMessage,
} from '@lgsp/contracts';
import { Correction, correctionMessage } from '@lgsp/corrections';
import { EventProducer, OutgoingMessage, sendInRequests } from '@lgsp/transport';
import { INTAKE_PRODUCER, INTAKE_SETTINGS, IntakeSettings } from '../reconciliation.tokens';
import { Decision, decisionIdOf, Retraction } from '../results/decision';

/** The results-topic message of a decision (schema `results/v1`, DecisionMessage). */
export function decisionMessage(d: Decision, decidedAt: Date): DecisionMessage {
  return {
    kind: 'DECISION',
    schemaVersion: RESULT_SCHEMA_VERSION,
    decisionId: decisionIdOf(d),
    sequence: d.sequence,
    decidedAt: decidedAt.toISOString(),
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
  };
}

/** The results-topic message of a deleted record (RetractionMessage). */
export function retractionMessage(r: Retraction, decidedAt: Date): RetractionMessage {
  return {
    kind: 'RETRACTION',
    schemaVersion: RESULT_SCHEMA_VERSION,
    decisionId: decisionIdOf(r),
    sequence: r.sequence,
    decidedAt: decidedAt.toISOString(),
    source: r.source,
    entityId: r.entityId,
    reason: r.reason,
    ruleVersion: r.ruleVersion,
    cause: r.cause,
    causeEventId: r.causeEventId,
    input: r.input,
  };
}

/** Keyed by the record: all its decisions land on one partition, in order. */
export function outgoingResult(message: ResultMessage): OutgoingMessage {
  return {
    key: resultKey(message.source, message.entityId),
    value: JSON.stringify(message),
    // Consumers de-duplicate on the decision id: a crash between publish and commit publishes again.
    headers: { [RESULT_HEADERS.decisionId]: message.decisionId, [RESULT_HEADERS.schemaVersion]: String(message.schemaVersion) },
  };
}

/** Publishes decisions and retractions to the results topic. */
@Injectable()
export class ResultsPublisher {
  constructor(
    @Inject(INTAKE_PRODUCER) private readonly producer: EventProducer,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  async publish(decisions: readonly Decision[], retractions: readonly Retraction[], decidedAt: Date): Promise<void> {
    const messages = [
      ...decisions.map((d) => outgoingResult(decisionMessage(d, decidedAt))),
      ...retractions.map((r) => outgoingResult(retractionMessage(r, decidedAt))),
    ];
    // In requests the broker accepts (PRODUCE_REQUEST_LIMITS), like dead letters.
    await sendInRequests(this.producer, this.settings.topics.results, messages);
  }

  /** Publishes the corrections a write opened to the corrections topic. */
  async publishCorrections(opened: readonly Correction[]): Promise<void> {
    if (opened.length === 0) return;
    await sendInRequests(this.producer, this.settings.topics.corrections, opened.map(correctionMessage));
  }
}
