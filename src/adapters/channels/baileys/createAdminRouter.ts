import express from 'express';
import type { Response, Router } from 'express';
import QRCode from 'qrcode';
import type { Clock } from '../../../ports/clock';
import type { BaileysStatus } from './baileysChannelTypes';
import { ADMIN_PAGE_CSS, renderAdminPage } from './renderAdminPage';

export interface AdminRouterDeps {
  status(): BaileysStatus;
  start(): Promise<void>;
  clock: Clock;
  /** The anti-forgery token the host requires on POST (the console's CSRF token), put in the page's form. */
  formToken?: (res: Response) => string;
}

/**
 * Express router for the WhatsApp Web admin page (the host mounts it behind admin auth, e.g. at /admin/whatsapp):
 * GET / is the HTML page with the QR, GET /status.json the same facts for scripts, POST /start connects again
 * after a logout or a stop. The QR is encoded locally with `qrcode`; nothing is fetched from elsewhere.
 */
export function createAdminRouter(deps: AdminRouterDeps): Router {
  const router = express.Router();

  router.get('/', async (req, res) => {
    const status = deps.status();
    const qrDataUrl = status.qr ? await QRCode.toDataURL(status.qr, { margin: 1, scale: 6 }) : null;
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    res
      .status(200)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(renderAdminPage({ status, qrDataUrl, startAction: `${req.baseUrl}/start${query}`, stylesheet: `${req.baseUrl}/admin.css`, formToken: deps.formToken?.(res), now: deps.clock.now() }));
  });

  router.get('/admin.css', (_req, res) => {
    res.type('css').send(ADMIN_PAGE_CSS);
  });

  router.get('/status.json', (_req, res) => {
    const { qr, ...status } = deps.status();
    res.set('Cache-Control', 'no-store').json({ ...status, hasQr: qr !== null });
  });

  router.post('/start', async (req, res) => {
    await deps.start();
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    res.redirect(303, `${req.baseUrl || '/'}${query}`);
  });

  return router;
}
