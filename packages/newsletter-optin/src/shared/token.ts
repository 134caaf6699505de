/**
 * Mail links carry their token in the URL fragment (`#token=…`: never sent to any server, so
 * never in access logs); a `?token=` query is accepted too. After use it is removed from the
 * address bar and the history entry with `history.replaceState`.
 */
export function tokenFromUrl(href: string = location.href): string | undefined {
  const url = new URL(href);
  const fromHash = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  return fromHash ?? url.searchParams.get('token') ?? undefined;
}

export function forgetTokenInUrl(): void {
  const url = new URL(location.href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  if (!hash.has('token') && !url.searchParams.has('token')) return;
  hash.delete('token');
  url.searchParams.delete('token');
  const rest = hash.toString();
  url.hash = rest ? `#${rest}` : '';
  history.replaceState(history.state, '', url.href.replace(/#$/, ''));
}
