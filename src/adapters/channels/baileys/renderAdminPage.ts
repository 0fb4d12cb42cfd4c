import type { BaileysStatus } from './baileysChannelTypes';

export interface AdminPageInput {
  status: BaileysStatus;
  /** PNG data URL of the current QR, when there is one. */
  qrDataUrl: string | null;
  /** Where the "connect again" form posts (already including the router's mount path). */
  startAction: string;
  /** The page's stylesheet URL (a file, since the Content-Security-Policy allows no inline style). */
  stylesheet: string;
  /** Sent back as the `_csrf` field of the "Connect again" form, when the host asks for one. */
  formToken?: string;
  now: Date;
}

const DESCRIPTIONS: Record<BaileysStatus['state'], string> = {
  stopped: 'The WhatsApp Web channel is stopped.',
  connecting: 'Connecting to WhatsApp…',
  waiting_for_qr: 'Open WhatsApp on the phone → Linked devices → Link a device, and scan this code. It changes every few seconds.',
  open: 'Connected. Debtors can write to this number.',
  reconnecting: 'The connection dropped; reconnecting automatically.',
  logged_out: 'The phone logged this device out. The stored login was deleted; connect again and scan a new code.',
  failed: 'WhatsApp closed the session and it will not be retried (another WhatsApp Web session took over, or the number is blocked).',
};

/** Renders the /admin/whatsapp page: connection state, the login QR as an image, and a refresh every 5 s. Pure. */
export function renderAdminPage(input: AdminPageInput): string {
  const { status } = input;
  const rows: Array<[string, string]> = [
    ['State', status.state],
    ['Since', status.since.toISOString()],
  ];
  if (status.account) rows.push(['Account', status.account]);
  if (status.lastDisconnectCode !== null) rows.push(['Last disconnect code', String(status.lastDisconnectCode)]);
  if (status.nextReconnectAt) {
    const seconds = Math.max(0, Math.round((status.nextReconnectAt.getTime() - input.now.getTime()) / 1000));
    rows.push(['Next attempt', `in ${seconds} s (attempt ${status.reconnectAttempt})`]);
  }
  const canStart = status.state === 'stopped' || status.state === 'logged_out' || status.state === 'failed';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WhatsApp Web (Baileys) — Pacto</title>
<link rel="stylesheet" href="${escapeHtml(input.stylesheet)}"></head>
<body><h1>WhatsApp Web (Baileys)</h1>
<p data-state="${escapeHtml(status.state)}">${escapeHtml(DESCRIPTIONS[status.state])}</p>
${input.qrDataUrl ? `<p><img alt="WhatsApp login QR code" src="${escapeHtml(input.qrDataUrl)}"></p>` : ''}
<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
${canStart ? `<form method="post" action="${escapeHtml(input.startAction)}">${input.formToken ? `<input type="hidden" name="_csrf" value="${escapeHtml(input.formToken)}">` : ''}<button type="submit">Connect again</button></form>` : ''}
<p class="warn">WhatsApp Web automation is against WhatsApp's terms for bulk or commercial messaging and can get the
number banned. Use it for demos and small pilots; use the Twilio WhatsApp Business channel in production.</p>
</body></html>`;
}

/** The admin page's stylesheet. */
export const ADMIN_PAGE_CSS = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
th{text-align:left;padding-right:1rem}.warn{background:#fff4e5;border-left:4px solid #f90;padding:.5rem 1rem}
img{image-rendering:pixelated;width:264px;height:264px}
`;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
