import { fail, type Result } from '../result';
import type { ResolvedPolicy } from '../policy/resolvedPolicy';
import { buildSchedule } from './buildSchedule';
import { listPlanViolations } from './listPlanViolations';
import type { Plan, PlanInput } from './plan';

/**
 * Computes a plan's schedule (see buildSchedule) and accepts it only if it is within the policy as of `today`
 * (the debtor's calendar date). The error carries the first violation's code (e.g. PLAN.BELOW_MIN_INSTALLMENT,
 * PLAN.TOO_MANY_INSTALLMENTS, PLAN.TOO_LONG) and every violation in the message. Pure.
 */
export function calculatePlan(input: PlanInput & { today: string }, policy: ResolvedPolicy): Result<Plan> {
  const schedule = buildSchedule(input);
  if (!schedule.ok) return schedule;
  const violations = listPlanViolations(schedule.value, policy, input.today);
  const first = violations[0];
  if (first) return fail(first.code, violations.map((v) => v.message).join('; '));
  return schedule;
}
