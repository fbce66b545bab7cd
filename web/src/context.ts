/** The API client and the signed-in admin, for every page. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminApi } from './api.js';

export interface ConsoleContextValue {
  api: AdminApi;
  username: string;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole() outside the signed-in console');
  return value;
}
