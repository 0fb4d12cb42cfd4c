import { randomBytes, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import type { ConsoleDeps } from '../consoleDeps';
import { LoginPage } from '../views/LoginPage';
import { renderPage } from '../views/Layout';
import { endConsoleSession, startConsoleSession } from './consoleSessions';
import { findConsoleUserByEmail } from './consoleUsers';
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure } from './loginThrottle';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwordHash';
import { formField, LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE, setConsoleCookie } from './requestHelpers';

/** Only a path inside the console may be the place to go after signing in (no open redirect). Pure. */
export function safeNext(value: string): string {
  return /^\/console(\/[\w\-/?=&%.]*)?$/.test(value) && !value.startsWith('//') ? value : '/console/inbox';
}

function renderLogin(req: Request, res: Response, status: number, extra: { email?: string; error?: string } = {}): void {
  // A fresh double-submit token for the form: the sign-in POST must come from this page.
  const token = randomBytes(24).toString('base64url');
  setConsoleCookie(req, res, LOGIN_CSRF_COOKIE, token);
  const next = safeNext(typeof req.query.next === 'string' ? req.query.next : formField(req, 'next'));
  res.status(status).type('html').send(renderPage(LoginPage({ csrfToken: token, next, ...extra })));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length > 0 && x.length === y.length && timingSafeEqual(x, y);
}

/**
 * GET/POST /login and POST /logout. Sign-in checks the double-submit token, the throttle (failures per e-mail and
 * per client address), then the scrypt hash (against a dummy hash for an unknown e-mail, so timing tells nothing);
 * success sets an HttpOnly SameSite=Lax session cookie (Secure outside localhost). Does I/O.
 */
export function createAuthRouter(deps: ConsoleDeps): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  router.get('/login', (req, res) => renderLogin(req, res, 200));
  router.post('/login', form, async (req, res, next) => {
    try {
      const email = formField(req, 'email').trim().toLowerCase();
      const password = formField(req, 'password');
      if (!sameToken(formField(req, '_csrf'), readCookie(req, LOGIN_CSRF_COOKIE) ?? '')) {
        renderLogin(req, res, 403, { email, error: 'The sign-in form expired. Please try again.' });
        return;
      }
      const now = deps.clock.now();
      const ip = req.ip ?? 'unknown';
      const throttle = await checkLoginThrottle(deps.db, email, ip, now);
      if (throttle.throttled) {
        const minutes = Math.max(1, Math.ceil((throttle.retryAt.getTime() - now.getTime()) / 60_000));
        deps.logger.warn({ code: 'CONSOLE.LOGIN_THROTTLED' }, 'console sign-in throttled');
        renderLogin(req, res, 429, { email, error: `Too many failed attempts. Try again in ${minutes} minute(s).` });
        return;
      }
      const user = await findConsoleUserByEmail(deps.db, email);
      const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !valid) {
        await recordLoginFailure(deps.db, email, ip, now);
        deps.logger.info({ code: 'CONSOLE.LOGIN_FAILED' }, 'console sign-in failed');
        renderLogin(req, res, 401, { email, error: 'E-mail or password is not right.' });
        return;
      }
      await clearLoginFailures(deps.db, email);
      const cookie = await startConsoleSession(deps.db, user.id, now);
      setConsoleCookie(req, res, SESSION_COOKIE, cookie);
      res.clearCookie(LOGIN_CSRF_COOKIE, { path: '/console' });
      deps.logger.info({ code: 'CONSOLE.LOGIN', userId: user.id }, 'console sign-in');
      res.redirect(303, safeNext(formField(req, 'next')));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** POST /logout (behind the session and CSRF check): ends the session and clears the cookie. Does I/O. */
export function createLogoutHandler(deps: ConsoleDeps): express.RequestHandler {
  return (req, res, next) => {
    const cookie = readCookie(req, SESSION_COOKIE);
    (cookie ? endConsoleSession(deps.db, cookie) : Promise.resolve()).then(() => {
      res.clearCookie(SESSION_COOKIE, { path: '/console' });
      res.redirect(303, '/console/login');
    }, next);
  };
}
