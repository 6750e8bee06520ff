// The site's mark (a globe on the city's blue): inline in the header, where the first paint needs it; the
// favicon is the same drawing as a file (public/favicon.svg, written by `npm run share-card`), fetched after
// the page — inline it cost every page about 190 B gzip, and the form page must fit one 2G round trip.
export const BRAND_MARK_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0b4f8a"/><circle cx="32" cy="32" r="18" fill="none" stroke="#fff" stroke-width="4"/><path d="M14 32h36M32 14c-7 8-7 28 0 36M32 14c7 8 7 28 0 36" fill="none" stroke="#fff" stroke-width="3"/></svg>';
