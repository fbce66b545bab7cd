/** What every admin API route module is given. */
import type { FastifyRequest } from 'fastify';
import type { Directory } from '../../directory/directory.js';
import { ScimError } from '../../scim/errors.js';
import type { AdminAuth, AuthenticatedAdmin } from '../admin-auth.js';
import { adminScimBaseUrl } from './admin-request.js';

export interface AdminRouteContext {
  directory: Directory;
  auth: AdminAuth;
  publicUrl: string | undefined;
}

export function signedInAdmin(request: FastifyRequest): AuthenticatedAdmin {
  if (request.adminSession === null) throw ScimError.unauthorized('Sign in to the admin console first.');
  return request.adminSession;
}

export function baseUrlOf(context: AdminRouteContext, request: FastifyRequest): string {
  return adminScimBaseUrl(request, context.publicUrl);
}
