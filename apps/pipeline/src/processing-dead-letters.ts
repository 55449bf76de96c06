import { deadLetterHeaders, processingFailureReason } from '@lgsp/contracts';
import { EventProducer, ProcessingFailure, sendInRequests } from '@lgsp/transport';

/**
 * Publishes the messages the error policy set aside, in the one dead-letter format the
 * validation uses too: the original key, bytes and headers, plus provenance and the reason
 * (`processing:<kind>`, error class, stack digest; never a value).
 */
export function processingDeadLetters(
  producer: EventProducer,
  topic: string,
  consumerGroup: string,
): (failures: ProcessingFailure[]) => Promise<void> {
  return async (failures) => {
    const now = new Date();
    await sendInRequests(
      producer,
      topic,
      failures.map(({ message: m, reason, errorClass, stackDigest }) => ({
        key: m.key,
        value: m.value,
        headers: {
          ...m.headers,
          ...deadLetterHeaders(
            { topic: m.topic, partition: m.partition, offset: m.offset, consumerGroup },
            processingFailureReason({ reason, errorClass, stackSha256: stackDigest }),
            now,
          ),
        },
      })),
    );
  };
}
