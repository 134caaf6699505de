// Writes bench/pages/{consentkit,vanilla,klaro}.html: the same page (same fonts, same content,
// same three categories) with each banner, set up the way each project's docs recommend.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const src = new URL('./pages/', import.meta.url);
/** Generated pages go here (git-ignored); bench/pages holds their sources. */
export const outDir = new URL('./.runs/pages/', import.meta.url);
const dir = outDir;
const head = readFileSync(new URL('_head.html', src), 'utf8');
const body = readFileSync(new URL('_content.html', src), 'utf8');
const categories = [
  { id: 'necessary', title: 'Necessary', description: 'Needed for the site to work.', necessary: true },
  { id: 'analytics', title: 'Analytics', description: 'Counts visits anonymously.' },
  { id: 'marketing', title: 'Marketing', description: 'Personalised advertising.' },
];

export function buildPages() {
  mkdirSync(outDir, { recursive: true });
  copyFileSync(new URL('analytics.js', src), new URL('analytics.js', outDir));
  const ck = {
    site: 'demo',
    policyUrl: '/privacy',
    revision: 1,
    categories,
  };
  writeFileSync(
    new URL('consentkit.html', dir),
    `<!doctype html><html lang="en"><head>
  <script type="application/json" id="consentkit-config">${JSON.stringify(ck)}</script>
  <script src="/embed/consentkit.js"></script>
${head}  <title>consentkit</title></head><body>
${body}</body></html>\n`,
  );
  const vanilla = {
    // v3 hides itself from automated browsers by default; this bench is one.
    hideFromBots: false,
    categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: { title: 'We use cookies', description: 'Choose what to allow.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Customise' },
          preferencesModal: {
            title: 'Preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save',
            sections: categories.map((c) => ({ title: c.title, description: c.description, linkedCategory: c.id })),
          },
        },
      },
    },
  };
  writeFileSync(new URL('vanilla-init.js', dir), `CookieConsent.run(${JSON.stringify(vanilla)});\n`);
  writeFileSync(
    new URL('vanilla.html', dir),
    `<!doctype html><html lang="en"><head>
  <link rel="stylesheet" href="/peers/vanilla/cookieconsent.css">
${head}  <title>vanilla-cookieconsent</title></head><body>
${body}  <script src="/peers/vanilla/cookieconsent.umd.js"></script>
  <script src="/vanilla-init.js"></script>
</body></html>\n`,
  );
  const klaro = {
    version: 1, elementID: 'klaro', lang: 'en', noticeAsModal: false, mustConsent: false, acceptAll: true, hideDeclineAll: false,
    privacyPolicy: '/privacy',
    services: [{ name: 'analytics', title: 'Analytics', purposes: ['analytics'] }, { name: 'marketing', title: 'Marketing', purposes: ['marketing'] }],
  };
  writeFileSync(new URL('klaro-config.js', dir), `window.klaroConfig = ${JSON.stringify(klaro)};\n`);
  writeFileSync(
    new URL('klaro.html', dir),
    `<!doctype html><html lang="en"><head>
  <script src="/klaro-config.js"></script>
  <script defer src="/peers/klaro/klaro.js"></script>
${head}  <title>Klaro</title></head><body>
${body}</body></html>\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) buildPages();
