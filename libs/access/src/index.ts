export * from './api-keys';
export * from './scopes';
export * from './duplicate-credential-name';
export * from './migrations';
export * from './repositories/credentials.repository';
export * from './services/credentials.service';
