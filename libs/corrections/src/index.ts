export * from './correction';
export * from './corrections.repository';
export * from './migrations';
export * from './correction-message';
export * from './webhook-signature';
export * from './webhooks.repository';
