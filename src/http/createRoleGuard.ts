import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiRole } from '../config';
import { sendError } from './sendError';

/**
 * Builds middleware factories for bearer-token auth. `requireRole('admin', 'supervisor')` answers 401
 * without a valid token and 403 when the token's role is not listed; on success `res.locals.role` is set, and
 * `res.locals.actor` to `role:name` for a named token (TOKEN:ROLE:NAME), else the role.
 * Tokens are compared by SHA-256 digest in constant time. Pure CPU.
 */
export function createRoleGuard(tokens: ReadonlyArray<{ token: string; role: ApiRole; name?: string }>): (...roles: ApiRole[]) => RequestHandler {
  const known = tokens.map((t) => ({ digest: digest(t.token), role: t.role, actor: t.name ? `${t.role}:${t.name}` : t.role }));
  return (...roles) =>
    (req, res, next) => {
      const header = req.get('authorization');
      const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        res.set('WWW-Authenticate', 'Bearer');
        sendError(res, { code: 'AUTH.MISSING_TOKEN', message: 'Send Authorization: Bearer <token>' });
        return;
      }
      const presented = digest(match[1]);
      const entry = known.find((k) => timingSafeEqual(k.digest, presented));
      if (!entry) {
        res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
        sendError(res, { code: 'AUTH.INVALID_TOKEN', message: 'The bearer token is not valid' });
        return;
      }
      if (!roles.includes(entry.role)) {
        sendError(res, { code: 'AUTH.FORBIDDEN', message: `This endpoint needs one of the roles: ${roles.join(', ')}` });
        return;
      }
      res.locals.role = entry.role;
      res.locals.actor = entry.actor;
      next();
    };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
