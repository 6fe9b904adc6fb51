// Shared helpers of the 复盘 tests (docs/reviews.md): a closed deal of the demo rep with the month it
// closed in (the demo org's Asia/Shanghai), and a review of 上海一部 run by the demo manager with the
// demo rep taking part.
import { discover, expectStatus, get, post, unique } from '../lib.mjs';

// The month (YYYY-MM) of an instant in Asia/Shanghai (UTC+8 all year).
export const shanghaiMonth = (instant) => new Date(Date.parse(instant) + 8 * 3600 * 1000).toISOString().slice(0, 7);

// The demo rep's most recent deal closed with `status` (won or lost), `skip` more recent ones
// passed over, closed before the month `before` (YYYY-MM) when given: {deal, month, repId}.
export async function closedDeal(status = 'won', skip = 0, before = null) {
  const rep = expectStatus(await get('rep', '/api/auth/me'), 200).user;
  const body = expectStatus(await get('admin',
    `/api/opportunities?owner_id=${rep.id}&status=${status}&sort=-closed_at&page_size=200`), 200, 'closed deals');
  const deal = body.items.filter((o) => o.closed_at && (!before || shanghaiMonth(o.closed_at) < before))[skip];
  if (!deal) throw new Error(`the demo rep has no ${status} deal`);
  return { deal, month: shanghaiMonth(deal.closed_at), repId: rep.id };
}

// A new review of 上海一部 for `period` by `as` (the demo manager), with the demo rep taking part.
export async function newReview(period, { as = 'manager', participants } = {}) {
  const d = await discover();
  const sh1 = d.team('上海一部');
  const rep = d.user('rep');
  return expectStatus(await post(as, '/api/reviews', {
    scope: `team:${sh1.id}`, period, title: unique('复盘'), participant_ids: participants ?? [rep.id],
  }), 201, `review of ${period}`);
}
