import { Decision } from './decision';

/**
 * A decision as the columns of a decision row, for statements that read their rows from one JSON document
 * (json_to_recordset): the live history and results, and an audit run's decisions, which take the columns they have.
 * alsoApplies goes inside evidence, where the history keeps it.
 */
export function decisionRow(d: Decision) {
  return {
    source: d.source,
    entity_id: d.entityId,
    cause_event_id: d.causeEventId,
    cause: d.cause,
    outcome: d.outcome,
    citizen_id: d.citizenId,
    province_code: d.provinceCode,
    commune_code: d.communeCode,
    differences: d.differences,
    evidence: { ...d.evidence, alsoApplies: d.alsoApplies },
    candidates: d.candidates,
    rule_version: d.ruleVersion,
    registry_version: d.registryVersion,
    event_id: d.input.eventId,
    topic: d.input.topic,
    partition: d.input.partition,
    offset: d.input.offset,
    event_hash: d.input.eventHash,
    committed_at: d.input.committedAt,
    sequence: d.sequence,
  };
}
