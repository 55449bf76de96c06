import { ApiCredentials1733100000001 } from './1733100000001-api-credentials';

export const ACCESS_MIGRATIONS = [ApiCredentials1733100000001];
