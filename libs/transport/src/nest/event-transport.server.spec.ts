import { BatchHandler, ConsumerOptions, EventConsumer, EventTransport, MessageBatch } from '../event-transport';
import { EventTransportServer } from './event-transport.server';

/** A consumer that hands over what the test gives it, and lets the test crash it. */
class FakeConsumer implements EventConsumer {
  handler: BatchHandler | undefined;
  paused: string[] = [];
  constructor(readonly options: ConsumerOptions) {}
  async subscribe(): Promise<void> {}
  async run(handler: BatchHandler): Promise<void> {
    this.handler = handler;
  }
  seek(): void {}
  pause(topics: string[]): void {
    this.paused.push(...topics);
  }
  resume(): void {
    this.paused = [];
  }
  pausedTopics(): string[] {
    return this.paused;
  }
  assignment() {
    return [];
  }
  async stop(): Promise<void> {}
}

function serverWith(onCrashed: (e: unknown) => void = () => undefined) {
  let consumer: FakeConsumer | undefined;
  const transport = {
    kind: 'embedded',
    consumer: (options: ConsumerOptions) => (consumer = new FakeConsumer(options)),
  } as unknown as EventTransport;
  const server = new EventTransportServer({
    transport,
    groupId: 'g',
    deadLetter: async () => undefined,
    retry: { initialMs: 1, maxMs: 2 },
    onCrashed,
  });
  server.addHandler('t', async (batch: MessageBatch) => batch, true);
  return { server, consumer: () => consumer! };
}

const listen = (server: EventTransportServer) =>
  new Promise<void>((resolve, reject) => {
    // listen() reports through its callback (Nest's contract); its promise only says it returned
    void server.listen((e) => (e ? reject(e as Error) : resolve()));
  });

describe('EventTransportServer state', () => {
  it('is starting before it listens, running after, paused while a topic is held', async () => {
    const { server, consumer } = serverWith();
    expect(server.consumerStatus().state).toBe('starting');
    await listen(server);
    expect(server.consumerStatus().state).toBe('running');
    consumer().pause(['t']);
    expect(server.consumerStatus()).toMatchObject({ state: 'paused', pausedTopics: ['t'] });
  });

  it('reads retrying while the consumer restarts after a crash, running once it recovers', async () => {
    const { server, consumer } = serverWith();
    await listen(server);
    consumer().options.onCrash!({ error: new TypeError('x'), restarting: true });
    expect(server.consumerStatus()).toMatchObject({
      state: 'retrying',
      crash: { errorClass: 'TypeError', kind: 'type-error', restarting: true },
    });
    consumer().options.onRecover!();
    expect(server.consumerStatus().state).toBe('running');
  });

  it('reads crashed, and says so to its owner, when the consumer will not run again', async () => {
    const crashed: unknown[] = [];
    const { server, consumer } = serverWith((e) => crashed.push(e));
    await listen(server);
    const error = new Error('coordinator gone');
    consumer().options.onCrash!({ error, restarting: false });
    expect(server.consumerStatus().state).toBe('crashed');
    expect(crashed).toEqual([error]);
    consumer().options.onRecover!();
    expect(server.consumerStatus().state).toBe('crashed');
  });

  it('reads stopped once closed', async () => {
    const { server } = serverWith();
    await listen(server);
    await server.close();
    expect(server.consumerStatus().state).toBe('stopped');
  });
});

describe('EventTransportServer after a handled batch (the archive)', () => {
  it('runs the step once the handler has resolved, tries it again when it fails, and resolves only after it succeeds', async () => {
    let consumer: FakeConsumer | undefined;
    const transport = {
      kind: 'embedded',
      consumer: (options: ConsumerOptions) => (consumer = new FakeConsumer(options)),
    } as unknown as EventTransport;
    const order: string[] = [];
    let failures = 2;
    const server = new EventTransportServer({
      transport,
      groupId: 'g',
      deadLetter: async () => undefined,
      retry: { initialMs: 1, maxMs: 2 },
      afterBatch: async (batch) => {
        order.push(`archive ${batch.messages.length}`);
        if (failures-- > 0) throw new Error('ENOSPC: no space left on device');
      },
    });
    server.addHandler(
      't',
      async () => {
        order.push('handled');
      },
      true,
    );
    await listen(server);
    const batch: MessageBatch = {
      topic: 't',
      partition: 0,
      highWatermark: '1',
      messages: [{ topic: 't', partition: 0, offset: '0', key: null, value: Buffer.from('{}'), headers: {}, timestamp: 0 }],
    };
    await consumer!.handler!(batch, { isActive: () => true, heartbeat: async () => undefined });
    expect(order).toEqual(['handled', 'archive 1', 'archive 1', 'archive 1']);

    // A partition no longer this consumer's: the failure goes to the transport, which delivers the batch again.
    failures = 1;
    await expect(consumer!.handler!(batch, { isActive: () => false, heartbeat: async () => undefined })).rejects.toThrow(
      'ENOSPC',
    );
  });
});
