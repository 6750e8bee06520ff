import type { APIRoute } from 'astro';
import { announcementsFeed } from '../../lib/feed';

export const GET: APIRoute = ({ site }) => announcementsFeed('id', site);
