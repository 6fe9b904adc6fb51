// The CRM kinds as the generic API tests see them: for each kind a valid body (by caller), a
// harmless change, and the shared records the bodies refer to (a customer, a product and an order
// of the demo rep, who is in 上海一部: the manager, the 华东 director, the analyst and the admin
// all see them).
import { expectStatus, get, post, unique } from './lib.mjs';

// Every CRM resource, by its URL collection.
export const CRM_KINDS = ['customers', 'contacts', 'opportunities', 'activities', 'products', 'quotes', 'orders',
  'payments', 'costs'];

// Who may write each kind (everyone else with a session gets 403; anonymous 401).
export const WRITERS = {
  products: ['admin'],
  costs: ['manager', 'director', 'admin'],
};
export const writers = (kind) => WRITERS[kind] ?? ['rep', 'manager', 'director', 'admin'];

// A field that every kind has and a change to it nobody objects to.
export const CHANGE = {
  customers: { notes: '改备注' },
  contacts: { title: '采购经理' },
  opportunities: { competitor: '友商' },
  activities: { outcome: '已沟通报价' },
  products: { unit: '套' },
  quotes: { notes: '改备注' },
  orders: { notes: '改备注' },
  payments: { notes: '改备注' },
  costs: { notes: '改备注' },
};

const START = '2026-11-20T10:00:00+08:00';

// The records the bodies refer to, created once per test file.
export async function crmBase() {
  const me = expectStatus(await get('rep', '/api/auth/me'), 200);
  const repId = me.user.id;
  const adminId = expectStatus(await get('admin', '/api/auth/me'), 200).user.id;
  const customer = expectStatus(await post('rep', '/api/customers', { name: unique('基础客户') }), 201, 'base customer');
  const product = expectStatus(await post('admin', '/api/products', { name: unique('基础产品'), list_price: 10000 }),
    201, 'base product');
  const order = expectStatus(await post('rep', '/api/orders', {
    customer_id: customer.id, ordered_at: START, total: 100000000,
  }), 201, 'base order');
  return { repId, adminId, customer, product, order };
}

// A valid create body of `kind` for `caller` (role name), referring to `base`.
export function validBody(kind, base, callerId) {
  switch (kind) {
    case 'customers': return { name: unique('客户'), industry: '制造', tags: ['重点'], next_follow_up: '2026-12-01' };
    case 'contacts': return { customer_id: base.customer.id, name: '张联系', phone: '13800000000' };
    case 'opportunities':
      return { name: unique('商机'), customer_id: base.customer.id, amount: 5000000, expected_close: '2026-12-31' };
    case 'activities': return { type: 'call', customer_id: base.customer.id, started_at: START, duration_minutes: 15 };
    case 'products': return { name: unique('产品'), code: unique('P'), list_price: 19900, price_a: 17900 };
    case 'quotes': return { customer_id: base.customer.id, lines: [{ product_id: base.product.id, quantity: 2 }] };
    case 'orders': return { customer_id: base.customer.id, ordered_at: START, total: 880000 };
    case 'payments': return { order_id: base.order.id, amount: 1, received_at: START };
    case 'costs': return { spent_on: '2026-11-01', scope_type: 'user', scope_id: callerId, channel: '展会', amount: 30000 };
    default: throw new Error(`no body for ${kind}`);
  }
}

// Creates a record of `kind` that the demo rep owns (products and costs: made by the admin; the
// cost is booked to the rep).
export async function createOwned(kind, base) {
  const as = kind === 'products' || kind === 'costs' ? 'admin' : 'rep';
  const body = validBody(kind, base, base.repId);
  return expectStatus(await post(as, `/api/${kind}`, body), 201, `create ${kind} as ${as}`);
}
