import type { UserRow } from '../../db/schema/index.js';
import type { AuthPayload } from '../../domain/auth/auth.service.js';

export type UserMapper = UserRow;
export type AuthPayloadMapper = AuthPayload;
