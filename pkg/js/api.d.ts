// ---- The API (hand-written in pkg/js/api.d.ts; the document types above are generated) ----

/** Stable error codes, as in the engine's `{ error: { code, path, message } }` documents. */
export type RiskgateErrorCode = 'invalid_request' | 'invalid_policy' | 'limit_exceeded' | 'invalid_ledger' | 'internal' | (string & {});

/** An error of the engine or of its input. `path` is the JSON path of the offending value (`service.tier`), empty when the whole input is at fault. */
export declare class RiskgateError extends Error {
  constructor(code: RiskgateErrorCode, path: string, message: string);
  readonly name: 'RiskgateError';
  readonly code: RiskgateErrorCode;
  readonly path: string;
  toJSON(): { error: { code: RiskgateErrorCode; path: string; message: string } };
}

/** Largest input (UTF-8 bytes) sent into the engine: 16 MiB. Larger inputs throw `limit_exceeded`. */
export declare const MAX_INPUT_BYTES: number;

/** A policy document: a preset name plus overrides (JSON merge patch), or a complete policy. */
export type PolicyDocument = Partial<Policy> | { [key: string]: unknown };

/** What `classify` returns for each file. */
export interface ClassifiedFile {
  path: string;
  categories: string[];
  /** No rule matched: the policy's fallback category applied. */
  fallback: boolean;
}

/** Output formats of `render`. */
export type RenderFormat = 'markdown' | 'text';

/** The engine version (the Cargo workspace version). */
export declare function version(): string;
/** Evaluates a request (object or JSON text) and returns the decision. */
export declare function evaluate(request: Request | string): Decision;
/** Evaluates a request given as JSON text; returns the decision JSON text, byte-identical to the native engine. */
export declare function evaluateJson(request: string): string;
/** The categories of each file (paths or file objects) under a policy (the default preset when none). */
export declare function classify(files: ReadonlyArray<string | FileChange>, policy?: PolicyDocument): ClassifiedFile[];
/** Renders a decision as Markdown (default) or plain text; every point and adjustment is explained. */
export declare function render(decision: Decision | string, format?: RenderFormat): string;
/** The complete policy of a preset (the default preset when none). */
export declare function defaultPolicy(preset?: string): Policy;
/** Checks a policy document; returns the resolved, complete policy, or throws `RiskgateError` (`invalid_policy`). */
export declare function validatePolicy(policy: PolicyDocument | string): Policy;
/** Parses `git diff --name-status [-z]` output (or a bare list of paths), with optional `git diff --numstat [-z]` output, into change files. */
export declare function parseDiff(nameStatus: string, numstat?: string): FileChange[];
/** The JSON Schema of a public document. */
export declare function schema(name: 'request' | 'policy' | 'decision' | 'classify' | 'parseDiff' | (string & {})): Record<string, unknown>;
/** Runs an operation of the engine's JSON API (`evaluate`, `classify`, `render`, `parseDiff`, …) on JSON input; returns the engine's JSON text unchanged. */
export declare function call(op: string, input: unknown): string;
/** A ledger: an array of entries, or JSON Lines text (one entry per line). */
export type Ledger = ReadonlyArray<Entry> | string;
/** The risk-budget status of `service` at instant `at`, folded from the ledger. */
export declare function ledgerStatus(
  entries: Ledger,
  service: string,
  at: string | Date,
  options?: { policy?: PolicyDocument; tier?: number; granularity?: 'day' | 'week' },
): Status;
/** Verifies a ledger: sequence numbers, the SHA-256 chain of `prev` hashes, order of instants. */
export declare function ledgerVerify(entries: Ledger, options?: { expectHead?: string }): Verification;
/** Completes the next entry (its `seq` and `prev`) to append after the ledger. */
export declare function ledgerAppend(entries: Ledger, entry: Record<string, unknown>, options?: { policy?: PolicyDocument }): Appended;
/** Resolves when the engine is ready (immediately in Node; see `riskgate/web`). */
export declare function init(input?: unknown): Promise<void>;

declare const riskgate: {
  version: typeof version;
  evaluate: typeof evaluate;
  evaluateJson: typeof evaluateJson;
  classify: typeof classify;
  render: typeof render;
  defaultPolicy: typeof defaultPolicy;
  validatePolicy: typeof validatePolicy;
  parseDiff: typeof parseDiff;
  schema: typeof schema;
  call: typeof call;
  ledgerStatus: typeof ledgerStatus;
  ledgerVerify: typeof ledgerVerify;
  ledgerAppend: typeof ledgerAppend;
  init: typeof init;
  RiskgateError: typeof RiskgateError;
  MAX_INPUT_BYTES: number;
};
export default riskgate;
