import type { ActionDef, Effect, Guard, StepContext } from '../../engine/types';
import { checkVerification, type VerificationOutcome } from '../verification/checkVerification';
import { readIdentifier, readSlot, type FactsReader } from './readStep';

export interface VerificationSettings {
  maxAttempts: number;
  lockMinutes: number;
}

function evaluate(ctx: StepContext, read: FactsReader, settings: VerificationSettings): VerificationOutcome | null {
  const facts = read(ctx);
  const identifier = readIdentifier(ctx);
  if (!facts.ok || !facts.facts.debtor.verification || identifier === undefined) return null;
  const { verification } = facts.facts.debtor;
  const lock = activeLock(ctx, read) ?? readSlot(ctx, 'verificationLockUntil') ?? null;
  return checkVerification(identifier, verification, readSlot(ctx, 'verificationAttempts') ?? 0, ctx.now, lock, {
    ...settings,
    dateOrder: verification.dateOrder ?? 'dmy',
  });
}

/** The lock in force: this conversation's (slots) or one the service kept from an earlier one (facts). Pure. */
export function activeLock(ctx: StepContext, read: FactsReader): string | null {
  const facts = read(ctx);
  const now = ctx.now.getTime();
  // The later of the two when both are in force (ISO instants in UTC sort as text).
  let active: string | null = null;
  for (const until of [readSlot(ctx, 'verificationLockUntil'), facts.ok ? facts.facts.debtor.verification?.lockedUntil : undefined]) {
    if (typeof until === 'string' && Date.parse(until) > now && (active === null || until > active)) active = until;
  }
  return active;
}

/**
 * Identity guards and actions: `identity_matches` (the answer matches a hashed factor and no lock is active),
 * `verification_locked` (a lock from this conversation or facts.debtor.verification.lockedUntil), `is_verified`,
 * `mark_verified` (also stamps `verifiedAt`, which a later conversation at the same address reads, see
 * createContinuityEntries) and `record_verification_failure` keep attempts and the lock in slots; `lock_verification`
 * makes sure a lock is set, audits VERIFICATION.LOCKED { lockUntil } (the service keeps it for later
 * conversations) and hands off to a person. Audit effects carry outcomes, never the answer. Pure.
 */
export function createVerificationEntries(read: FactsReader, settings: VerificationSettings): { guards: Record<string, Guard>; actions: Record<string, ActionDef> } {
  return {
    guards: {
      identity_matches: (ctx) => evaluate(ctx, read, settings)?.status === 'passed',
      verification_locked: (ctx) => activeLock(ctx, read) !== null,
      is_verified: (ctx) => ctx.session.slots.verified === true,
    },
    actions: {
      mark_verified: {
        writes: ['verified', 'verifiedAt', 'verificationAttempts', 'verificationLockUntil'],
        run: (ctx) => {
          if (evaluate(ctx, read, settings)?.status !== 'passed') return { effects: [{ type: 'audit', code: 'VERIFICATION.NOT_PASSED' }] };
          return {
            slots: { verified: true, verifiedAt: ctx.now.toISOString(), verificationAttempts: 0, verificationLockUntil: null, identifier: undefined },
            effects: [{ type: 'audit', code: 'VERIFICATION.PASSED' }],
          };
        },
      },
      lock_verification: {
        writes: ['verificationLockUntil'],
        run: (ctx) => {
          // Too many unusable answers lock too; a lock already in force (a wrong factor) is kept as it is.
          const existing = activeLock(ctx, read);
          const lockUntil = existing ?? new Date(ctx.now.getTime() + settings.lockMinutes * 60_000).toISOString();
          const audit: Effect[] = existing ? [] : [{ type: 'audit', code: 'VERIFICATION.LOCKED', data: { lockUntil } }];
          return { slots: { verificationLockUntil: lockUntil, identifier: undefined }, effects: [...audit, { type: 'handoff', reason: 'verification_locked' }] };
        },
      },
      record_verification_failure: {
        writes: ['verificationAttempts', 'verificationAttemptsLeft', 'verificationLockUntil'],
        run: (ctx) => {
          const outcome = evaluate(ctx, read, settings);
          if (!outcome || outcome.status === 'passed') return { effects: [{ type: 'audit', code: 'VERIFICATION.NOT_CHECKED' }] };
          const left = outcome.status === 'failed' ? outcome.attemptsLeft : 0;
          return {
            slots: { verificationAttempts: outcome.attempts, verificationAttemptsLeft: left, verificationLockUntil: outcome.lockUntil, identifier: undefined },
            effects: [{ type: 'audit', code: outcome.status === 'locked' ? 'VERIFICATION.LOCKED' : 'VERIFICATION.FAILED', data: { attempts: outcome.attempts, lockUntil: outcome.lockUntil } }],
          };
        },
      },
    },
  };
}
