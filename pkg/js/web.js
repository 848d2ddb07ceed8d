// riskgate for browsers and bundlers (ESM). Call `await init()` once before anything else:
//   await init();                                   // fetches riskgate.wasm next to this module
//   await init(new URL('/assets/riskgate.wasm', location.href));
//   await init(bytes);                              // ArrayBuffer, typed array or WebAssembly.Module
import * as glue from './glue/web.js';
import { makeApi } from './shared.js';
import { SCHEMAS } from './schemas.js';

let ready = false;

/** Instantiates the engine from a URL, a Response, bytes or a compiled module; idempotent. */
export async function init(input) {
  if (ready) return;
  if (input instanceof WebAssembly.Module || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    glue.initSync({ module: input });
  } else {
    await glue.default(input === undefined ? undefined : { module_or_path: input });
  }
  ready = true;
}

/** Synchronous instantiation from bytes or a compiled module (for workers and tests). */
export function initSync(input) {
  if (ready) return;
  glue.initSync({ module: input });
  ready = true;
}

const api = makeApi(glue, () => ready, () => SCHEMAS);

export const {
  version,
  evaluate,
  evaluateJson,
  classify,
  render,
  defaultPolicy,
  validatePolicy,
  parseDiff,
  schema,
  call,
  ledgerStatus,
  ledgerVerify,
  ledgerAppend,
  RiskgateError,
  MAX_INPUT_BYTES,
} = api;
api.init = init;
api.initSync = initSync;
export default api;
