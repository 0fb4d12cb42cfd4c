import type { z } from 'zod';
import type { CombineDecision } from '../../core/nlu/combineInterpretations';
import type { Interpretation, NluContext } from '../../core/nlu/types';

/** Which prompt produced a result; recorded in the audit with every LLM call. */
export interface PromptRef {
  id: string;
  version: string;
  /** First 12 hex digits of the sha256 of the prompt file, so an edited file is told apart. */
  hash: string;
}

export interface Prompt extends PromptRef {
  text: string;
}

export interface PromptSet {
  interpret: Prompt;
  reword: Prompt;
}

/** One request for JSON output: a system prompt, the data as a separate user message, the expected shape. */
export interface LlmRequest<T> {
  schema: z.ZodType<T>;
  schemaName: string;
  system: string;
  user: string;
  signal: AbortSignal;
}

/**
 * A chat model that answers with JSON. Implementations do network I/O; `generate` throws on any failure
 * (HTTP error, timeout, malformed output) and callers fall back to the rules or the template.
 */
export interface Llm {
  readonly modelName: string;
  readonly prompts: PromptSet;
  readonly timeoutMs: number;
  readonly maxCallsPerConversation: number;
  generate<T>(request: LlmRequest<T>): Promise<unknown>;
}

/** Outcome codes of one LLM attempt; 'OK' when the model's answer was used by the combination policy. */
export type LlmOutcome =
  | 'OK'
  | 'LLM.DISABLED'
  | 'LLM.SKIPPED_RULES_CONFIDENT'
  | 'LLM.CALL_LIMIT'
  | 'LLM.TIMEOUT'
  | 'LLM.HTTP_ERROR'
  | 'LLM.RATE_LIMITED'
  | 'LLM.INVALID_JSON'
  | 'LLM.INVALID_OUTPUT'
  | 'LLM.OUT_OF_ENUM';

/** What the audit records about one interpretation. Carries no debtor text. */
export interface InterpretTrace {
  outcome: LlmOutcome;
  llmCalled: boolean;
  prompt: PromptRef | null;
  model: string | null;
  latencyMs: number;
  decision: CombineDecision;
  dropped: string[];
  rules: Interpretation;
  llm: Interpretation | null;
  /** Count of personal data items replaced by placeholders before the text left. */
  redactedItems: number;
}

export type LlmInterpretation = Interpretation & { trace: InterpretTrace };

export interface InterpretOptions {
  /** LLM calls already made in this conversation (the pipeline keeps the count); at the limit, rules only. */
  llmCallsSoFar?: number;
  /** Debtor names from the facts, redacted before the text leaves. */
  knownNames?: readonly string[];
  /** Account ids and document numbers from the facts, redacted before the text leaves. */
  knownAccounts?: readonly string[];
}

/** Interprets a debtor message with rules and, when configured, the model. Never rejects. */
export type LlmInterpreter = (text: string, ctx: NluContext, options?: InterpretOptions) => Promise<LlmInterpretation>;

export interface RewriteRequest {
  /** Template key, for the audit. */
  key: string;
  /** The rendered template text: the approved message. */
  text: string;
  /** The values the template was rendered with (facts, slots); names in it are redacted before sending. */
  values?: Record<string, unknown>;
  locale: string;
  channel: string;
}

export interface RewriteResult {
  text: string;
  source: 'llm' | 'template';
  /** Guardrail violation codes (REWORD.THREAT…) or failure codes (LLM.TIMEOUT…); empty when reworded cleanly. */
  violations: string[];
  prompt: PromptRef | null;
  llmCalled: boolean;
}

/** Rewords an approved message, or returns it verbatim when the model fails or breaks a guardrail. Never rejects. */
export type Rewriter = (request: RewriteRequest, options?: Pick<InterpretOptions, 'llmCallsSoFar' | 'knownNames' | 'knownAccounts'>) => Promise<RewriteResult>;
