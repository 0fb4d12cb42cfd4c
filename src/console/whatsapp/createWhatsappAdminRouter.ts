import express from 'express';
import type { Router } from 'express';
import { requireConsoleRole, requireConsoleSession, requireCsrfToken } from '../auth/requireConsoleSession';
import { sessionOf } from '../auth/requestHelpers';
import type { ConsoleDeps } from '../consoleDeps';
import { consoleHelmet } from '../createConsoleModule';

/**
 * The WhatsApp Web (Baileys) login page for a person in a browser, at /console/whatsapp: only for a signed-in
 * console admin, and its "Connect again" form carries the session's CSRF token. (/admin/whatsapp stays for
 * machines with an admin bearer token, which a browser cannot send.) `page` is the channel's admin router, built
 * with the form-token hook. No I/O until a request arrives.
 */
export function createWhatsappAdminRouter(deps: Pick<ConsoleDeps, 'db' | 'clock' | 'idleMinutes'>, page: (formToken: (res: express.Response) => string) => Router): Router {
  const router = express.Router();
  router.use(consoleHelmet);
  router.use(express.urlencoded({ extended: false, limit: '4kb' }));
  router.use(requireConsoleSession(deps));
  router.use(requireConsoleRole('admin'));
  router.use(requireCsrfToken());
  router.use(page((res) => sessionOf(res).csrfToken));
  return router;
}
