// qrcode-terminal ships no types; this is the part of its API the Baileys channel uses.
declare module 'qrcode-terminal' {
  const qrcodeTerminal: {
    generate(text: string, options: { small?: boolean }, callback: (rendered: string) => void): void;
  };
  export default qrcodeTerminal;
}
