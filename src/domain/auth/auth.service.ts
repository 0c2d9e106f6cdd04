import type { Db } from '../../db/client.js';
import { findUserByEmail, findUserById, insertUser, setUserRole } from '../../db/queries/users.js';
import type { UserRow } from '../../db/schema/index.js';
import { AppError, ValidationError } from '../../errors.js';
import { isEmail, isId, parseEmail, parseText } from '../validation.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { TokenIssuer, Viewer } from './tokens.js';

export interface AuthPayload {
  token: string;
  user: UserRow;
}

class InvalidCredentialsError extends AppError {
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('Wrong email or password');
  }
}

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 200;

// Compared against when the email is unknown, so login takes as long either way.
const DUMMY_HASH = hashPassword('not-a-real-password');

export function createAuthService({ db, tokens }: { db: Db; tokens: TokenIssuer }) {
  const issue = async (user: UserRow): Promise<AuthPayload> => ({
    token: await tokens.sign({ id: user.id, role: user.role }),
    user,
  });

  return {
    async register(input: { email: string; password: string; name: string }): Promise<AuthPayload> {
      const email = parseEmail(input.email, 'input.email');
      const name = parseText(input.name, 'input.name', { max: 100 });
      const password = parsePassword(input.password);
      const user = await insertUser(db, { email, name, passwordHash: await hashPassword(password) });
      if (!user) throw new ValidationError('An account with this email already exists', 'input.email');
      return issue(user);
    },

    /** Unknown email and wrong password fail alike, in about the same time. */
    async login(input: { email: string; password: string }): Promise<AuthPayload> {
      const email = input.email.trim().toLowerCase();
      // No registered email could match an invalid one; skipping the lookup also keeps NUL bytes out of SQL.
      const user = isEmail(email) ? await findUserByEmail(db, email) : undefined;
      const { password } = input;
      const fits = password.length <= MAX_PASSWORD;
      const ok = await verifyPassword(fits ? password : '', user?.passwordHash ?? (await DUMMY_HASH));
      if (!user || !ok || !fits) throw new InvalidCredentialsError();
      return issue(user);
    },

    /** The viewer from an `Authorization` value ("Bearer <jwt>"); null when absent or invalid. */
    async authenticate(authorization: unknown): Promise<Viewer | null> {
      if (typeof authorization !== 'string') return null;
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      return match?.[1] ? tokens.verify(match[1]) : null;
    },

    findUser: (id: string) => findUserById(db, id),

    /** The signed-in user, or null (no viewer, or the account no longer exists). */
    async currentUser(viewer: Viewer | null): Promise<UserRow | null> {
      if (!viewer || !isId(viewer.id)) return null;
      return (await findUserById(db, viewer.id)) ?? null;
    },

    /** Creates the bootstrap admin if missing, or promotes the existing account. */
    async ensureAdmin(emailRaw: string, password: string): Promise<UserRow> {
      const email = parseEmail(emailRaw);
      const created = await insertUser(db, {
        email,
        name: 'Administrator',
        passwordHash: await hashPassword(password),
        role: 'ADMIN',
      });
      if (created) return created;
      const existing = await findUserByEmail(db, email);
      if (!existing) throw new Error(`admin ${email} vanished during bootstrap`);
      if (existing.role !== 'ADMIN') await setUserRole(db, existing.id, 'ADMIN');
      return { ...existing, role: 'ADMIN' };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

function parsePassword(password: string): string {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    throw new ValidationError(
      `password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`,
      'input.password',
    );
  }
  return password;
}
