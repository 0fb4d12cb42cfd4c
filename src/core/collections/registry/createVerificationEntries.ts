import type { ActionDef, Guard, StepContext } from '../../engine/types';
import { checkVerification, type VerificationOutcome } from '../verification/checkVerification';
import { readIdentifier, readSlots, type FactsReader } from './readStep';

export interface VerificationSettings {
  maxAttempts: number;
  lockMinutes: number;
}

function evaluate(ctx: StepContext, read: FactsReader, settings: VerificationSettings): VerificationOutcome | null {
  const facts = read(ctx);
  const identifier = readIdentifier(ctx);
  if (!facts.ok || !facts.facts.debtor.verification || identifier === undefined) return null;
  const slots = readSlots(ctx);
  const { verification } = facts.facts.debtor;
  return checkVerification(identifier, verification, slots.verificationAttempts ?? 0, ctx.now, slots.verificationLockUntil ?? null, {
    ...settings,
    dateOrder: verification.dateOrder ?? 'dmy',
  });
}

function isLocked(ctx: StepContext): boolean {
  const until = readSlots(ctx).verificationLockUntil;
  return typeof until === 'string' && Date.parse(until) > ctx.now.getTime();
}

/**
 * Identity guards and actions: `identity_matches` (the answer matches a hashed factor and no lock is active),
 * `verification_locked`, `is_verified`; `mark_verified` and `record_verification_failure` keep attempts and the
 * lock in slots. Audit effects carry outcomes, never the answer. Pure.
 */
export function createVerificationEntries(read: FactsReader, settings: VerificationSettings): { guards: Record<string, Guard>; actions: Record<string, ActionDef> } {
  return {
    guards: {
      identity_matches: (ctx) => evaluate(ctx, read, settings)?.status === 'passed',
      verification_locked: isLocked,
      is_verified: (ctx) => ctx.session.slots.verified === true,
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
