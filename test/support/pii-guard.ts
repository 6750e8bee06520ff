import { format } from 'node:util';

import { afterAll, beforeAll, expect } from 'vitest';

import { personalValues } from '../../tools/people';

// UU PDP: NIK, phone numbers and birth dates never go into a log line. Every test file runs with this
// guard: it records everything written to the console and fails the file if a synthetic personal
// value from people.ts shows up in it.

const captured: string[] = [];
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originals = new Map<string, (...args: unknown[]) => void>();

beforeAll(() => {
  for (const m of methods) {
    const original = console[m].bind(console);
    originals.set(m, original);
    console[m] = (...args: unknown[]) => {
      captured.push(format(...args));
      original(...args);
    };
  }
});

afterAll(() => {
  for (const m of methods) console[m] = originals.get(m)!;
  const leaks = captured.filter((line) => [...personalValues].some((v) => line.includes(v)));
  expect(leaks, 'personal data in log output').toEqual([]);
});
