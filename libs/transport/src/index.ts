export * from './event-transport';
export * from './partitioner';
export * from './kafka/kafka-transport';
export * from './embedded/embedded-transport';
export { EmbeddedTransport1732300000000 } from './embedded/1732300000000-embedded-transport';
export * from './nest/event-transport.server';
export * from './group-lag';
export * from './errors';
