// A form on another site can post to ours for its visitors: registrations in their names, status
// guesses spread over thousands of addresses. Browsers say where a post comes from: Sec-Fetch-Site, and
// Origin on every cross-origin POST. A post from another site is refused; a request with neither header
// (an old browser, a script, staff's tools) is served as before.

export function crossSite(req: Request): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site === 'cross-site') return true;
  const origin = req.headers.get('origin');
  if (!origin) return false;
  // "null": a sandboxed frame, a data: page, a redirect from another origin — never our own form.
  if (origin === 'null') return site !== 'same-origin';
  try {
    return new URL(origin).host !== new URL(req.url).host;
  } catch {
    return true;
  }
}
