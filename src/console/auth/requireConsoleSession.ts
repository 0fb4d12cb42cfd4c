import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ConsoleRole } from '../../adapters/db/console/consoleTables';
import type { ConsoleDeps } from '../consoleDeps';
import { loadConsoleSession } from './consoleSessions';
import { formField, readCookie, SESSION_COOKIE, sessionOf } from './requestHelpers';

const ABSOLUTE_SESSION_MS = 12 * 3_600_000;

/**
 * Middleware: loads the session from the cookie (idle expiry, 12-hour absolute limit) into res.locals; without one,
 * a page request is redirected to the sign-in page and anything else gets 401. Does I/O.
 */
export function requireConsoleSession(deps: Pick<ConsoleDeps, 'db' | 'clock' | 'idleMinutes'>): RequestHandler {
  return (req, res, next) => {
    const cookie = readCookie(req, SESSION_COOKIE);
    const load = cookie ? loadConsoleSession(deps.db, cookie, deps.clock.now(), { idleMs: deps.idleMinutes * 60_000, absoluteMs: ABSOLUTE_SESSION_MS }) : Promise.resolve(undefined);
    load.then((session) => {
      if (session) {
        res.locals.consoleSession = session;
        res.set('Cache-Control', 'no-store');
        next();
        return;
      }
      if (req.method === 'GET' && req.accepts(['html', 'text/event-stream']) === 'html') {
        res.redirect(303, `/console/login?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      res.status(401).type('text').send('Sign in first');
    }, next);
  };
}

/**
 * Middleware: every state-changing request (not GET/HEAD) must carry the session's CSRF token, in the form field
 * `_csrf` or the X-CSRF-Token header; otherwise 403. Compared in constant time. Pure CPU.
 */
export function requireCsrfToken(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    const expected = Buffer.from(sessionOf(res).csrfToken);
    const presented = Buffer.from(formField(req, '_csrf') || req.get('x-csrf-token') || '');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      res.status(403).type('text').send('This form has expired or did not come from the console (missing CSRF token). Reload the page and try again.');
      return;
    }
    next();
  };
}

/** Middleware: only these roles may go on (403 otherwise), e.g. viewers cannot take over or reply. Pure CPU. */
export function requireConsoleRole(...roles: ConsoleRole[]): RequestHandler {
  return (_req, res, next) => {
    if (roles.includes(sessionOf(res).user.role)) {
      next();
      return;
    }
    res.status(403).type('text').send(`This action needs one of the roles: ${roles.join(', ')}`);
  };
}
