import type { ActionDef, Effect, Guard, StepContext } from '../../engine/types';
import { checkVerification, type VerificationOutcome } from '../verification/checkVerification';
import { readIdentifier, readSlot, type FactsReader } from './readStep';

export interface VerificationSettings {
  maxAttempts: number;
  lockMinutes: number;
  /** A verification passed less than this many minutes ago carries over to a new conversation (0: never). */
  reverifyAfterMinutes: number;
}

/** The last passed verification (facts) when it is recent enough to carry over, else undefined. */
function recentVerification(ctx: StepContext, read: FactsReader, settings: VerificationSettings): string | undefined {
  const facts = read(ctx);
  const at = facts.ok ? facts.facts.debtor.verification?.verifiedAt : undefined;
  if (typeof at !== 'string' || settings.reverifyAfterMinutes <= 0) return undefined;
  const age = ctx.now.getTime() - Date.parse(at);
  return age >= 0 && age < settings.reverifyAfterMinutes * 60_000 ? at : undefined;
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

/** The lock in force: this conversation's (slots) or one the service kept from an earlier one (facts). */
function activeLock(ctx: StepContext, read: FactsReader): string | null {
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
 * `recently_verified` (verified within settings.reverifyAfterMinutes, no lock; `resume_verified` carries it over);
 * `mark_verified` and `record_verification_failure` keep attempts and the lock in slots; `lock_verification`
 * makes sure a lock is set, audits VERIFICATION.LOCKED { lockUntil } (the service keeps it for later
 * conversations) and hands off to a person. Audit effects carry outcomes, never the answer. Pure.
 */
export function createVerificationEntries(read: FactsReader, settings: VerificationSettings): { guards: Record<string, Guard>; actions: Record<string, ActionDef> } {
  return {
    guards: {
      identity_matches: (ctx) => evaluate(ctx, read, settings)?.status === 'passed',
      verification_locked: (ctx) => activeLock(ctx, read) !== null,
      is_verified: (ctx) => ctx.session.slots.verified === true,
      recently_verified: (ctx) => activeLock(ctx, read) === null && recentVerification(ctx, read, settings) !== undefined,
    },
    actions: {
      mark_verified: {
        writes: ['verified', 'verificationAttempts', 'verificationLockUntil'],
        run: (ctx) => {
          if (evaluate(ctx, read, settings)?.status !== 'passed') return { effects: [{ type: 'audit', code: 'VERIFICATION.NOT_PASSED' }] };
          return {
            slots: { verified: true, verificationAttempts: 0, verificationLockUntil: null, identifier: undefined },
            effects: [{ type: 'audit', code: 'VERIFICATION.PASSED' }],
          };
        },
      },
      resume_verified: {
        writes: ['verified', 'verificationAttempts', 'verificationLockUntil'],
        run: (ctx) => {
          const verifiedAt = recentVerification(ctx, read, settings);
          if (verifiedAt === undefined) return { effects: [{ type: 'audit', code: 'VERIFICATION.NOT_PASSED' }] };
          return { slots: { verified: true, verificationAttempts: 0, verificationLockUntil: null }, effects: [{ type: 'audit', code: 'VERIFICATION.RESUMED', data: { verifiedAt } }] };
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
