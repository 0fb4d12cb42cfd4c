import type { FlowError } from './compiledFlow';

/** `flows/x.yaml:12:7: message [CODE]`, the line editors and terminals turn into a link. Pure. */
export function formatFlowError(error: FlowError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message} [${error.code}]`;
}
