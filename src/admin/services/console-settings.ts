/** SCIM on/off, the deprovisioning policy and retention, as the console shows and changes them. */
import type { Directory } from '../../directory/directory.js';
import { ScimError } from '../../scim/errors.js';
import type { ConsoleSettings, SettingsChange } from '../admin-api-types.js';

export const MAX_RETENTION_DAYS = 3650;

export async function readConsoleSettings(directory: Directory, scimBaseUrl: string): Promise<ConsoleSettings> {
  const current = await directory.settings.current();
  return {
    scimEnabled: current.scimEnabled,
    scimBaseUrl,
    deprovisioningPolicy: current.deprovisioningPolicy,
    softDeleteRetentionDays: current.softDeleteRetentionDays,
    activityRetention: { days: directory.config.activityRetentionDays, maxRows: directory.config.activityMaxRows },
  };
}

/** Validate a change sent by the console or the CLI; unknown keys are refused so typos do not pass silently. */
export function parseSettingsChange(body: unknown): SettingsChange {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ScimError.invalidSyntax('Send a JSON object such as {"scimEnabled": false}.');
  }
  const change: SettingsChange = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    switch (key) {
      case 'scimEnabled':
        if (typeof value !== 'boolean') throw ScimError.invalidValue('"scimEnabled" must be true or false.');
        change.scimEnabled = value;
        break;
      case 'deprovisioningPolicy':
        if (value !== 'hard' && value !== 'soft') {
          throw ScimError.invalidValue(
            '"deprovisioningPolicy" must be "hard" (DELETE /Users removes the user) or "soft" (the user is hidden and can be restored).',
          );
        }
        change.deprovisioningPolicy = value;
        break;
      case 'softDeleteRetentionDays':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_RETENTION_DAYS) {
          throw ScimError.invalidValue(
            `"softDeleteRetentionDays" must be a whole number of days from 0 (keep until purged by hand) to ${MAX_RETENTION_DAYS}.`,
          );
        }
        change.softDeleteRetentionDays = value;
        break;
      default:
        throw ScimError.invalidValue(
          `Unknown setting "${key}". The settings are scimEnabled, deprovisioningPolicy and softDeleteRetentionDays.`,
        );
    }
  }
  return change;
}

export async function updateConsoleSettings(
  directory: Directory,
  change: SettingsChange,
  scimBaseUrl: string,
): Promise<ConsoleSettings> {
  await directory.settings.update(change);
  return readConsoleSettings(directory, scimBaseUrl);
}
