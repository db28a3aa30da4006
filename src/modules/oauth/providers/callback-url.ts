import { AppConfig } from '../../../config/app-config';
import { apiPath } from '../../../common/http/api-path';
import { OAuthProviderName } from '../entities/user-identity.entity';

/** The redirect URI registered with the provider: `<APP_URL>/api/v1/auth/<provider>/callback`. */
export function callbackUrl(config: AppConfig, provider: OAuthProviderName): string {
  return `${config.http.publicUrl}${apiPath(`auth/${provider}/callback`)}`;
}
