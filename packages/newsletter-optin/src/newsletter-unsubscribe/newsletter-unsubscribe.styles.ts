import { base, theme } from '../shared/styles.js';

export const styles = [theme('newsletter-unsubscribe'), base];
