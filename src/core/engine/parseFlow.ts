import { LineCounter, parseDocument } from 'yaml';
import { checkConfirmation } from './checkConfirmation';
import { checkGraph } from './checkGraph';
import { checkOfferStates } from './checkOfferStates';
import { checkReferences } from './checkReferences';
import { checkSlots } from './checkSlots';
import { compileFlow } from './compileFlow';
import { createErrorSink } from './createErrorSink';
import { createLocator } from './createLocator';
import { findDuplicateKeys } from './findDuplicateKeys';
import { flowSchema } from './flowSchema';
import { listFlowHandlers } from './listFlowHandlers';
import { reportSchemaIssues } from './reportSchemaIssues';
import type { FlowError, ParseFlowResult } from './compiledFlow';
import type { Registry } from './types';

function byPosition(a: FlowError, b: FlowError): number {
  return a.line - b.line || a.column - b.column;
}

function failed(errors: FlowError[]): ParseFlowResult {
  return { ok: false, errors: [...errors].sort(byPosition) };
}

/**
 * Parses, validates and compiles one flow file. Every problem is returned as a FlowError located at
 * file:line:column with what to do about it; a flow with any error does not load. Pure (no I/O).
 */
export function parseFlow(source: string, fileName: string, registry: Registry): ParseFlowResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const locator = createLocator(doc, lineCounter);
  const sink = createErrorSink(fileName, locator);
  for (const error of doc.errors) {
    const firstLine = error.message.split('\n')[0] ?? error.message;
    sink.addAt('FLOW.YAML_SYNTAX', error.pos[0], `YAML syntax: ${firstLine}. Check indentation, colons and quotes on this line`);
  }
  if (sink.errors.length > 0) return failed(sink.errors);
  findDuplicateKeys(doc, sink);
  if (sink.errors.length > 0) return failed(sink.errors);
  const parsed = flowSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    reportSchemaIssues(parsed.error.issues, sink, locator);
    return failed(sink.errors);
  }
  const spec = parsed.data;
  const sites = listFlowHandlers(spec);
  checkReferences(spec, sites, registry, sink);
  checkGraph(spec, sites, sink);
  checkSlots(spec, sites, registry, sink);
  checkConfirmation(spec, sink);
  checkOfferStates(spec, sites, sink);
  if (sink.errors.length > 0) return failed(sink.errors);
  return { ok: true, flow: compileFlow(spec, source, fileName, registry) };
}
