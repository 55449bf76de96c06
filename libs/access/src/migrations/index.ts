import { ApiCredentials1733100000001 } from './1733100000001-api-credentials';
import { GatewaySubmissions1733200000001 } from './1733200000001-gateway-submissions';

export const ACCESS_MIGRATIONS = [ApiCredentials1733100000001, GatewaySubmissions1733200000001];
