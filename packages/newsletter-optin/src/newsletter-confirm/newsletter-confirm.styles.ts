import { base, theme } from '../shared/styles.js';

export const styles = [theme('newsletter-confirm'), base];
