// Public settings and the admin's custom statuses.
//
// `GET /api/v1/settings.public` (RC `apps/meteor/app/api/server/v1/settings.ts`): no auth; the
// public settings as `{_id, value, enterprise?, requiredOnWizard?}` paged by `count` (default 50)
// and `offset`, filtered by `_id=A,B` (a comma list; the old `query` parameter is gone since 7.0).
// The status ones are public (`apps/meteor/server/settings/accounts.ts`, `.../troubleshoot.ts` and
// the web client's `useStatusItems.tsx`, the mobile app's `getUsersPresence.ts` read them).
// `GET /api/v1/custom-user-status.list` (RC `apps/meteor/app/api/server/v1/custom-user-status.ts`):
// auth; `{statuses: [{_id, name, statusType, _updatedAt}], count, offset, total, success}`.
import type { ServerContext } from './context';
import { isAtLeast } from './error-bodies';
import type { Route } from './rest-routes';

function publicSettings(ctx: ServerContext): Array<{ _id: string; value: unknown }> {
  const s = ctx.settings;
  return [
    { _id: 'Accounts_AllowInvisibleStatusOption', value: s.allowInvisibleStatus },
    { _id: 'Accounts_AllowUserStatusMessageChange', value: s.allowStatusMessageChange },
    { _id: 'Presence_broadcast_disabled', value: s.presenceBroadcastDisabled },
    { _id: 'Site_Name', value: 'Rocket.Chat' },
    { _id: 'Accounts_TwoFactorAuthentication_Enabled', value: true },
    // Login screen: the web client hides its form when false (RN LoginView reads it too); CAS from its settings.
    { _id: 'Accounts_ShowFormLogin', value: s.showFormLogin },
    { _id: 'CAS_enabled', value: s.loginServices.some((service) => service.service === 'cas') },
    { _id: 'CAS_login_url', value: s.loginServices.find((service) => service.service === 'cas')?.login_url ?? '' },
  ];
}

function page<T>(items: T[], url: URL): { items: T[]; count: number; offset: number; total: number } {
  const offset = Math.max(0, Number.parseInt(url.searchParams.get('offset') ?? '0', 10) || 0);
  const countParam = url.searchParams.get('count');
  const count = countParam === null ? 50 : Math.max(0, Number.parseInt(countParam, 10) || 0);
  const slice = count === 0 ? items.slice(offset) : items.slice(offset, offset + count);
  return { items: slice, count: slice.length, offset, total: items.length };
}

export const settingsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/settings.public',
    handle: ({ ctx, url }) => {
      let ids = url.searchParams.get('_id')?.split(',').map((id) => id.trim()).filter(Boolean);
      // Before 7.0 the filter was `query={"_id":{"$in":[…]}}` (parseJsonQuery); RN switches at 7.0.0.
      const query = url.searchParams.get('query');
      if (query && !isAtLeast(ctx.settings.version, '7.0.0')) {
        try {
          ids = (JSON.parse(query) as { _id?: { $in?: string[] } })._id?.$in;
        } catch {
          return { status: 400, json: { success: false, error: 'Invalid query parameter provided: "query". [error-invalid-query]', errorType: 'error-invalid-query' } };
        }
      }
      const all = publicSettings(ctx).filter((setting) => !ids || ids.includes(setting._id));
      const { items, count, offset, total } = page(all, url);
      return { status: 200, json: { settings: items, count, offset, total, success: true } };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/custom-user-status.list',
    auth: true,
    handle: ({ ctx, url }) => {
      const statuses = ctx.settings.customStatuses.map((status, index) => ({
        _id: `custom-status-${index + 1}`,
        name: status.name,
        statusType: status.statusType,
        _updatedAt: new Date(ctx.now()).toISOString(),
      }));
      const { items, count, offset, total } = page(statuses, url);
      return { status: 200, json: { statuses: items, count, offset, total, success: true } };
    },
  },
];
