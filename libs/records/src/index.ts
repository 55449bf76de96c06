export * from './record-status';
export * from './list-cursor';
export * from './records-csv';
export * from './repositories/records.repository';
export * from './services/record-status.service';
