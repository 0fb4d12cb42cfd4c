import type { FlowError } from './compiledFlow';
import type { Locator, YamlPath } from './createLocator';

/** Collects located loader errors for one file. */
export interface ErrorSink {
  errors: FlowError[];
  add(code: string, path: YamlPath, message: string, options?: { key?: boolean }): void;
  addAt(code: string, offset: number, message: string): void;
}

/** An error collector that turns YAML paths into file:line:column through the locator. Pure. */
export function createErrorSink(file: string, locator: Locator): ErrorSink {
  const errors: FlowError[] = [];
  return {
    errors,
    add(code, path, message, options) {
      const { line, column } = locator.at(path, options);
      errors.push({ file, line, column, code, message });
    },
    addAt(code, offset, message) {
      const { line, column } = locator.atOffset(offset);
      errors.push({ file, line, column, code, message });
    },
  };
}
