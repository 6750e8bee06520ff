// Enhances the registration form; without it the plain form post does everything. It adds:
// a check-your-answers step, a fetch submit that keeps the page (and the answers) when the connection
// drops, server errors shown in place, one submission id so a retried send never registers twice,
// a guard against double submits, the destination preselected from ?tujuan=, and a print button.

const root = document.getElementById('registration');

function form(): HTMLFormElement | null {
  return document.getElementById('reg-form') as HTMLFormElement | null;
}

function labelFor(f: HTMLFormElement, name: string): string {
  const input = f.elements.namedItem(name);
  const el = (input instanceof RadioNodeList ? input[0] : input) as HTMLElement | null;
  const group = el?.closest('.field');
  const text = group?.querySelector('legend, label')?.textContent ?? name;
  return text.replace(/\s*\(.*\)$/, '').trim();
}

function answers(f: HTMLFormElement): [string, string][] {
  const rows: [string, string][] = [];
  for (const group of Array.from(f.querySelectorAll<HTMLElement>('.field'))) {
    const inputs = Array.from(group.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select'));
    const name = inputs[0]?.name;
    if (!name || name === 'consent') continue;
    const values = inputs
      .filter((i) => (i instanceof HTMLInputElement && (i.type === 'checkbox' || i.type === 'radio') ? i.checked : true))
      .map((i) =>
        i instanceof HTMLSelectElement
          ? i.value
            ? (i.selectedOptions[0]?.textContent ?? '')
            : ''
          : i.type === 'checkbox' || i.type === 'radio'
            ? (i.labels?.[0]?.textContent ?? '')
            : i.value,
      )
      .filter(Boolean);
    // A date in three fields reads as one: 17/8/1998.
    rows.push([labelFor(f, name), values.join(group.classList.contains('field--date') ? '/' : ', ') || '—']);
  }
  return rows;
}

function showReview(f: HTMLFormElement): void {
  const d = f.dataset;
  const panel = document.createElement('section');
  panel.className = 'review';
  panel.setAttribute('aria-labelledby', 'review-title');
  const h = document.createElement('h2');
  h.id = 'review-title';
  h.tabIndex = -1;
  h.textContent = d.reviewTitle ?? '';
  const p = document.createElement('p');
  p.textContent = d.reviewText ?? '';
  const dl = document.createElement('dl');
  for (const [k, v] of answers(f)) {
    const row = document.createElement('div');
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = k;
    dd.textContent = v;
    row.append(dt, dd);
    dl.append(row);
  }
  const send = document.createElement('button');
  send.type = 'button';
  send.className = 'button';
  send.textContent = d.submit ?? '';
  const edit = document.createElement('button');
  edit.type = 'button';
  edit.className = 'button button--secondary';
  edit.textContent = d.edit ?? '';
  panel.append(h, p, dl, send, edit);
  // The previous answer's error summary no longer describes these answers.
  document.getElementById('error-summary')?.remove();
  f.hidden = true;
  f.after(panel);
  h.focus();
  edit.addEventListener('click', () => {
    panel.remove();
    f.hidden = false;
    f.querySelector<HTMLElement>('input:not([type=hidden]), select')?.focus();
  });
  send.addEventListener('click', () => void submit(f, send, panel));
}

async function submit(f: HTMLFormElement, button: HTMLButtonElement, panel: HTMLElement): Promise<void> {
  if (button.disabled) return;
  button.disabled = true;
  const status = f.querySelector('.status');
  const label = button.textContent;
  button.textContent = f.dataset.sending ?? '';
  try {
    const res = await fetch(f.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
      body: new URLSearchParams(new FormData(f) as unknown as Record<string, string>),
    });
    if (res.redirected || res.ok) {
      location.assign(res.url);
      return;
    }
    // The server's own page with errors: take its registration block, keep everything else.
    const html = new DOMParser().parseFromString(await res.text(), 'text/html');
    const block = html.getElementById('registration');
    if (!block || !root) throw new Error('unexpected answer');
    root.innerHTML = block.innerHTML;
    document.title = html.title;
    enhance();
    const summary = document.getElementById('error-summary');
    (summary ?? root.querySelector('h1'))?.focus();
  } catch {
    panel.remove();
    f.hidden = false;
    if (status) status.textContent = f.dataset.offline ?? '';
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

function enhance(): void {
  const f = form();
  if (!f) return;
  if (!f.elements.namedItem('submissionId')) {
    const id = document.createElement('input');
    id.type = 'hidden';
    id.name = 'submissionId';
    id.value = crypto.randomUUID();
    f.append(id);
  }
  const wanted = new URLSearchParams(location.search).get('tujuan');
  if (wanted && !f.querySelector('input[name=destinations]:checked')) {
    const box = f.querySelector<HTMLInputElement>(`input[name=destinations][value="${CSS.escape(wanted)}"]`);
    if (box) box.checked = true;
  }
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    showReview(f);
  });
}

document.getElementById('error-summary')?.focus();
enhance();
const printButton = document.querySelector<HTMLButtonElement>('[data-print]');
if (printButton) {
  printButton.hidden = false;
  printButton.addEventListener('click', () => window.print());
}
// Tests and staff can tell the enhancement has arrived (it loads after the first paint).
document.documentElement.dataset.ownScript = 'register-form';
