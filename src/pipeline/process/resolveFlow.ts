import type { ConversationRow } from '../../adapters/db/schema';
import type { CompiledFlow } from '../../core/engine/compiledFlow';
import type { Session } from '../../core/engine/types';
import { parseStoredSession } from './parseStoredSession';
import type { PipelineDeps } from '../pipelineDeps';

/** The conversation's flow and session: it stays on the flow version it started on while that version is loaded. Pure. */
export function resolveFlow(deps: Pick<PipelineDeps, 'flows'>, conversation: Pick<ConversationRow, 'id' | 'session'>): { flow: CompiledFlow; session: Session } {
  const stored = parseStoredSession(conversation.session);
  if (!stored) throw new Error(`conversation ${conversation.id} has no valid session`);
  const flow = deps.flows.get(stored.flowId, stored.flowVersion) ?? deps.flows.current(stored.flowId);
  if (!flow) throw new Error(`flow ${stored.flowId} is not loaded`);
  return { flow, session: stored };
}
