import type { SiteConfigInput } from '../src/config.js';

/** A realistic site config used across core tests. */
export const demoConfig = (): SiteConfigInput => ({
  site: 'demo',
  endpoint: 'https://api.example.test',
  policyUrl: '/privacy',
  revision: 3,
  categories: [
    { id: 'necessary', title: 'Necessary', description: 'Needed for the site to work.', necessary: true, cookies: [{ name: 'ck_consent' }] },
    {
      id: 'analytics',
      title: { en: 'Analytics', fr: 'Mesure d’audience' },
      description: 'Counts visits.',
      gpc: true,
      services: [{ id: 'matomo', name: 'Matomo', cookies: [{ name: '^_pk_', pattern: true, duration: '13 months' }] }],
    },
    { id: 'media', title: 'Media', description: 'Videos from YouTube.', services: [{ id: 'youtube', name: 'YouTube' }, { id: 'vimeo', name: 'Vimeo' }] },
    { id: 'fonts', title: 'Fonts', description: 'Google Fonts.', cookies: [] },
  ],
});
