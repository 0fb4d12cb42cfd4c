import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Llm, LlmRequest, PromptSet } from './types';

/** How JSON is obtained: OpenAI structured outputs, forced function call, or plain text holding JSON. */
export type StructuredMethod = 'jsonSchema' | 'functionCalling' | 'jsonText';

export interface ChatModelLlmOptions {
  prompts: PromptSet;
  modelName: string;
  method: StructuredMethod;
  timeoutMs: number;
  maxCallsPerConversation: number;
}

/**
 * Adapts any LangChain chat model to the Llm port. ChatOpenAI uses `withStructuredOutput` (zod schema →
 * JSON schema, strict); models without tool support (LangChain's fake models in unit tests) answer JSON as
 * text. The system prompt and the data always travel as two separate messages. Does network I/O.
 */
export function createLlmFromChatModel(model: BaseChatModel, options: ChatModelLlmOptions): Llm {
  return {
    modelName: options.modelName,
    prompts: options.prompts,
    timeoutMs: options.timeoutMs,
    maxCallsPerConversation: options.maxCallsPerConversation,
    async generate<T>(request: LlmRequest<T>): Promise<unknown> {
      const messages = [new SystemMessage(request.system), new HumanMessage(request.user)];
      if (options.method === 'jsonText') {
        const reply = await model.invoke(messages, { signal: request.signal });
        return parseJsonText(reply.text);
      }
      const structured = model.withStructuredOutput(request.schema, {
        name: request.schemaName,
        method: options.method,
        strict: true,
      });
      return structured.invoke(messages, { signal: request.signal });
    },
  };
}

/** Reads a JSON object out of a text reply, tolerating a Markdown code fence around it. Throws SyntaxError. */
function parseJsonText(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  return JSON.parse((fenced?.[1] ?? text).trim());
}
