/** The advisory-lock key text that serialises all work on one conversation address. Pure. */
export function conversationLockKey(channel: string, address: string): string {
  return `conversation:${channel}:${address}`;
}
