import qrcodeTerminal from 'qrcode-terminal';

/** Prints a WhatsApp login QR code to stdout, in the compact half-block form that fits a terminal. Does I/O. */
export function printQrToTerminal(qr: string): void {
  qrcodeTerminal.generate(qr, { small: true }, (rendered) => {
    console.log(`\nWhatsApp (Baileys): scan this QR with WhatsApp > Linked devices, or open /admin/whatsapp\n${rendered}`);
  });
}
