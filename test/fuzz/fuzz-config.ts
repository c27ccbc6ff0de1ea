import { appendFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

/** Fixed seed: a failure in `npm test` is the same failure on every machine. `npm run fuzz` varies it. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 0x8c3a);
/** Bounded in `npm test`; `npm run fuzz` raises it (FUZZ_RUNS). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const FIGURES = path.resolve(process.env.RELIABILITY_FIGURES ?? path.join(__dirname, '../../test-results/reliability-figures.jsonl'));

/** Records how many inputs a property tried and whether any failed, for the README's figures. */
export function record(suite: string, inputs: number, failures: number, extra: Record<string, number> = {}): void {
  mkdirSync(path.dirname(FIGURES), { recursive: true });
  appendFileSync(FIGURES, `${JSON.stringify({ suite, inputs, failures, ...extra, at: new Date().toISOString() })}\n`);
}

/** fc.assert with the fixed seed and bounded count; the run is recorded either way. */
export async function check<Ts extends unknown[]>(name: string, property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>, runs = FUZZ_RUNS): Promise<void> {
  let failures = 0;
  try {
    await fc.assert(property as fc.IAsyncProperty<Ts>, { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true });
  } catch (error) {
    failures = 1;
    throw error;
  } finally {
    record(`fuzz: ${name}`, runs, failures);
  }
}

/** Strings that stress parsers: controls, NUL, bidi, IDN, percent-escapes, URL punctuation. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.constantFrom('\u0000', '\u0001', '\u001b[2J', '\u007f', '\u0085', '\u202e', '\u2066', '\n', '\r', '\t', ' ', '@', ':', '/', '\\', '?', '#', '%00', '%2e', '..', '[', ']', 'xn--', 'ä', '例', 'http', 'https', '://', 'localhost', '127.0.0.1', '::1', 'user:pw@', 'chat.example.com', '8443', '__proto__'), { maxLength: 12 }).map((parts) => parts.join('')),
);
