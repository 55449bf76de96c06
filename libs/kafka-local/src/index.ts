export * from './kafka-broker';
export * from './broker-files';
