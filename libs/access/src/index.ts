export * from './api-keys';
export * from './scopes';
export * from './grants';
export * from './duplicate-credential-name';
export * from './migrations';
export * from './repositories/credentials.repository';
export * from './services/credentials.service';
export * from './repositories/gateway-submissions.repository';
