import type { APIRoute } from 'astro';

import { announcementsFeed } from '../../content/feed';

export const GET: APIRoute = ({ site }) => announcementsFeed('id', site);
