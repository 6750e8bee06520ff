// The search page only: Pagefind's own UI (dist/pagefind/pagefind-ui.js, loaded just before this)
// over the index built with the site. It picks the index of the page's language from <html lang>.
declare const PagefindUI: new (options: Record<string, unknown>) => unknown;

const mount = document.getElementById('search');
if (mount && typeof PagefindUI === 'function') {
  new PagefindUI({ element: '#search', showImages: false, showSubResults: true, resetStyles: false, autofocus: true });
} else if (mount) {
  // No index (e.g. `npm start`, which does not build one): say so instead of showing an empty page.
  mount.textContent = mount.dataset.unavailable ?? '';
}

// Tests and staff can tell the enhancement has arrived (it loads after the first paint).
if (mount) document.documentElement.dataset.ownScript = 'search';
