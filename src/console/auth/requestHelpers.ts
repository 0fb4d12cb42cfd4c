import type { Request, Response } from 'express';
import type { ConsoleSession } from './consoleSessions';

export const SESSION_COOKIE = 'pacto_console';
export const LOGIN_CSRF_COOKIE = 'pacto_console_login';

/** The value of cookie `name` in the request, if any. Pure. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Cookies are Secure except for a browser on this machine (http://localhost, 127.0.0.1, ::1). Pure. */
export function isLocalRequest(req: Request): boolean {
  return ['localhost', '127.0.0.1', '::1', '[::1]'].includes(req.hostname);
}

/** Sets an HttpOnly, SameSite=Lax cookie under /console (Secure outside localhost). Writes a header. */
export function setConsoleCookie(req: Request, res: Response, name: string, value: string, maxAgeMs?: number): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: !isLocalRequest(req), path: '/console', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) });
}

/** The signed-in session set by requireConsoleSession. Throws (a bug) when the route is not behind it. */
export function sessionOf(res: Response): ConsoleSession {
  const session: unknown = res.locals.consoleSession;
  if (!isConsoleSession(session)) throw new Error('console route used without requireConsoleSession');
  return session;
}

function isConsoleSession(value: unknown): value is ConsoleSession {
  return typeof value === 'object' && value !== null && 'user' in value && 'csrfToken' in value;
}

/** A form field as a string ('' when absent or not a string). Pure. */
export function formField(req: Request, name: string): string {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return '';
  const value: unknown = Reflect.get(body, name);
  return typeof value === 'string' ? value : '';
}
