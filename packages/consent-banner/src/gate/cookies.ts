/**
 * Deleting declared cookies on revocation: a cookie is only gone when it is expired with the
 * exact path and domain it was set with, which the page cannot read back. So every plausible
 * variant is expired: each path prefix of the current URL, host-only, and the host and every
 * parent domain with and without a leading dot (plus a declared domain).
 */
import type { DeclaredCookie } from '@consentkit/core/lite';

function paths(pathname: string): string[] {
  const out = new Set(['/', '']);
  const parts = pathname.split('/').filter(Boolean);
  let cur = '';
  for (const p of parts) {
    cur += '/' + p;
    out.add(cur);
    out.add(cur + '/');
  }
  return [...out];
}

function domains(host: string, extra?: string): string[] {
  const out = new Set<string>(['']);
  const labels = host.split('.');
  if (!/^[\d.]+$/.test(host) && labels.length > 1) {
    for (let i = 0; i < labels.length - 1; i++) {
      const d = labels.slice(i).join('.');
      out.add(d);
      out.add('.' + d);
    }
  } else {
    out.add(host);
  }
  if (extra) {
    out.add(extra);
    out.add(extra.replace(/^\./, ''));
  }
  return [...out];
}

/** Names of the page's cookies that match the declaration (exact name or pattern). */
export function matchingCookies(decl: DeclaredCookie, names: readonly string[]): string[] {
  if (!decl.pattern) return names.filter((n) => n === decl.name);
  try {
    const re = new RegExp(decl.name);
    return names.filter((n) => re.test(n));
  } catch {
    return [];
  }
}

/** Expires every cookie matching the declarations, in every path/domain variant. Returns the names removed. */
export function deleteCookies(decls: readonly DeclaredCookie[], doc: Document = document, keep: readonly string[] = []): string[] {
  const names = doc.cookie
    .split(';')
    .map((c) => decodeURIComponent(c.split('=')[0]!.trim()))
    .filter(Boolean);
  const hit = new Set<string>();
  const loc = doc.location ?? location;
  for (const d of decls) {
    for (const name of matchingCookies(d, names)) {
      if (keep.includes(name)) continue;
      hit.add(name);
      for (const p of paths(loc.pathname)) {
        for (const dom of domains(loc.hostname, d.domain)) {
          doc.cookie = `${encodeURIComponent(name)}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0${p ? '; path=' + p : ''}${dom ? '; domain=' + dom : ''}`;
        }
      }
    }
  }
  return [...hit];
}
