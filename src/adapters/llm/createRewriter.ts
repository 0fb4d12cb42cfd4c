import { z } from 'zod';
import { checkRewording, CHANNEL_LIMITS } from '../../core/guardrails/checkRewording';
import { redactPii } from '../../core/guardrails/redactPii';
import { restorePii } from '../../core/guardrails/restorePii';
import { renderPrompt } from './renderPrompt';
import { runWithinBudget } from './runWithinBudget';
import type { Llm, PromptRef, RewriteRequest, RewriteResult, Rewriter } from './types';
import { wrapAsData } from './wrapAsData';

export interface RewriterDeps {
  /** The model, or null to always send templates verbatim. */
  llm: Llm | null;
  /** Hard limit for the model's answer; past it the template goes out. */
  budgetMs: number;
}

const rewordSchema = z.object({ text: z.string().min(1).max(5000) });

/**
 * Builds the rewriter the outbox sender may call: the model rewords an approved message (names and other
 * personal data replaced by placeholders first), then checkRewording compares it with the template. Any
 * failure or violation yields the template text verbatim plus the codes, for the audit. Never rejects.
 * Does network I/O through `llm`.
 */
export function createRewriter(deps: RewriterDeps): Rewriter {
  return async (request, options = {}) => {
    const llm = deps.llm;
    if (!llm) return verbatim(request, [], null, false);
    const prompt: PromptRef = { id: llm.prompts.reword.id, version: llm.prompts.reword.version, hash: llm.prompts.reword.hash };
    if ((options.llmCallsSoFar ?? 0) >= llm.maxCallsPerConversation) return verbatim(request, ['LLM.CALL_LIMIT'], prompt, false);
    const redacted = redactPii(request.text, {
      names: [...(options.knownNames ?? []), ...namesIn(request.values)],
      accounts: options.knownAccounts,
    });
    const limit = CHANNEL_LIMITS[request.channel] ?? 1600;
    const system = renderPrompt(llm.prompts.reword.text, { locale: request.locale, channel: request.channel, max_length: String(limit) });
    const user = wrapAsData('template', redacted.text);
    const answer = await runWithinBudget(
      (signal) => llm.generate({ schema: rewordSchema, schemaName: 'rewording', system, user, signal }),
      deps.budgetMs,
    );
    if (!answer.ok) return verbatim(request, [answer.error.code], prompt, true);
    const parsed = rewordSchema.safeParse(answer.value);
    if (!parsed.success) return verbatim(request, ['LLM.INVALID_OUTPUT'], prompt, true);
    const restored = restorePii(parsed.data.text, redacted.replacements);
    const check = checkRewording(request.text, restored.text, {
      locale: request.locale,
      channel: request.channel,
      forbiddenFragments: promptFragments(llm),
    });
    const violations = restored.unknown.length > 0 ? [...check.violations, 'REWORD.UNKNOWN_PLACEHOLDER'] : check.violations;
    if (violations.length > 0) return verbatim(request, violations, prompt, true);
    return { text: restored.text, source: 'llm', violations: [], prompt, llmCalled: true };
  };
}

function verbatim(request: RewriteRequest, violations: string[], prompt: PromptRef | null, llmCalled: boolean): RewriteResult {
  return { text: request.text, source: 'template', violations, prompt, llmCalled };
}

/** Debtor names found in the template values (facts.debtor.firstName/lastName), to redact them. */
function namesIn(values: Record<string, unknown> | undefined): string[] {
  const debtor = z.object({ firstName: z.string().optional(), lastName: z.string().optional() }).safeParse(values?.debtor);
  if (!debtor.success) return [];
  return [debtor.data.firstName, debtor.data.lastName].filter((n): n is string => typeof n === 'string' && n.length > 1);
}

/** The lines of both prompts, so a reply quoting any of them is caught. */
function promptFragments(llm: Llm): string[] {
  return [llm.prompts.interpret.text, llm.prompts.reword.text]
    .flatMap((text) => text.split(/\n|(?<=[.:;])\s+|\{\{[^}]*\}\}/))
    .map((line) => line.trim())
    .filter((line) => line.length >= 24);
}
