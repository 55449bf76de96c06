import { BaseRpcContext, CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EventConsumer, EventTransport, MessageBatch } from '../event-transport';

/** What an `@EventPattern(topic)` handler receives as its context: the batch and its partition. */
export class EventBatchContext extends BaseRpcContext<[MessageBatch]> {
  getBatch(): MessageBatch {
    return this.args[0];
  }
}

export interface EventTransportServerOptions {
  transport: EventTransport;
  groupId: string;
  fromBeginning?: boolean;
  maxBatchSize?: number;
  partitionsConsumedConcurrently?: number;
  /** Maps a handler's pattern to the topic it consumes (deployments and tests name topics differently). */
  topicOf?: (pattern: string) => string;
  /** Runs once subscribed, before the first fetch: e.g. to pause topics that must not start yet. */
  beforeRun?: (consumer: EventConsumer) => Promise<void>;
}

/**
 * A Nest microservice strategy over either event transport. Unlike the stock Kafka
 * transport, which calls a handler per message, it hands each `@EventPattern(topic)`
 * handler a whole batch of one partition, so handlers can read and write in bulk; and
 * an error thrown by a handler is not swallowed: the batch is not committed and comes again.
 */
export class EventTransportServer extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer | undefined;
  private readonly patternOf = new Map<string, string>();

  constructor(private readonly options: EventTransportServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topicOf = this.options.topicOf ?? ((pattern: string) => pattern);
      for (const pattern of this.messageHandlers.keys()) this.patternOf.set(topicOf(pattern), pattern);
      const topics = [...this.patternOf.keys()];
      if (topics.length === 0) return callback();
      const consumer = this.options.transport.consumer({
        groupId: this.options.groupId,
        fromBeginning: this.options.fromBeginning ?? true,
        maxBatchSize: this.options.maxBatchSize,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      });
      this.consumer = consumer;
      await consumer.subscribe(topics);
      await this.options.beforeRun?.(consumer);
      await consumer.run((batch) => this.dispatch(batch));
      callback();
    } catch (e) {
      callback(e);
    }
  }

  private async dispatch(batch: MessageBatch): Promise<void> {
    const handler = this.getHandlerByPattern(this.patternOf.get(batch.topic) ?? batch.topic);
    if (!handler) throw new Error(`no handler for topic ${batch.topic}`);
    const result = await handler(batch, new EventBatchContext([batch]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  on(): never {
    throw new Error('EventTransportServer emits no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
