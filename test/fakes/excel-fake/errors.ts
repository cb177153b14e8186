/**
 * Errors shaped like `OfficeExtension.Error` (name, code, message, debugInfo, traceMessages,
 * innerError), so adapter code that branches on `error.code` behaves as it would in Excel.
 * Codes: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 */

/** Error codes the fake can raise (a subset of OfficeExtension.ErrorCodes + Excel.ErrorCodes). */
export type FakeErrorCode =
  | 'AccessDenied'
  | 'ApiNotFound'
  | 'GeneralException'
  | 'InvalidArgument'
  | 'InvalidObjectPath'
  | 'InvalidOperation'
  | 'InvalidOperationInCellEditMode'
  | 'InvalidReference'
  | 'InvalidRequestContext'
  | 'ItemAlreadyExists'
  | 'ItemNotFound'
  | 'NotImplemented'
  | 'OperationCellsExceedLimit'
  | 'PropertyNotLoaded'
  | 'RangeExceedsLimit'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'RunMustReturnPromise'
  | 'ValueNotLoaded';

/** Mirrors `OfficeExtension.DebugInfo`. */
export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

/** Same public shape as `OfficeExtension.Error`; `instanceof Error` also holds. */
export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;
  traceMessages: string[] = [];
  readonly innerError: FakeOfficeError | null;

  constructor(code: string, message: string, errorLocation?: string, innerError: FakeOfficeError | null = null) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
    this.innerError = innerError;
  }

  /** `JSON.stringify(error)` in Office.js yields the debug info; keep that habit working. */
  toJSON(): FakeDebugInfo {
    return this.debugInfo;
  }
}

/** Builds a FakeOfficeError; `where` names the API, like Office.js's debugInfo.errorLocation. */
export function officeError(code: FakeErrorCode, message: string, where?: string): FakeOfficeError {
  return new FakeOfficeError(code, message, where);
}

/** Type guard for errors raised by the fake (or anything with a string `code`). */
export function isOfficeError(error: unknown): error is FakeOfficeError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** The message Office.js uses for PropertyNotLoaded (shortened). */
export function propertyNotLoaded(className: string, property: string): FakeOfficeError {
  return officeError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${className}.${property}`,
  );
}
