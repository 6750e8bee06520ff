import { type ChildProcess, spawn } from 'node:child_process';

import { DECAP_PORT } from '../src/cms/local-backend';

/**
 * decap-server writing into `repo`, on 127.0.0.1 only (it has no login). MODE is set explicitly:
 * decap-server reads MODE from the environment, and vitest sets MODE=test.
 */
export function startDecapServer(repo: string, { logLevel = 'error', stderr = false } = {}): ChildProcess {
  return spawn('node_modules/.bin/decap-server', [], {
    stdio: ['ignore', 'ignore', stderr ? 'inherit' : 'ignore'],
    env: { ...process.env, MODE: 'fs', BIND_HOST: '127.0.0.1', PORT: String(DECAP_PORT), LOG_LEVEL: logLevel, GIT_REPO_DIRECTORY: repo },
  });
}

/** Resolves once decap-server answers; rejects after `ms`. */
export async function decapServerReady(ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${DECAP_PORT}/api/v1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"action":"info"}',
    })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > until) throw new Error('decap-server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}
