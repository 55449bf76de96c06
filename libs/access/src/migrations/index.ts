import { ApiCredentials1733100000001 } from './1733100000001-api-credentials';
import { GatewaySubmissions1733200000001 } from './1733200000001-gateway-submissions';
import { CredentialGrants1733300000004 } from './1733300000004-credential-grants';

export const ACCESS_MIGRATIONS = [ApiCredentials1733100000001, GatewaySubmissions1733200000001, CredentialGrants1733300000004];
