import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers for every response, through helmet: a strict Content-Security-Policy (scripts, styles and
 * connections only from this origin, no inline script or style, images also as data: URLs for the QR code and
 * icons, no framing: frame-ancestors 'none'), Referrer-Policy no-referrer, X-Content-Type-Options nosniff, and
 * helmet's other defaults. Then `Cache-Control: no-store` on every response, because nearly all of them hold
 * personal data (the API, the simulator's transcripts, the admin and console pages); the few static assets are
 * small enough that caching them is not worth a second rule. No I/O.
 */
export function createSecurityHeaders(): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  return [headers, noStore];
}
