// The ledger file of the CLI: JSON Lines, appended under an exclusive lock so concurrent CI
// jobs on one machine never lose or interleave lines.
//
// Locking: `FILE.lock` is created with O_CREAT|O_EXCL (fs 'wx'); a process that finds it
// retries with exponential backoff and jitter, and removes it only when it is stale (its
// owner process is gone and it is older than STALE_MS). Under the lock the ledger is read
// afresh, the entry computed from that state, then appended with a single write and fsync.
import fs from 'node:fs';

const STALE_MS = 10_000;
const TIMEOUT_MS = 120_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms) {
  Atomics.wait(sleeper, 0, 0, ms);
}

function isStale(lock) {
  let text;
  let stat;
  try {
    stat = fs.statSync(lock);
    text = fs.readFileSync(lock, 'utf8');
  } catch {
    return false; // gone already: just retry
  }
  if (Date.now() - stat.mtimeMs < STALE_MS) return false;
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false; // its owner still runs
  } catch (e) {
    return e.code === 'ESRCH';
  }
}

/** Runs `fn` while holding `FILE.lock`; throws after TIMEOUT_MS of waiting. */
export function withLock(file, fn, { timeoutMs = TIMEOUT_MS } = {}) {
  const lock = `${file}.lock`;
  const start = Date.now();
  let delay = 2;
  for (;;) {
    let fd;
    try {
      fd = fs.openSync(lock, 'wx', 0o644);
    } catch (e) {
      if (e.code !== 'EEXIST') throw new Error(`${lock}: cannot create the lock file: ${e.code ?? e.message}`);
      if (isStale(lock)) {
        try {
          fs.unlinkSync(lock);
        } catch {
          // someone else removed it
        }
        continue;
      }
      if (Date.now() - start > timeoutMs) {
        throw new Error(`${lock}: still locked after ${Math.round(timeoutMs / 1000)} s (remove it if no riskgate runs)`);
      }
      sleep(delay + Math.floor(Math.random() * delay));
      delay = Math.min(delay * 2, 100);
      continue;
    }
    try {
      fs.writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
    } finally {
      fs.closeSync(fd);
    }
    break;
  }
  try {
    return fn();
  } finally {
    try {
      fs.unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}

/** The ledger's text; a missing file is an empty ledger. */
export function readLedgerText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return '';
    throw new Error(`${file}: cannot read the ledger: ${e.code ?? e.message}`);
  }
}

/** Appends one line (a JSON document without newlines) in one write, then fsyncs. */
export function appendLine(file, line) {
  if (line.includes('\n')) throw new Error('a ledger line must not contain a newline');
  const existing = readLedgerText(file);
  // A ledger whose last line lacks its newline (an interrupted writer) gets one first.
  const prefix = existing.length > 0 && !existing.endsWith('\n') ? '\n' : '';
  const fd = fs.openSync(file, 'a', 0o644);
  try {
    const data = Buffer.from(`${prefix}${line}\n`, 'utf8');
    let written = 0;
    while (written < data.length) written += fs.writeSync(fd, data, written, data.length - written);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
