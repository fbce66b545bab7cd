/**
 * The admin console in a real browser (Debian's chromium through playwright-core), clicking
 * through the flows of issue 4: set up the admin; create a token and use it against SCIM; see
 * that request in Activity; add a custom attribute and find it in /Schemas; deactivate a user,
 * then delete it; revoke the token and see 401. Each page is captured in docs/images/.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminTestServer, startAdminTestServer } from '../support/admin-test-server.js';
import { GROUP_SCHEMA, OKTA_AGENT, PATCH_OP, createUser, scimCall, userBody } from '../admin/scim-calls.js';
import { type Browser, HAS_CHROMIUM, SKIP_MESSAGE, buildConsole, openBrowser, screenshot } from './browser-harness.js';

const ADMIN = { name: 'it-admin', password: 'workstation passphrase 2026' };
const STRATEGY_USER = 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:User';

if (!HAS_CHROMIUM) console.warn(SKIP_MESSAGE);

describe.skipIf(!HAS_CHROMIUM)('admin console in chromium', { timeout: 60_000 }, () => {
  let server: AdminTestServer | undefined;
  const started = (): AdminTestServer => {
    if (server === undefined) throw new Error('the server did not start');
    return server;
  };
  let browser: Browser | undefined;
  const opened = (): Browser => {
    if (browser === undefined) throw new Error('the browser did not open');
    return browser;
  };
  let webRoot = '';
  let secret = '';
  let userId = '';

  const page = () => opened().page;
  const goTo = async (label: string, heading: string): Promise<void> => {
    await page().getByRole('navigation', { name: 'Console' }).getByRole('link', { name: label, exact: true }).click();
    await page().getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  beforeAll(async () => {
    webRoot = await buildConsole();
    server = await startAdminTestServer({ webRoot });
    // A directory to browse: users, one in a group with a Distinguished Name.
    for (const name of ['ada.lovelace', 'alan.turing', 'grace.hopper', 'edsger.dijkstra']) {
      await createUser(started().scimBase, started().token, name, {
        name: { givenName: name.split('.')[0], familyName: name.split('.')[1] },
      });
    }
    const members = (await scimCall(started().scimBase, started().token, 'GET', '/Users?count=10')).body[
      'Resources'
    ] as {
      id: string;
    }[];
    await scimCall(started().scimBase, started().token, 'POST', '/Groups', {
      schemas: [GROUP_SCHEMA, 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:Group'],
      displayName: 'Research',
      members: members.map((member) => ({ value: member.id })),
      'urn:ietf:params:scim:schemas:extension:Strategy:2.0:Group': {
        distinguishedName: 'CN=Research,OU=Groups,DC=example,DC=com',
      },
    });
    browser = await openBrowser(started().origin);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it('sets up the first admin with the one-time code', async () => {
    await page().goto(`${started().origin}/admin`);
    await page().getByRole('heading', { name: 'Set up the admin console' }).waitFor();
    await page().getByLabel('Set-up code').fill(started().setupCode);
    await page().getByLabel('Admin name').fill(ADMIN.name);
    await page().getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page().getByLabel('Confirm password').fill(ADMIN.password);
    await screenshot(page(), '01-setup');
    await page().getByRole('button', { name: 'Create admin and sign in' }).click();
    await page().getByRole('heading', { level: 1, name: 'SCIM' }).waitFor();
    expect(page().url()).toBe(`${started().origin}/admin/scim`);
    expect(await page().getByRole('textbox', { name: 'SCIM connector base URL' }).inputValue()).toBe(
      started().scimBase,
    );
    expect(await page().getByText(`${started().scimBase}?aadOptscim062020`).count()).toBe(1);
    await page()
      .getByRole('checkbox', { name: /Unique identifier field for users/ })
      .check();
    await screenshot(page(), '02-scim');
  });

  it('copies the base URL with the copy button', async () => {
    await page().locator('#base-url').getByRole('button', { name: 'Copy' }).click();
    await page().locator('#base-url').getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page().evaluate(() => navigator.clipboard.readText())).toBe(started().scimBase);
  });

  it('disables SCIM (403 for every SCIM request) and enables it again', async () => {
    await page().getByRole('button', { name: 'Disable SCIM' }).click();
    await page().getByRole('dialog').getByRole('button', { name: 'Disable SCIM' }).click();
    await page().getByText('Disabled', { exact: true }).waitFor();
    const refused = await scimCall(started().scimBase, started().token, 'GET', '/Users');
    expect(refused.status).toBe(403);
    expect(String(refused.body['detail'])).toMatch(/provisioning is disabled/i);
    await page().getByRole('button', { name: 'Enable SCIM' }).click();
    await page().getByText('Enabled', { exact: true }).waitFor();
    expect((await scimCall(started().scimBase, started().token, 'GET', '/Users')).status).toBe(200);
  });

  it('creates a token, shows its secret once, and the token works against SCIM', async () => {
    await goTo('Tokens', 'Tokens');
    await page().getByLabel('Name').fill('okta-production');
    await page().getByLabel('Expires after').selectOption({ label: '90 days' });
    await page().getByRole('button', { name: 'Create token' }).click();
    const field = page().getByLabel('New bearer token');
    await field.waitFor();
    secret = await field.inputValue();
    expect(secret).toMatch(/^lsc_[A-Za-z0-9_-]{43}$/);
    await page().getByRole('region', { name: 'New token secret' }).getByRole('button', { name: 'Copy' }).click();
    expect(await page().evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page()
      .getByRole('row', { name: /okta-production/ })
      .getByText('Active')
      .waitFor();
    await screenshot(page(), '03-tokens');

    const created = await scimCall(
      started().scimBase,
      secret,
      'POST',
      '/Users',
      userBody('okta.pushed', {
        password: 'N0t-Stored-Anywhere',
        [STRATEGY_USER]: { distinguishedName: 'CN=Okta Pushed,OU=Staff,DC=example,DC=com' },
      }),
      OKTA_AGENT,
    );
    expect(created.status).toBe(201);
    userId = String(created.body['id']);

    await page().getByRole('button', { name: 'I have copied it' }).click();
    expect(await page().getByLabel('New bearer token').count()).toBe(0);
    await page().reload();
    await page().getByRole('heading', { level: 1, name: 'Tokens' }).waitFor();
    expect(await page().content()).not.toContain(secret);
  });

  it('sees that request in Activity and opens it with its redacted body', async () => {
    await goTo('Activity', 'Activity');
    const row = page()
      .getByRole('row', { name: /POST \/api\/scim\/v2\/Users/ })
      .first();
    await row.waitFor();
    expect(await row.textContent()).toContain('okta-production');
    expect(await row.textContent()).toContain('Okta');
    expect(await row.textContent()).toContain('201');
    await page()
      .getByText(/Kept for 30 days/)
      .waitFor();
    await row.getByRole('button').click();
    const detail = page().locator('#activity-detail');
    await detail.getByRole('heading', { name: 'Request body (secrets redacted)' }).waitFor();
    const body = await detail.getByLabel('Redacted request body').textContent();
    expect(body).toContain('"userName": "okta.pushed"');
    expect(body).toContain('"password": "[redacted]"');
    expect(body).not.toContain('N0t-Stored-Anywhere');
    await screenshot(page(), '05-activity');

    await page().getByLabel('Status').selectOption({ label: '4xx client error' });
    await page().getByRole('button', { name: 'Apply' }).click();
    await page().waitForURL(/status=4xx/);
    // Only the requests refused while SCIM was disabled remain.
    await page()
      .getByRole('row', { name: /GET \/api\/scim\/v2\/Users/ })
      .filter({ hasText: '403' })
      .first()
      .waitFor();
    expect(await page().getByRole('row').filter({ hasText: '201' }).count()).toBe(0);
  });

  it('adds a custom attribute, shows the Okta Profile Editor values, and finds it in /Schemas', async () => {
    await goTo('Mappings', 'Mappings');
    await page()
      .getByRole('row', { name: /Full Name/ })
      .waitFor();
    expect(await page().getByLabel('Schema URN').inputValue()).toBe(STRATEGY_USER);
    await page().getByLabel('Name', { exact: true }).fill('costCenterCode');
    await page().getByRole('button', { name: 'Add attribute' }).click();
    const panel = page().getByRole('region', { name: 'Okta Profile Editor values' });
    await panel.waitFor();
    expect(await panel.getByRole('textbox', { name: 'External name', exact: true }).inputValue()).toBe(
      'costCenterCode',
    );
    expect(await panel.getByRole('textbox', { name: 'External namespace', exact: true }).inputValue()).toBe(
      STRATEGY_USER,
    );
    await page()
      .locator('#custom-attributes')
      .getByRole('row', { name: /costCenterCode/ })
      .waitFor();
    await screenshot(page(), '06-mappings');

    const schemas = await scimCall(started().scimBase, secret, 'GET', `/Schemas/${STRATEGY_USER}`);
    expect(schemas.status).toBe(200);
    expect((schemas.body['attributes'] as { name: string }[]).map((attribute) => attribute.name)).toContain(
      'costCenterCode',
    );
    const patched = await scimCall(started().scimBase, secret, 'PATCH', `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: `${STRATEGY_USER}:costCenterCode`, value: 'CC-42' }],
    });
    expect(patched.status).toBe(200);
  });

  it('changes which attribute feeds a Library field', async () => {
    await page().getByLabel('SCIM attribute for Full Name (User)').selectOption('name.formatted');
    await page()
      .getByRole('row', { name: /Full Name/ })
      .getByRole('button', { name: 'Save' })
      .click();
    await page().getByText('“Full Name” mapping saved.').waitFor();
    await page().getByLabel('SCIM attribute for Full Name (User)').selectOption('displayName');
    await page()
      .getByRole('row', { name: /Full Name/ })
      .getByRole('button', { name: 'Save' })
      .click();
    await page().getByText('Default: displayName').waitFor({ state: 'detached' });
  });

  it('searches the directory with a SCIM filter and browses a group with its members', async () => {
    await goTo('Directory', 'Directory');
    await page()
      .getByRole('row', { name: /ada\.lovelace/ })
      .waitFor();
    await screenshot(page(), '07-directory-users');
    await page().getByRole('tab', { name: 'Groups' }).click();
    await page().getByRole('link', { name: 'Research' }).click();
    await page().getByRole('heading', { level: 1, name: 'Research' }).waitFor();
    await page().getByText('CN=Research,OU=Groups,DC=example,DC=com').first().waitFor();
    await page().getByText('1–4 of 4 members').waitFor();
    await screenshot(page(), '08-group-detail');
  });

  it('deactivates a user, then deletes it', async () => {
    await goTo('Directory', 'Directory');
    await page().getByLabel('SCIM filter').fill('userName eq "okta.pushed"');
    await page().getByRole('button', { name: 'Search' }).click();
    await page().getByText('1–1 of 1 users').waitFor();
    await page().getByRole('link', { name: 'okta.pushed' }).click();
    await page().getByRole('heading', { level: 1, name: 'okta.pushed' }).waitFor();
    await page().locator('#library-values').getByText('CN=Okta Pushed,OU=Staff,DC=example,DC=com').waitFor();
    expect(await page().getByLabel('SCIM JSON of the user').textContent()).toContain('"costCenterCode": "CC-42"');
    await screenshot(page(), '09-user-detail');

    await page().getByRole('button', { name: 'Deactivate' }).click();
    await page().getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await page().getByText('Inactive', { exact: true }).waitFor();
    const inactive = await scimCall(started().scimBase, secret, 'GET', `/Users/${userId}`);
    expect(inactive.body['active']).toBe(false);

    await page().getByRole('button', { name: 'Delete user' }).click();
    await page().getByRole('dialog').getByRole('button', { name: 'Delete user' }).click();
    await page().getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    expect((await scimCall(started().scimBase, secret, 'GET', `/Users/${userId}`)).status).toBe(404);
  });

  it('revokes the token, and SCIM answers 401', async () => {
    await goTo('Tokens', 'Tokens');
    await page().getByRole('button', { name: 'Revoke okta-production' }).click();
    await page().getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page()
      .getByRole('row', { name: /okta-production/ })
      .getByText('Revoked')
      .waitFor();
    const refused = await scimCall(started().scimBase, secret, 'GET', '/Users');
    expect(refused.status).toBe(401);
    expect(String(refused.body['detail'])).toContain('revoked');
    await screenshot(page(), '04-tokens-revoked');
    await goTo('Activity', 'Activity');
    await page()
      .getByRole('row', { name: /GET \/api\/scim\/v2\/Users/ })
      .filter({ hasText: '401' })
      .first()
      .waitFor();
  });

  it('signs out and back in', async () => {
    await page().getByRole('button', { name: 'Sign out' }).click();
    await page().getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page(), '10-sign-in');
    await page().getByLabel('Admin name').fill(ADMIN.name);
    await page().getByLabel('Password').fill('not the password');
    await page().getByRole('button', { name: 'Sign in' }).click();
    await page().getByText('The admin name or the password is wrong').waitFor();
    await page().getByLabel('Password').fill(ADMIN.password);
    await page().getByRole('button', { name: 'Sign in' }).click();
    await page().getByRole('navigation', { name: 'Console' }).waitFor();
  });

  it('fetched nothing from any other origin, and logged no errors', () => {
    expect(opened().requests.length).toBeGreaterThan(10);
    expect(opened().requests.filter((url) => !url.startsWith(started().origin))).toEqual([]);
    expect(opened().problems).toEqual([]);
  });
});
