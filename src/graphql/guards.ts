import type { Viewer } from '../domain/auth/tokens.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/**
 * An admin viewer: anonymous gets UNAUTHENTICATED, a customer FORBIDDEN. The role is the one the
 * database has (read per request through the session cache, at most 1 s old), not the token's.
 */
export function requireAdmin(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (v.role !== 'ADMIN') throw new ForbiddenError('Admins only');
  return v;
}
