import { EventTransport } from './event-transport';

/** Events of the topics a group has not committed yet: log end minus committed offset, summed. */
export async function groupLag(transport: EventTransport, groupId: string, topics: string[]): Promise<number> {
  let lag = 0;
  for (const topic of topics) {
    const committed = new Map((await transport.groupOffsets(groupId, topic)).map((o) => [o.partition, Number(o.offset)]));
    for (const p of await transport.topicOffsets(topic))
      lag += Number(p.high) - Math.max(committed.get(p.partition) ?? -1, Number(p.low));
  }
  return lag;
}
