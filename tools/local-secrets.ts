import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';

// Secrets for `npm start` only: made once, kept in .data/ (git-ignored), so what the local site stored
// stays readable between runs. Production sets its own in Netlify's environment variables.
const FILE = '.data/local-secrets.json';

export async function localSecret(name: string): Promise<string> {
  const saved = JSON.parse(await readFile(FILE, 'utf8').catch(() => '{}')) as Record<string, string>;
  if (!saved[name]) {
    saved[name] = randomBytes(32).toString('base64url');
    await mkdir('.data', { recursive: true });
    await writeFile(FILE, JSON.stringify(saved, null, 1), { mode: 0o600 });
  }
  return saved[name]!;
}
