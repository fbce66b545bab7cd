/** A small history router for the console's pages under /admin. */
import { useEffect, useState } from 'preact/hooks';

export const CONSOLE_BASE = '/admin';
const CHANGE_EVENT = 'console:navigate';

/**
 * The path below /admin with its query, such as `/tokens`, `/directory/users/42` or
 * `/directory?tab=groups`; `/` for the console root.
 */
export function currentRoute(): string {
  const path = window.location.pathname.replace(/\/+$/, '');
  const below = path.startsWith(CONSOLE_BASE) ? path.slice(CONSOLE_BASE.length) : path;
  return `${below === '' ? '/' : below}${window.location.search}`;
}

/** The query parameters of a route. */
export function routeQuery(route: string): URLSearchParams {
  const index = route.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : route.slice(index + 1));
}

/** A route with query parameters, leaving out empty ones. */
export function withQuery(path: string, parameters: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

export function navigate(route: string, options: { replace?: boolean } = {}): void {
  const target = `${CONSOLE_BASE}${route === '/' ? '/' : route}`;
  if (options.replace) {
    window.history.replaceState(null, '', target);
    window.dispatchEvent(new Event(CHANGE_EVENT));
    return;
  }
  if (target !== window.location.pathname + window.location.search) window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(CHANGE_EVENT));
  window.scrollTo(0, 0);
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const update = (): void => setRoute(currentRoute());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE_EVENT, update);
    };
  }, []);
  return route;
}

/** Follow a link inside the console without reloading; let modified clicks open new tabs. */
export function linkHandler(route: string): (event: MouseEvent) => void {
  return (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(route);
  };
}
