import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { collectionDefs } from './content/schemas';

const loader = (name: keyof typeof collectionDefs) =>
  glob({
    pattern: collectionDefs[name].pattern,
    base: `./content/${name}`,
    // The id is the file's path ("en/jepang"), never a `slug` field: the locale folder pairs translations.
    generateId: ({ entry }) => entry.replace(/\.[^.]+$/, ''),
  });

// Spelled out per collection so each keeps its own schema type.
export const collections = {
  pages: defineCollection({ loader: loader('pages'), schema: collectionDefs.pages.schema }),
  destinations: defineCollection({ loader: loader('destinations'), schema: collectionDefs.destinations.schema }),
  faq: defineCollection({ loader: loader('faq'), schema: collectionDefs.faq.schema }),
  announcements: defineCollection({ loader: loader('announcements'), schema: collectionDefs.announcements.schema }),
  vacancies: defineCollection({ loader: loader('vacancies'), schema: collectionDefs.vacancies.schema }),
  settings: defineCollection({ loader: loader('settings'), schema: collectionDefs.settings.schema }),
};
