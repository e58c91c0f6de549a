import { SetMetadata } from '@nestjs/common';
import { Scope } from './api-key';

export const REQUIRED_SCOPE = 'requiredScope';

/** The route needs an API key with at least this scope. Routes without it are public reads. */
export const RequireScope = (scope: Scope) => SetMetadata(REQUIRED_SCOPE, scope);
