// @ts-check
// Runs after decap-cms.js in /admin: preview templates that use the site's stylesheet and markup, so
// staff see a page as citizens will. Plain JS served as a file (the admin CSP allows no inline script);
// PREVIEW_LABELS is prepended by src/cms/integration.ts.

(function () {
  const cms = /** @type {any} */ (window).CMS;
  const h = /** @type {any} */ (window).h;
  const labels = /** @type {Record<string, Record<string, string>>} */ (/** @type {any} */ (window).PREVIEW_LABELS);

  // Decap has no Indonesian interface: ours (src/cms/decap-locale-id.json) covers what staff see most;
  // Decap fills any phrase missing from it with the English one.
  cms.registerLocale('id', /** @type {any} */ (window).DECAP_LOCALE_ID);
  cms.registerPreviewStyle('/admin/preview.css');

  /** @param {any} props */
  const lang = (props) => (props.locale === 'en' ? 'en' : 'id');
  /** @param {any} props @param {string} key */
  const label = (props, key) => labels[lang(props)]?.[key] ?? key;
  /** The label with every `{name}` filled, as the site's t() does. @param {any} props @param {string} key @param {Record<string, any>} params */
  const fill = (props, key, params) =>
    label(props, key).replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  /** @param {any} props @param {string} name */
  const get = (props, name) => {
    const v = props.entry.getIn(['data', name]);
    return v && typeof v.toJS === 'function' ? v.toJS() : v;
  };
  /** @param {any} value @param {string} l */
  const date = (value, l) => {
    if (!value) return '';
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return String(value);
    return new Intl.DateTimeFormat(l === 'en' ? 'en-GB' : 'id-ID', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Asia/Jakarta',
    }).format(d);
  };
  /** @param {any[]} children */
  const page = (...children) => h('main', { className: 'cms-preview' }, h('article', { className: 'prose' }, ...children));

  cms.registerPreviewTemplate('pages', (/** @type {any} */ props) =>
    page(
      h('h1', {}, get(props, 'title')),
      props.widgetFor('body'),
      h('p', { className: 'meta' }, fill(props, 'updated', { date: date(get(props, 'updated'), lang(props)) })),
    ),
  );

  cms.registerPreviewTemplate('destinations', (/** @type {any} */ props) => {
    const list = (/** @type {string} */ n) => (get(props, n) || []).filter(Boolean).join(', ');
    const min = get(props, 'payMin');
    const max = get(props, 'payMax');
    const facts = [
      ['destination.languages', list('languages')],
      ['destination.sectors', list('sectors')],
      ['destination.pay', min && max ? fill(props, 'destination.payValue', { min, max }) : ''],
      ['destination.training', get(props, 'trainingMonths') || ''],
      ['destination.notes', get(props, 'notes') || ''],
    ].filter(([, v]) => v);
    return page(
      h('p', { className: 'kicker' }, label(props, `region.${get(props, 'region')}`)),
      h('h1', {}, get(props, 'name')),
      h('p', { className: 'lead' }, get(props, 'summary')),
      facts.length
        ? h(
            'dl',
            { className: 'facts facts--list' },
            ...facts.map(([k, v]) => h('div', { key: k }, h('dt', {}, label(props, k)), h('dd', {}, v))),
          )
        : null,
      props.widgetFor('body'),
      h('p', {}, h('span', { className: 'button' }, label(props, 'destination.register'))),
    );
  });

  cms.registerPreviewTemplate('announcements', (/** @type {any} */ props) =>
    page(h('h1', {}, get(props, 'title')), h('p', { className: 'meta' }, date(get(props, 'date'), lang(props))), props.widgetFor('body')),
  );
})();
