import { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../../config';
import { createLlmFromChatModel } from './createLlmFromChatModel';
import { loadPrompts } from './loadPrompts';
import type { Llm, PromptSet } from './types';

/** The logging the adapter needs; a pino logger fits. */
export interface LlmLogger {
  info(data: Record<string, unknown>, message: string): void;
}

export interface CreateLlmDeps {
  logger?: LlmLogger;
  /** Prompts already loaded; by default they are read from config.PROMPTS_DIR. */
  prompts?: PromptSet;
}

/**
 * Builds the OpenAI-compatible chat model from config (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL,
 * LLM_TIMEOUT_MS, LLM_MAX_CALLS_PER_CONVERSATION) with its versioned prompts. Returns null, and logs that the
 * service runs on rules alone, when no API key is configured. Reads the prompt files; no network until used.
 */
export function createLlm(config: Config, deps: CreateLlmDeps = {}): Llm | null {
  if (!config.OPENAI_API_KEY) {
    // Logged once at start-up; interpretation uses the rules alone and templates go out verbatim.
    deps.logger?.info({ code: 'LLM.DISABLED' }, 'LLM off: rules NLU only');
    return null;
  }
  const prompts = deps.prompts ?? loadPrompts(config.PROMPTS_DIR);
  const model = new ChatOpenAI({
    model: config.OPENAI_MODEL,
    apiKey: config.OPENAI_API_KEY,
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {},
    temperature: 0,
    timeout: config.LLM_TIMEOUT_MS,
    // A retry cannot fit in the budget; the rules answer instead.
    maxRetries: 0,
  });
  deps.logger?.info(
    { code: 'LLM.ENABLED', model: config.OPENAI_MODEL, interpretPrompt: prompts.interpret.version, rewordPrompt: prompts.reword.version },
    'LLM on: rules + model NLU under guardrails',
  );
  return createLlmFromChatModel(model, {
    prompts,
    modelName: config.OPENAI_MODEL,
    method: 'jsonSchema',
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxCallsPerConversation: config.LLM_MAX_CALLS_PER_CONVERSATION,
  });
}
