/**
 * The re-open button's label in the bundled languages (the loader draws that button itself on
 * returning visits, without i18next). Kept equal to `reopen` in consent-banner's locales by a test.
 */
export const reopenLabels: Record<string, string> = {
  en: 'Privacy settings',
  fr: 'Paramètres de confidentialité',
  de: 'Datenschutzeinstellungen',
  es: 'Configuración de privacidad',
  it: 'Impostazioni della privacy',
  nl: 'Privacyinstellingen',
  pt: 'Definições de privacidade',
  pl: 'Ustawienia prywatności',
  ar: 'إعدادات الخصوصية',
  he: 'הגדרות פרטיות',
};
