/**
 * Purging soft-deleted users: by hand from the console or the CLI, and on a timer once the
 * retention period (settings `softDeleteRetentionDays`) has passed. Users are scanned in keyset
 * pages, so memory stays flat on a large directory.
 */
import type { Directory } from '../../directory/directory.js';

const SCAN_PAGE = 1000;

/** Hard-delete soft-deleted users deleted before `before` (all of them when undefined). */
export async function purgeSoftDeletedUsers(directory: Directory, before?: Date): Promise<number> {
  const cutoff = before?.toISOString();
  let afterSeq: number | undefined;
  let purged = 0;
  for (;;) {
    const page = await directory.store.read((session) =>
      session.users.list({ afterSeq, limit: SCAN_PAGE, includeDeleted: true, withoutTotal: true }),
    );
    const due = page.items.filter(
      (user) => user.deletedAt !== null && (cutoff === undefined || user.deletedAt < cutoff),
    );
    if (due.length > 0) {
      purged += await directory.store.write(async (session) => {
        let deleted = 0;
        for (const user of due) {
          const current = await session.users.get(user.id, { includeDeleted: true });
          // Restored (or re-provisioned) in the meantime: keep it.
          if (
            current?.deletedAt &&
            (cutoff === undefined || current.deletedAt < cutoff) &&
            (await session.users.delete(user.id))
          )
            deleted += 1;
        }
        return deleted;
      });
    }
    const last = page.items[page.items.length - 1];
    if (page.items.length < SCAN_PAGE || !last) return purged;
    afterSeq = last.seq;
  }
}

/** Apply the retention setting: purge users soft-deleted more than that many days ago. */
export async function purgeExpiredSoftDeletes(directory: Directory, now: Date = new Date()): Promise<number> {
  const { softDeleteRetentionDays } = await directory.settings.current();
  if (softDeleteRetentionDays <= 0) return 0;
  return purgeSoftDeletedUsers(directory, new Date(now.getTime() - softDeleteRetentionDays * 86_400_000));
}
