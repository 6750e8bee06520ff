import { glob, type Loader } from 'astro/loaders';
import { defineCollection } from 'astro:content';

import { collectionDefs } from './content/schemas';
import { defaultLocalePath, readEntryData, withFallback } from './content/translation-fallback';

/**
 * Astro's glob loader, with English entries completed from their Indonesian file where a field is
 * not translated yet (see translation-fallback.ts). English entries are always re-read, because
 * their data depends on a second file that the loader's cache does not know about.
 */
function withTranslationFallback(inner: Loader): Loader {
  return {
    name: inner.name,
    load: (context) =>
      inner.load({
        ...context,
        store: new Proxy(context.store, {
          get(target, prop, receiver) {
            if (prop === 'get') return (id: string) => (id.startsWith('en/') ? undefined : target.get(id));
            const value = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
        parseData: <TData extends Record<string, unknown>>(props: Parameters<typeof context.parseData<TData>>[0]) => {
          const fallback = props.filePath ? defaultLocalePath(props.filePath) : undefined;
          const data = (fallback ? withFallback(props.data, readEntryData(fallback)) : props.data) as TData;
          return context.parseData({ ...props, data });
        },
      }),
  };
}

const loader = (name: keyof typeof collectionDefs) =>
  withTranslationFallback(
    glob({
      pattern: collectionDefs[name].pattern,
      base: `./content/${name}`,
      // The id is the file's path ("en/jepang"), never a `slug` field: the locale folder pairs translations.
      generateId: ({ entry }) => entry.replace(/\.[^.]+$/, ''),
    }),
  );

// Spelled out per collection so each keeps its own schema type.
export const collections = {
  pages: defineCollection({ loader: loader('pages'), schema: collectionDefs.pages.schema }),
  destinations: defineCollection({ loader: loader('destinations'), schema: collectionDefs.destinations.schema }),
  faq: defineCollection({ loader: loader('faq'), schema: collectionDefs.faq.schema }),
  announcements: defineCollection({ loader: loader('announcements'), schema: collectionDefs.announcements.schema }),
  vacancies: defineCollection({ loader: loader('vacancies'), schema: collectionDefs.vacancies.schema }),
  companies: defineCollection({ loader: loader('companies'), schema: collectionDefs.companies.schema }),
  settings: defineCollection({ loader: loader('settings'), schema: collectionDefs.settings.schema }),
};
