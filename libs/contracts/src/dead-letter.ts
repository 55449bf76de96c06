import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema-building';
import { ContractViolation } from './validation/contract-violation';

/**
 * A dead-letter message is the original message, unchanged: same key, same value
 * bytes, same headers. That way nothing is lost for messages that are not even
 * JSON, and a fixed message can be re-published as is. What went wrong and where
 * the message came from travel in extra headers (names below).
 */
export const DEAD_LETTER_HEADERS = {
  sourceTopic: 'lgsp-dlq-source-topic',
  sourcePartition: 'lgsp-dlq-source-partition',
  /** Decimal string: Kafka offsets are 64-bit. */
  sourceOffset: 'lgsp-dlq-source-offset',
  /** JSON of DeadLetterReason. */
  reason: 'lgsp-dlq-reason',
  failedAt: 'lgsp-dlq-failed-at',
  /** The consumer group that gave up on the message. */
  consumerGroup: 'lgsp-dlq-consumer-group',
} as const;

/**
 * The dead-letter topic's largest record (its `max.message.bytes`, set when the pipeline creates it):
 * a dead letter is its original plus the headers above, so a message at a source topic's limit (the
 * broker's 1 MB default) would not fit a topic of the same limit, and its partition would retry the
 * write for ever. Twice the default leaves room for any reason's headers.
 */
export const DEAD_LETTER_MAX_MESSAGE_BYTES = 2 * 1_048_588;

export const DEAD_LETTER_REASON_KINDS = ['INVALID_ENCODING', 'INVALID_JSON', 'CONTRACT_VIOLATION', 'PROCESSING_FAILED'] as const;

/** Why a message that honours the contract could not be processed: the failure's class and place, never its message. */
export const ProcessingFailureDetail = Type.Object(
  {
    reason: Type.String({
      description: '`processing:<kind>`, the kind from the error classification, e.g. processing:type-error',
    }),
    errorClass: Type.String(),
    stackSha256: Type.String({ description: 'sha256 of the class and the place the error was thrown: equal failures share it' }),
  },
  { additionalProperties: false, title: 'ProcessingFailureDetail' },
);
export type ProcessingFailureDetail = Static<typeof ProcessingFailureDetail>;

/** Why a message was dead-lettered; like ContractViolation it never carries message values. */
export const DeadLetterReason = Type.Object(
  {
    kind: StringEnum(DEAD_LETTER_REASON_KINDS),
    errors: Type.Array(ContractViolation),
    /** Only for PROCESSING_FAILED. */
    processing: Type.Optional(ProcessingFailureDetail),
  },
  { additionalProperties: false, title: 'DeadLetterReason' },
);
export type DeadLetterReason = Static<typeof DeadLetterReason>;

export interface DeadLetterOrigin {
  topic: string;
  partition: number;
  offset: string;
  consumerGroup: string;
}

/** The headers to add to the original ones when dead-lettering a message. */
export function deadLetterHeaders(origin: DeadLetterOrigin, reason: DeadLetterReason, failedAt: Date): Record<string, string> {
  return {
    [DEAD_LETTER_HEADERS.sourceTopic]: origin.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(origin.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: origin.offset,
    [DEAD_LETTER_HEADERS.reason]: JSON.stringify(reason),
    [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
    [DEAD_LETTER_HEADERS.consumerGroup]: origin.consumerGroup,
  };
}

/** Classifies validator output: the first error's keyword tells decode failures from schema ones. */
export function deadLetterReasonFor(errors: ContractViolation[]): DeadLetterReason {
  const first = errors[0]?.keyword;
  const kind = first === 'encoding' ? 'INVALID_ENCODING' : first === 'json' ? 'INVALID_JSON' : 'CONTRACT_VIOLATION';
  return { kind, errors };
}

/**
 * The reason of a message the pipeline could not process (a poison message): the same format
 * as a contract violation's, its one entry naming the failure, so every reader of dead letters
 * (API, dashboard) shows it as it shows the others; `processing` holds the same fields apart.
 */
export function processingFailureReason(detail: ProcessingFailureDetail): DeadLetterReason {
  return {
    kind: 'PROCESSING_FAILED',
    errors: [{ path: '', keyword: detail.reason, message: `${detail.errorClass} (stack sha256 ${detail.stackSha256})` }],
    processing: detail,
  };
}
