import { Partitioners } from 'kafkajs';

// The embedded transport uses Kafka's own default partitioner (murmur2 on the key, as the
// Java client does), so a key lands on the same partition number on both transports.
const kafkaDefault = Partitioners.DefaultPartitioner();
const metadataCache = new Map<number, { partitionId: number; leader: number }[]>();

function metadata(partitions: number): { partitionId: number; leader: number }[] {
  let m = metadataCache.get(partitions);
  if (!m) {
    m = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0 }));
    metadataCache.set(partitions, m);
  }
  return m;
}

export function partitionFor(topic: string, key: string | null, partitions: number): number {
  return kafkaDefault({
    topic,
    partitionMetadata: metadata(partitions) as never,
    message: { key, value: null },
  });
}
