import { z } from 'zod';

/**
 * Where a person goes once signed in: the page they asked for before the sign-in page, by its local path
 * (and query). Only a path of ours: never another origin (`//host`, `/\host`, a scheme), never the sign-in
 * routes themselves or the API, so a crafted sign-in link can lead nowhere but to one of our pages.
 */
const returnPath = z
  .string()
  .max(1000)
  .regex(/^\/(?![/\\])[^\s\\]*$/)
  // Routes match in any case; a browser drops `.` and `..` segments (also as `%2e`) before it asks, so
  // `/./api` is `/api` to it.
  .refine((path) => !/^\/(api|logg-inn|logg-ut|forste-gang)(?=[/?#]|$)/i.test(path))
  .refine(
    (path) =>
      !path
        .split(/[?#]/)[0]
        .split('/')
        .some((part) => /^(\.|%2e){1,2}$/i.test(part)),
  );

/** The page to go back to, or null for the start page (also for anything that is not a path of ours). */
export function returnPathOf(value: unknown): string | null {
  const parsed = returnPath.safeParse(value);
  return parsed.success && parsed.data !== '/' ? parsed.data : null;
}

/** `/logg-inn`, carrying the page to go back to when there is one. */
export const signInPath = (back: string | null): string => carrying('/logg-inn', back);

/** The start of single sign-on, `/logg-inn/sso`, carrying the page to go back to when there is one. */
export const ssoPath = (back: string | null): string => carrying('/logg-inn/sso', back);

const carrying = (path: string, back: string | null): string =>
  back ? `${path}?neste=${encodeURIComponent(back)}` : path;
