import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { collectionDefs } from './content/schemas';

const collection = <K extends keyof typeof collectionDefs>(name: K) =>
  defineCollection({
    loader: glob({
      pattern: collectionDefs[name].pattern,
      base: `./content/${name}`,
      // The id is the file's path ("en/jepang"), never a `slug` field: the locale folder pairs translations.
      generateId: ({ entry }) => entry.replace(/\.[^.]+$/, ''),
    }),
    schema: collectionDefs[name].schema,
  });

export const collections = {
  pages: collection('pages'),
  destinations: collection('destinations'),
  faq: collection('faq'),
  announcements: collection('announcements'),
  settings: collection('settings'),
};
