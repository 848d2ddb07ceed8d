// The JavaScript API of riskgate around the generated wasm-bindgen glue, shared by the Node
// entry points (CommonJS and ESM) and the browser entry (`riskgate/web`).
//
// Every function sends JSON text to one export of the wasm binding (a thin layer over
// `riskgate::api`) and returns its JSON text (or the parsed value). Errors come back as data,
// `{ "error": { code, path, message } }`, and are thrown as `RiskgateError`. A wasm trap
// never reaches the caller: the instance is re-instantiated and `RiskgateError('internal')`
// is thrown, so the next call works again.

/** Largest input, in UTF-8 bytes, sent into the engine (a request, a policy, a diff). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** An error of the engine or of its input, with the JSON path of the offending value. */
export class RiskgateError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = 'RiskgateError';
    this.code = code;
    this.path = path;
  }

  /** The error as the `{ error: { code, path, message } }` document of the JSON contract. */
  toJSON() {
    return { error: { code: this.code, path: this.path, message: this.message } };
  }
}

function utf8Length(text) {
  if (typeof Buffer !== 'undefined' && typeof Buffer.byteLength === 'function') {
    return Buffer.byteLength(text, 'utf8');
  }
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function checkSize(text, what) {
  // Cheap bounds first: a UTF-16 unit is 1 to 3 UTF-8 bytes.
  if (text.length * 3 <= MAX_INPUT_BYTES) return;
  const bytes = text.length > MAX_INPUT_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_INPUT_BYTES) {
    throw new RiskgateError(
      'limit_exceeded',
      '',
      `the ${what} is ${bytes} bytes; the limit is ${MAX_INPUT_BYTES} bytes (16 MiB)`,
    );
  }
}

function toText(value, what) {
  if (typeof value === 'string') {
    checkSize(value, what);
    return value;
  }
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new RiskgateError('invalid_request', '', `the ${what} cannot be serialized as JSON: ${e && e.message}`);
  }
  if (text === undefined) {
    throw new RiskgateError('invalid_request', '', `expected the ${what} as an object or JSON text, got ${typeof value}`);
  }
  checkSize(text, what);
  return text;
}

function fromErrorDocument(thrown) {
  try {
    const doc = JSON.parse(thrown);
    const e = doc && doc.error;
    if (e && typeof e.code === 'string') {
      return new RiskgateError(e.code, typeof e.path === 'string' ? e.path : '', String(e.message));
    }
  } catch {
    // not an error document: fall through
  }
  return new RiskgateError('internal', '', `unexpected error from the engine: ${thrown}`);
}

/**
 * Builds the API over a glue module. `glue` holds the wasm-bindgen exports and `__riskgate`
 * (re-instantiation and raw access, added by the build); `isReady` says whether the wasm
 * module is instantiated (always true in Node); `schemaTexts()` gives the JSON Schemas'
 * texts by name (`dist/schemas.cjs` or `schemas.js`, made by the build from
 * `core/schemas/`, what the native engine's `api::schema` serves). The schemas are
 * documents, not engine logic: kept out of the wasm, they are ~185 KB less of it to load.
 */
export function makeApi(glue, isReady, schemaTexts) {
  let restarts = 0;

  function guarded(run) {
    if (!isReady()) {
      throw new RiskgateError(
        'internal',
        '',
        'riskgate is not initialized: call `await init()` (riskgate/web) before using it',
      );
    }
    try {
      return run();
    } catch (thrown) {
      if (typeof thrown === 'string') throw fromErrorDocument(thrown);
      // A trap (WebAssembly.RuntimeError), a stack overflow (RangeError) or anything else
      // thrown from inside the instance: its state can no longer be trusted.
      try {
        glue.__riskgate.reinstantiate();
        restarts += 1;
      } catch (e) {
        throw new RiskgateError('internal', '', `the engine failed and could not be restarted: ${e && e.message}`);
      }
      const what = thrown && thrown.message ? `${thrown.name || 'Error'}: ${thrown.message}` : String(thrown);
      throw new RiskgateError('internal', '', `the engine failed (${what}); it was restarted, the next call works again`);
    }
  }

  // A list of strings goes as one text, the paths joined by newlines, and comes back as
  // numbers (riskgate::api::classify_lines): no JSON to write here or to read in the engine,
  // and no text to decode. `undefined` sends the input the JSON way, which answers the same
  // (and explains the same errors) for every input this takes.
  function classifyPaths(files, policy) {
    if (!Array.isArray(files) || 'toJSON' in files) return undefined;
    // Each entry is read once, as JSON.stringify would read it, into an array of our own:
    // the caller's `join`, getters or proxy never pair an answer with another path.
    const n = files.length;
    const paths = new Array(n);
    // The JSON input's length, `{"files":["a","b"]}`, or one more: exact as long as no
    // path holds a character JSON escapes, and the engine declines those.
    let length = 12 + 3 * n;
    for (let i = 0; i < n; i++) {
      const path = files[i];
      if (typeof path !== 'string') return undefined;
      paths[i] = path;
      length += path.length;
    }
    let policyText;
    if (policy !== undefined && policy !== null) {
      let wrapped;
      try {
        wrapped = JSON.stringify({ policy }); // as a member, as the JSON way sends it
      } catch {
        return undefined;
      }
      if (wrapped.length > 2) policyText = wrapped.slice('{"policy":'.length, -1);
      length += wrapped.length - 1;
    }
    // Only where checkSize's own shortcut holds: within the limit whatever the characters.
    if (length * 3 > MAX_INPUT_BYTES) return undefined;
    const joined = paths.join('\n');
    if (typeof joined.isWellFormed !== 'function' || !joined.isWellFormed()) return undefined;
    const packed = guarded(() => glue.classifyLines(n, joined, policyText));
    if (packed === undefined) return undefined;
    const names = JSON.parse(guarded(() => glue.categoryIds(policyText)));
    const out = new Array(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const head = packed[at++];
      const categories = new Array(head & 0x7fffffff);
      for (let j = 0; j < categories.length; j++) categories[j] = names[packed[at++]];
      out[i] = { path: paths[i], categories, fallback: head > 0x7fffffff };
    }
    return out;
  }

  const api = {
    /** The engine version (the Cargo workspace version). */
    version: () => guarded(() => glue.version()),

    /** Evaluates a request (object or JSON text); returns the decision object. */
    evaluate: (request) => JSON.parse(api.evaluateJson(toText(request, 'request'))),

    /** Evaluates a request given as JSON text; returns the decision JSON text, byte-identical to the native engine. */
    evaluateJson(text) {
      if (typeof text !== 'string') {
        throw new RiskgateError('invalid_request', '', `evaluateJson expects JSON text, got ${typeof text}`);
      }
      checkSize(text, 'request');
      return guarded(() => glue.evaluate(text));
    },

    /** Categories of each file (paths or file objects) under a policy (the default preset when none). */
    classify(files, policy) {
      const answered = classifyPaths(files, policy);
      if (answered !== undefined) return answered;
      const input = policy === undefined || policy === null ? { files } : { files, policy };
      const text = toText(input, 'input');
      // The engine answers with category indices per file; the paths are the caller's own
      // strings. (Parsing 9 MB of repeated paths and names took longer than classifying.)
      // Only when JSON.stringify sends exactly the caller's own strings: no `toJSON` on the
      // list or on an entry.
      const plain = Array.isArray(files) && !('toJSON' in files) && files.every(
        (f) => typeof f === 'string' || (f !== null && typeof f === 'object' && typeof f.path === 'string' && !('toJSON' in f)),
      );
      if (!plain) return JSON.parse(guarded(() => glue.classify(text)));
      const answer = JSON.parse(guarded(() => glue.classifyCompact(text)));
      const names = answer.categories;
      const out = new Array(answer.files.length);
      for (let i = 0; i < out.length; i++) {
        // Each file's index array becomes its list of names in place (no second array).
        const categories = answer.files[i];
        for (let j = 0; j < categories.length; j++) categories[j] = names[categories[j]];
        const file = files[i];
        out[i] = { path: typeof file === 'string' ? file : file.path, categories, fallback: false };
      }
      for (const at of answer.fallback) out[at].fallback = true;
      return out;
    },

    /** Renders a decision (object or JSON text) as "markdown" (default) or "text". */
    render(decision, format = 'markdown') {
      const text = toText(decision, 'decision');
      return guarded(() => glue.render(text, String(format)));
    },

    /** The complete policy of a preset (the default preset when none). */
    defaultPolicy(preset) {
      const name = preset === undefined || preset === null ? undefined : String(preset);
      return JSON.parse(guarded(() => glue.defaultPolicy(name)));
    },

    /** Checks a policy document (object or JSON text); returns the resolved, complete policy. */
    validatePolicy(policy) {
      const text = toText(policy, 'policy');
      return JSON.parse(guarded(() => glue.validatePolicy(text)));
    },

    /** Parses `git diff --name-status [-z]` output (optionally with `--numstat [-z]` output) into change files. */
    parseDiff(nameStatus, numstat) {
      if (typeof nameStatus !== 'string') {
        throw new RiskgateError('invalid_request', '', `parseDiff expects the text git printed, got ${typeof nameStatus}`);
      }
      const input = numstat === undefined || numstat === null ? nameStatus : { nameStatus, numstat: String(numstat) };
      const text = toText(JSON.stringify(input), 'diff');
      return JSON.parse(guarded(() => glue.parseDiff(text)));
    },

    /** JSON Schema of a public document: "request", "policy", "decision", … */
    schema(name) {
      const texts = schemaTexts();
      const key = String(name);
      if (!Object.hasOwn(texts, key)) {
        // The native engine's error, word for word (riskgate::api::schema).
        throw new RiskgateError('invalid_request', '', `unknown schema '${key}' (${Object.keys(texts).join(', ')})`);
      }
      return JSON.parse(texts[key]);
    },

    /** Runs an operation of the engine's JSON API on JSON text and returns its JSON text unchanged. */
    call(op, input) {
      const text = toText(input, 'input');
      return guarded(() => glue.call(String(op), text));
    },

    /**
     * Ledger: the budget status of `service` at instant `at` (ISO text or Date), folded from
     * the entries (an array of objects, or JSON Lines text). `options`: { policy, tier, granularity }.
     */
    ledgerStatus(entries, service, at, options = {}) {
      const input = { ...ledgerSource(entries), service, at: at instanceof Date ? at.toISOString() : at, ...options };
      const text = toText(input, 'input');
      return JSON.parse(guarded(() => glue.ledgerStatus(text)));
    },

    /** Ledger: verifies the chain (seq, prev hashes, order) of entries (array or JSON Lines text). `options`: { expectHead }. */
    ledgerVerify(entries, options = {}) {
      const text = toText({ ...ledgerSource(entries), ...options }, 'input');
      return JSON.parse(guarded(() => glue.ledgerVerify(text)));
    },

    /** Ledger: completes the next entry (its `seq` and `prev`) after the entries; returns { entry, line, head, note }. */
    ledgerAppend(entries, entry, options = {}) {
      const text = toText({ ...ledgerSource(entries), entry, ...options }, 'input');
      return JSON.parse(guarded(() => glue.ledgerAppend(text)));
    },

    /** Resolves when the engine is ready (immediately in Node). */
    init: async () => undefined,

    RiskgateError,
    MAX_INPUT_BYTES,
  };

  // For tests of the trap guard: runs `fn(rawWasmExports)` under the same guard.
  Object.defineProperty(api, '__guardedRaw', {
    enumerable: false,
    value: (fn) => guarded(() => fn(glue.__riskgate.exports())),
  });
  Object.defineProperty(api, '__restarts', { enumerable: false, get: () => restarts });
  return api;
}

/** A ledger as the engine takes it: `{ entries }` for an array, `{ text }` for JSON Lines. */
function ledgerSource(entries) {
  if (typeof entries === 'string') {
    checkSize(entries, 'ledger');
    return { text: entries };
  }
  return { entries };
}
