export * from './classify-error';
export * from './error-fingerprint';
