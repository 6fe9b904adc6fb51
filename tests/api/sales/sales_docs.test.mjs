// The money part of the CRM facts (SPEC section 2): prices by customer tier, quotes and orders
// with lines, quote → order, payments keeping an order's paid, receivables aged by due date (per
// customer and per owner, within the data scope), the scope rules of costs, and exact sums of
// amounts beyond 2^31 分.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
  TEST_PASSWORD, assertNothingWritten, createUser, del, discover, expectError, expectStatus, freshSession, get, loginAll,
  patch, post, unique,
} from '../lib.mjs';

// Returns the date `days` after the date `text` (YYYY-MM-DD), as YYYY-MM-DD.
function addDays(text, days) {
  const d = new Date(`${text}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let fx;
before(async () => {
  await loginAll();
  const d = await discover();
  const rep = d.user('rep');
  const other = d.memberOf('上海一部', [rep.id]);  // another rep the manager sees, the rep does not
  fx = { d, rep, other, sh1: d.team('上海一部'), east: d.region('华东区') };
});

async function createProduct(extra = {}) {
  return expectStatus(await post('admin', '/api/products', {
    name: unique('产品'), code: unique('P'), list_price: 10000, ...extra,
  }), 201, 'create product');
}

async function createCustomer(ownerId, as = 'admin') {
  return expectStatus(await post(as, '/api/customers', { name: unique('客户'), owner_id: ownerId }), 201,
    'create customer');
}

async function createOrder(body, as = 'admin') {
  return expectStatus(await post(as, '/api/orders', body), 201, 'create order');
}

async function orderOf(id, as = 'admin') {
  return expectStatus(await get(as, `/api/orders/${id}`), 200, 'read order');
}

test('a product\'s price for a customer is the price of the customer\'s tier, else the list price', async () => {
  const customer = await createCustomer(fx.rep.id, 'rep');
  assert.equal(customer.tier, 'C', 'a new customer is tier C');
  const tiered = await createProduct({ list_price: 10000, price_a: 8000, price_c: 9000 });
  const plain = await createProduct({ list_price: 4999, price_a: 3999 });

  const p1 = expectStatus(await get('rep', `/api/products/${tiered.id}/price?customer_id=${customer.id}`), 200);
  assert.deepEqual(p1, { product_id: tiered.id, customer_id: customer.id, tier: 'C', unit_price: 9000 });
  const p2 = expectStatus(await get('rep', `/api/products/${plain.id}/price?customer_id=${customer.id}`), 200);
  assert.equal(p2.unit_price, 4999, 'no tier C price: the list price');

  // A line without a unit price takes the same price.
  const quote = expectStatus(await post('rep', '/api/quotes', {
    customer_id: customer.id, lines: [{ product_id: tiered.id, quantity: 2 }, { product_id: plain.id, quantity: 1 }],
  }), 201);
  assert.deepEqual(quote.lines.map((l) => l.unit_price), [9000, 4999]);
  assert.equal(quote.total, 2 * 9000 + 4999);

  // Tier A by the ABC rule: a customer with by far the most revenue of the last 12 months. (The
  // order is deleted again, and the org's rule restored, so no other test sees them.)
  const org = expectStatus(await get('admin', '/api/org'), 200);
  let orgVersion = org.version;
  if (org.tier_rule !== 'abc') {
    orgVersion = expectStatus(await patch('admin', '/api/org', { version: orgVersion, tier_rule: 'abc' }), 200).version;
  }
  const top = await createCustomer(fx.rep.id);
  const huge = await createOrder({ customer_id: top.id, total: 10 ** 15, ordered_at: new Date().toISOString() });
  expectStatus(await post('admin', '/api/customers/tiers/recompute', {}), 200);
  expectStatus(await del('admin', `/api/orders/${huge.id}?version=1`), 204);
  if (org.tier_rule !== 'abc') {
    expectStatus(await patch('admin', '/api/org', { version: orgVersion, tier_rule: org.tier_rule }), 200);
  }
  assert.equal(expectStatus(await get('rep', `/api/customers/${top.id}`), 200).tier, 'A');
  const pa = expectStatus(await get('rep', `/api/products/${tiered.id}/price?customer_id=${top.id}`), 200);
  assert.deepEqual(pa, { product_id: tiered.id, customer_id: top.id, tier: 'A', unit_price: 8000 });

  // Someone else's customer, an unknown product or no customer_id: refused.
  const hidden = await createCustomer(fx.other.id);
  expectError(await get('rep', `/api/products/${tiered.id}/price?customer_id=${hidden.id}`), 404, 'not_found');
  expectStatus(await get('manager', `/api/products/${tiered.id}/price?customer_id=${hidden.id}`), 200);
  expectError(await get('rep', `/api/products/99999999/price?customer_id=${customer.id}`), 404, 'not_found');
  expectError(await get('rep', `/api/products/${tiered.id}/price`), 400, 'invalid_query', 'customer_id');
  expectError(await get('anonymous', `/api/products/${tiered.id}/price?customer_id=${customer.id}`), 401,
    'unauthenticated');
});

test('a quote with two discounted lines totals right; its lines are validated', async () => {
  const customer = await createCustomer(fx.rep.id, 'rep');
  const a = await createProduct({ list_price: 10000 });
  const b = await createProduct({ list_price: 2500 });
  const quote = expectStatus(await post('rep', '/api/quotes', {
    customer_id: customer.id,
    lines: [
      { product_id: a.id, quantity: 3, discount_bp: 1000 },  // 3 × 100.00 less 10% = 270.00
      { product_id: b.id, quantity: 2, unit_price: 1999, discount_bp: 2500 },  // 2 × 19.99 less 25% = 29.985 → 29.99
    ],
  }), 201);
  assert.equal(quote.total, 27000 + 2999);
  assert.equal(quote.status, 'draft');
  assert.deepEqual(quote.lines, [
    { position: 1, product_id: a.id, product_name: a.name, quantity: 3, unit_price: 10000, discount_bp: 1000,
      line_total: 27000 },
    { position: 2, product_id: b.id, product_name: b.name, quantity: 2, unit_price: 1999, discount_bp: 2500,
      line_total: 2999 },
  ]);
  assert.deepEqual(expectStatus(await get('rep', `/api/quotes/${quote.id}`), 200), quote);

  // New lines replace the old ones and the total follows; a change without lines keeps both.
  const changed = expectStatus(await patch('rep', `/api/quotes/${quote.id}`, {
    version: 1, lines: [{ product_id: b.id, quantity: 4 }],
  }), 200);
  assert.equal(changed.total, 10000);
  assert.equal(changed.lines.length, 1);
  const noted = expectStatus(await patch('rep', `/api/quotes/${quote.id}`, { version: 2, notes: '备注' }), 200);
  assert.equal(noted.total, 10000);
  assert.deepEqual(noted.lines, changed.lines);

  // Bad lines: nothing is written.
  const bad = [
    [{ customer_id: customer.id }, 'missing_field'],
    [{ customer_id: customer.id, lines: [] }, 'invalid_field'],
    [{ customer_id: customer.id, lines: {} }, 'invalid_field'],
    [{ customer_id: customer.id, lines: [{ product_id: a.id, quantity: 0 }] }, 'invalid_field'],
    [{ customer_id: customer.id, lines: [{ product_id: a.id, quantity: 1.5 }] }, 'invalid_field'],
    [{ customer_id: customer.id, lines: [{ product_id: a.id }] }, 'invalid_field'],
    [{ customer_id: customer.id, lines: [{ product_id: a.id, quantity: 1, discount_bp: 10001 }] }, 'invalid_field'],
    [{ customer_id: customer.id, lines: [{ product_id: a.id, quantity: 1, unit_price: -1 }] }, 'invalid_field'],
    [{ customer_id: customer.id, lines: [{ product_id: a.id, quantity: 1, colour: 'red' }] }, 'invalid_field'],
    [{ customer_id: customer.id, lines: [{ product_id: 99999999, quantity: 1 }] }, 'invalid_field'],
    [{ customer_id: customer.id, lines: [{ product_id: a.id, quantity: 1 }], total: 5 }, 'unknown_field'],
  ];
  await assertNothingWritten(['/api/quotes?page_size=500'], async () => {
    for (const [body, code] of bad) {
      const e = expectError(await post('rep', '/api/quotes', body, { lang: 'en' }), 400, code, undefined,
        JSON.stringify(body));
      if (code === 'invalid_field') assert.equal(e.field, 'lines', JSON.stringify(body));
    }
  }, 'bad quote lines');
  const e = expectError(await post('rep', '/api/quotes', {
    customer_id: customer.id, lines: [{ product_id: a.id, quantity: 1 }, { product_id: a.id, quantity: -2 }],
  }, { lang: 'en' }), 400, 'invalid_field', 'lines');
  assert.match(e.message, /line 2/, 'the detail names the line');
  // Status "ordered" is set only by converting.
  expectError(await patch('rep', `/api/quotes/${quote.id}`, { version: 3, status: 'ordered' }), 400,
    'invalid_field', 'status');
});

test('converting a quote creates an order with the same lines and marks the quote ordered', async () => {
  const customer = await createCustomer(fx.rep.id, 'rep');
  const a = await createProduct({ list_price: 12345 });
  const b = await createProduct({ list_price: 800 });
  const quote = expectStatus(await post('rep', '/api/quotes', {
    customer_id: customer.id, status: 'accepted',
    lines: [{ product_id: a.id, quantity: 2, discount_bp: 500 }, { product_id: b.id, quantity: 7 }],
  }), 201);

  // A stale version, no version, a read-only caller: refused, and nothing changes.
  await assertNothingWritten([`/api/quotes/${quote.id}`, '/api/orders?page_size=500'], async () => {
    const e = expectError(await post('rep', `/api/quotes/${quote.id}/order`, { version: 7 }), 409, 'version_conflict');
    assert.equal(e.current_version, 1);
    expectError(await post('director', `/api/quotes/${quote.id}/order`, {}), 400, 'missing_field', 'version');
    expectError(await post('analyst', `/api/quotes/${quote.id}/order`, { version: 1 }), 403, 'forbidden');
  }, 'refused conversions');

  const order = expectStatus(await post('rep', `/api/quotes/${quote.id}/order`, { version: 1 }), 201);
  assert.equal(order.quote_id, quote.id);
  assert.equal(order.customer_id, customer.id);
  assert.equal(order.owner_id, fx.rep.id);
  assert.equal(order.status, 'confirmed');
  assert.equal(order.total, quote.total);
  assert.equal(order.paid, 0);
  assert.ok(Date.now() - Date.parse(order.ordered_at) < 60000, 'ordered now');
  assert.match(order.due_date, /^\d{4}-\d\d-\d\d$/);
  assert.deepEqual(order.lines, quote.lines);
  assert.deepEqual(expectStatus(await get('rep', `/api/orders/${order.id}`), 200), order);

  const ordered = expectStatus(await get('rep', `/api/quotes/${quote.id}`), 200);
  assert.equal(ordered.status, 'ordered');
  assert.equal(ordered.order_id, order.id);
  assert.equal(ordered.version, 2);

  // Audited: the order's creation and the quote's change.
  const audit = expectStatus(await get('admin', `/api/audit-entries?entity=quote&entity_id=${quote.id}`), 200);
  assert.ok(audit.items.some((x) => x.action === 'update' && x.after.status === 'ordered'));
  const orderAudit = expectStatus(await get('admin', `/api/audit-entries?entity=order&entity_id=${order.id}`), 200);
  // (SQLite may reuse the id of a deleted order: look for this order's creation.)
  assert.ok(orderAudit.items.some((x) => x.action === 'create' && x.after.quote_id === quote.id));

  // Twice is refused; an ordered quote keeps its lines and status and cannot be deleted.
  expectError(await post('rep', `/api/quotes/${quote.id}/order`, { version: 2 }), 400, 'invalid_field', 'status');
  expectError(await patch('rep', `/api/quotes/${quote.id}`, { version: 2, status: 'draft' }), 400, 'invalid_field',
    'status');
  expectError(await patch('rep', `/api/quotes/${quote.id}`, { version: 2, lines: [{ product_id: a.id, quantity: 1 }] }),
    400, 'invalid_field', 'lines');
  expectError(await del('rep', `/api/quotes/${quote.id}?version=2`), 409, 'in_use');

  // Deleting the order (no payments) reopens the quote, which can be converted again.
  expectStatus(await del('rep', `/api/orders/${order.id}?version=1`), 204);
  const reopened = expectStatus(await get('rep', `/api/quotes/${quote.id}`), 200);
  assert.equal(reopened.status, 'accepted');
  assert.equal(reopened.order_id, null);
  const again = expectStatus(await post('rep', `/api/quotes/${quote.id}/order`, { version: reopened.version }), 201);
  assert.deepEqual(again.lines, quote.lines);

  // A rejected quote cannot be ordered; another rep's quote is not found for the rep.
  const rejected = expectStatus(await post('rep', '/api/quotes', {
    customer_id: customer.id, status: 'rejected', lines: [{ product_id: a.id, quantity: 1 }],
  }), 201);
  expectError(await post('rep', `/api/quotes/${rejected.id}/order`, { version: 1 }), 400, 'invalid_field', 'status');
  const theirs = await createCustomer(fx.other.id);
  const theirQuote = expectStatus(await post('admin', '/api/quotes', {
    customer_id: theirs.id, owner_id: fx.other.id, lines: [{ product_id: a.id, quantity: 1 }],
  }), 201);
  expectError(await post('rep', `/api/quotes/${theirQuote.id}/order`, { version: 1 }), 404, 'not_found');
  expectStatus(await post('manager', `/api/quotes/${theirQuote.id}/order`, { version: 1 }), 201);
});

test('an order without lines needs a total; with lines the total is their sum', async () => {
  const customer = await createCustomer(fx.rep.id, 'rep');
  const a = await createProduct({ list_price: 3000 });
  const base = { customer_id: customer.id, ordered_at: '2026-03-10 15:00' };
  await assertNothingWritten(['/api/orders?page_size=500'], async () => {
    expectError(await post('rep', '/api/orders', base), 400, 'missing_field', 'total');
    expectError(await post('rep', '/api/orders', { ...base, lines: [{ product_id: a.id, quantity: 2 }], total: 5999 }),
      400, 'invalid_field', 'total');
  }, 'orders without a good total');

  const plain = expectStatus(await post('rep', '/api/orders', { ...base, total: 5000 }), 201);
  assert.equal(plain.total, 5000);
  assert.deepEqual(plain.lines, []);
  assert.equal(plain.due_date, '2026-04-09', 'due 30 days after the local order date');
  const late = expectStatus(await post('rep', '/api/orders', { ...base, ordered_at: '2026-03-10 23:30', total: 1 }),
    201);
  assert.equal(late.due_date, '2026-04-09', '23:30 in Shanghai is still 10 March');

  const lined = expectStatus(await post('rep', '/api/orders', {
    ...base, due_date: '2026-05-01', lines: [{ product_id: a.id, quantity: 2 }],
  }), 201);
  assert.equal(lined.total, 6000);
  assert.equal(lined.due_date, '2026-05-01');
  assert.equal(lined.lines[0].unit_price, 3000);
  // A total sent alone to an order with lines must match them.
  expectError(await patch('rep', `/api/orders/${lined.id}`, { version: 1, total: 1 }), 400, 'invalid_field', 'total');
  const relined = expectStatus(await patch('rep', `/api/orders/${lined.id}`, {
    version: 1, lines: [{ product_id: a.id, quantity: 3, discount_bp: 10000 }],
  }), 200);
  assert.equal(relined.total, 0, 'a free line');
  assert.equal(relined.version, 2);
});

test('payments keep the order\'s paid; over-payment, cancelled orders and stale versions are refused', async () => {
  const customer = await createCustomer(fx.rep.id, 'rep');
  const order = await createOrder({ customer_id: customer.id, ordered_at: '2026-06-01 10:00', total: 100000 }, 'rep');
  const pay = (amount, extra = {}) => post('rep', '/api/payments',
    { order_id: order.id, amount, received_at: '2026-06-10 10:00', ...extra });

  const p1 = expectStatus(await pay(30000), 201);
  assert.equal(p1.owner_id, fx.rep.id, 'the payment copies the order\'s owner');
  assert.equal(p1.customer_id, customer.id, 'and its customer');
  assert.equal((await orderOf(order.id)).paid, 30000);
  const p2 = expectStatus(await pay(50000), 201);
  let o = await orderOf(order.id);
  assert.equal(o.paid, 80000);
  assert.equal(o.version, 1, 'payments do not change the order\'s version');

  // More than what is outstanding: 400 on amount, nothing written.
  await assertNothingWritten([`/api/orders/${order.id}`, `/api/payments?order_id=${order.id}`], async () => {
    expectError(await pay(20001), 400, 'invalid_field', 'amount');
    expectError(await patch('rep', `/api/payments/${p1.id}`, { version: 1, amount: 50001 }), 400, 'invalid_field',
      'amount');
    expectError(await post('rep', '/api/payments', { order_id: order.id, amount: 1, received_at: '2026-06-10',
      owner_id: fx.other.id }), 400, 'unknown_field', 'owner_id');
  }, 'over-payment');
  expectStatus(await patch('rep', `/api/payments/${p1.id}`, { version: 1, amount: 50000 }), 200);
  assert.equal((await orderOf(order.id)).paid, 100000, 'exactly the total is fine');

  // An order with payments can be neither cancelled nor deleted, nor cut below what was paid.
  await assertNothingWritten([`/api/orders/${order.id}`], async () => {
    expectError(await patch('rep', `/api/orders/${order.id}`, { version: 1, status: 'cancelled' }), 400,
      'invalid_field', 'status');
    expectError(await patch('rep', `/api/orders/${order.id}`, { version: 1, total: 99999 }), 400, 'invalid_field',
      'total');
    expectError(await del('rep', `/api/orders/${order.id}?version=1`), 409, 'in_use');
  }, 'orders with payments');

  // Stale versions: 409 with the current one.
  const stale = expectError(await del('rep', `/api/payments/${p2.id}?version=5`), 409, 'version_conflict');
  assert.equal(stale.current_version, 1);
  expectError(await patch('rep', `/api/payments/${p1.id}`, { version: 1, notes: 'x' }), 409, 'version_conflict');

  // Deleting a payment restores paid; then the order can be cancelled, and takes no payment.
  expectStatus(await del('rep', `/api/payments/${p2.id}?version=1`), 204);
  assert.equal((await orderOf(order.id)).paid, 50000);
  expectStatus(await del('rep', `/api/payments/${p1.id}?version=2`), 204);
  o = await orderOf(order.id);
  assert.equal(o.paid, 0);
  const cancelled = expectStatus(await patch('rep', `/api/orders/${order.id}`, { version: o.version,
    status: 'cancelled' }), 200);
  await assertNothingWritten([`/api/orders/${order.id}`], async () => {
    expectError(await pay(1), 400, 'invalid_field', 'order_id');
  }, 'payment on a cancelled order');
  const stalePatch = expectError(await patch('rep', `/api/orders/${order.id}`, { version: 1, notes: 'x' }), 409,
    'version_conflict');
  assert.equal(stalePatch.current_version, cancelled.version);
});

test('concurrent payments never add up to more than the order, and paid is their exact sum', async () => {
  const customer = await createCustomer(fx.rep.id, 'rep');
  const order = await createOrder({ customer_id: customer.id, ordered_at: '2026-06-01 10:00', total: 5000 }, 'rep');
  const results = await Promise.all(Array.from({ length: 12 }, () => post('rep', '/api/payments',
    { order_id: order.id, amount: 1000, received_at: '2026-06-02 10:00' })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [...Array(5).fill(201), ...Array(7).fill(400)], JSON.stringify(statuses));
  assert.equal((await orderOf(order.id)).paid, 5000);
});

test('an order\'s new owner takes its payments along (their data scope follows the order)', async () => {
  const customer = await createCustomer(fx.rep.id, 'rep');
  const order = await createOrder({ customer_id: customer.id, ordered_at: '2026-06-01 10:00', total: 9000 }, 'rep');
  const payment = expectStatus(await post('rep', '/api/payments',
    { order_id: order.id, amount: 4000, received_at: '2026-06-02 10:00' }), 201);
  expectStatus(await patch('manager', `/api/orders/${order.id}`, { version: 1, owner_id: fx.other.id }), 200);
  const moved = expectStatus(await get('manager', `/api/payments/${payment.id}`), 200);
  assert.equal(moved.owner_id, fx.other.id);
  // The move is a change of the payment like any other: a new version and an audit row.
  assert.equal(moved.version, 2);
  const audit = expectStatus(await get('admin', `/api/audit-entries?entity=payment&entity_id=${payment.id}`), 200);
  const move = audit.items.find((e) => e.action === 'update');
  assert.ok(move, 'the move is audited');
  assert.equal(move.before.owner_id, fx.rep.id);
  assert.equal(move.after.owner_id, fx.other.id);
  expectError(await get('rep', `/api/payments/${payment.id}`), 404, 'not_found');
  expectError(await get('rep', `/api/orders/${order.id}`), 404, 'not_found');
  assert.equal((await orderOf(order.id)).paid, 4000);
});

test('receivables: aged by due date, per customer and per owner, within the data scope', async () => {
  // An as-of day long before any other test's orders, so the report holds only these.
  const asOf = '2001-06-30';
  const repCustomer = await createCustomer(fx.rep.id);
  const otherCustomer = await createCustomer(fx.other.id);
  const order = async (customer, owner, total, dueDaysAgo, extra = {}) => createOrder({
    customer_id: customer.id, owner_id: owner.id, total, due_date: addDays(asOf, -dueDaysAgo),
    ordered_at: `${addDays(asOf, -dueDaysAgo - 30)} 10:00`, ...extra,
  });
  const o10 = await order(repCustomer, fx.rep, 1000, 10);
  const o45 = await order(repCustomer, fx.rep, 2000, 45);
  const o75 = await order(repCustomer, fx.rep, 3000, 75);
  const o120 = await order(repCustomer, fx.rep, 4000, 120);
  await order(otherCustomer, fx.other, 500, 10);
  // Not counted: cancelled, ordered after the day, fully paid by the day.
  await order(repCustomer, fx.rep, 7000, 20, { status: 'cancelled' });
  await order(repCustomer, fx.rep, 8000, 0, { ordered_at: `${addDays(asOf, 1)} 00:30` });
  const settled = await order(repCustomer, fx.rep, 600, 50);
  // Ordered late on the day itself (Shanghai time): counted.
  const lastMinute = await order(repCustomer, fx.rep, 50, -30, { ordered_at: `${asOf} 23:30` });
  const payment = (o, amount, at) => post('admin', '/api/payments', { order_id: o.id, amount, received_at: at });
  expectStatus(await payment(o10, 300, `${asOf} 23:59`), 201);           // by the day: counts
  expectStatus(await payment(o120, 1000, `${addDays(asOf, 1)} 00:01`), 201);  // after it: does not
  expectStatus(await payment(settled, 600, '2001-06-01 09:00'), 201);

  const repRow = { total: 700 + 2000 + 3000 + 4000 + 50, d0_30: 750, d31_60: 2000, d61_90: 3000, d90_plus: 4000,
    orders: 5 };
  const otherRow = { total: 500, d0_30: 500, d31_60: 0, d61_90: 0, d90_plus: 0, orders: 1 };
  const sum = { total: repRow.total + 500, d0_30: 1250, d31_60: 2000, d61_90: 3000, d90_plus: 4000, orders: 6 };

  const byOwner = expectStatus(await get('manager', `/api/receivables?group_by=owner&as_of=${asOf}`), 200);
  assert.equal(byOwner.as_of, asOf);
  assert.equal(byOwner.group_by, 'owner');
  assert.deepEqual(byOwner.items, [
    { id: fx.rep.id, name: fx.rep.display_name, ...repRow },
    { id: fx.other.id, name: fx.other.display_name, ...otherRow },
  ], 'sorted by what is owed, largest first');
  assert.deepEqual(byOwner.totals, sum);
  assert.equal(byOwner.total, 2);

  const byCustomer = expectStatus(await get('admin', `/api/receivables?group_by=customer&as_of=${asOf}`), 200);
  assert.deepEqual(byCustomer.items, [
    { id: repCustomer.id, name: repCustomer.name, ...repRow },
    { id: otherCustomer.id, name: otherCustomer.name, ...otherRow },
  ]);
  assert.deepEqual(byCustomer.totals, sum);

  // Paging: one row a page, totals over all.
  const page2 = expectStatus(await get('admin', `/api/receivables?group_by=customer&as_of=${asOf}&page=2&page_size=1`),
    200);
  assert.deepEqual(page2.items.map((x) => x.id), [otherCustomer.id]);
  assert.deepEqual(page2.totals, sum);
  assert.equal(page2.total, 2);
  const page9 = expectStatus(await get('admin', `/api/receivables?as_of=${asOf}&page=9&page_size=1`), 200);
  assert.deepEqual(page9.items, []);
  assert.deepEqual(page9.totals, sum);

  // The rep sees only their own, by owner and by customer; the default grouping is by owner.
  const mine = expectStatus(await get('rep', `/api/receivables?as_of=${asOf}`), 200);
  assert.equal(mine.group_by, 'owner');
  assert.deepEqual(mine.items, [{ id: fx.rep.id, name: fx.rep.display_name, ...repRow }]);
  assert.deepEqual(mine.totals, repRow);
  const mineByCustomer = expectStatus(await get('rep', `/api/receivables?group_by=customer&as_of=${asOf}`), 200);
  assert.deepEqual(mineByCustomer.items.map((x) => x.id), [repCustomer.id]);

  // The drill-down: the open orders behind a row, oldest due first, with their bucket.
  const drill = expectStatus(await get('manager', `/api/receivables/orders?owner_id=${fx.rep.id}&as_of=${asOf}`), 200);
  assert.deepEqual(drill.items.map((x) => [x.id, x.outstanding, x.bucket, x.days_past_due]), [
    [o120.id, 4000, 'd90_plus', 120],
    [o75.id, 3000, 'd61_90', 75],
    [o45.id, 2000, 'd31_60', 45],
    [o10.id, 700, 'd0_30', 10],
    [lastMinute.id, 50, 'd0_30', -30],
  ]);
  assert.equal(drill.total, 5);
  assert.equal(drill.items[3].paid, 300);
  assert.equal(drill.items[0].owner_name, fx.rep.display_name);
  assert.equal(drill.items[0].customer_name, repCustomer.name);
  const theirs = expectStatus(await get('rep', `/api/receivables/orders?owner_id=${fx.other.id}&as_of=${asOf}`), 200);
  assert.deepEqual(theirs.items, [], 'the rep does not see the other rep\'s orders');
  const byCust = expectStatus(await get('rep', `/api/receivables/orders?customer_id=${repCustomer.id}&as_of=${asOf}`),
    200);
  assert.equal(byCust.total, 5);

  // Bad queries.
  expectError(await get('manager', '/api/receivables?group_by=team'), 400, 'invalid_query', 'group_by');
  expectError(await get('manager', '/api/receivables?as_of=2001-02-30'), 400, 'invalid_query', 'as_of');
  expectError(await get('manager', '/api/receivables?owner_id=1'), 400, 'invalid_query', 'owner_id');
  expectError(await get('manager', '/api/receivables/orders?customer_id=x'), 400, 'invalid_query', 'customer_id');
  expectError(await get('anonymous', '/api/receivables'), 401, 'unauthenticated');
  expectStatus(await get('analyst', `/api/receivables?as_of=${asOf}`), 200);
});

test('amounts beyond 2^31 分 are kept and summed exactly', async () => {
  const asOf = '2002-06-30';
  const customer = await createCustomer(fx.rep.id);
  const big = 2 ** 31;
  const o1 = await createOrder({ customer_id: customer.id, total: 3 * big + 7, ordered_at: '2002-06-01 10:00',
    due_date: '2002-06-20' });
  const o2 = await createOrder({ customer_id: customer.id, total: 5 * big + 11, ordered_at: '2002-03-01 10:00',
    due_date: '2002-03-05' });
  expectStatus(await post('admin', '/api/payments', { order_id: o1.id, amount: big + 1, received_at: '2002-06-02' }),
    201);
  expectStatus(await post('admin', '/api/payments', { order_id: o1.id, amount: big + 2, received_at: '2002-06-03' }),
    201);
  assert.equal((await orderOf(o1.id)).paid, 2 * big + 3);
  const r = expectStatus(await get('admin', `/api/receivables?group_by=customer&as_of=${asOf}`), 200);
  const row = r.items.find((x) => x.id === customer.id);
  assert.deepEqual(row, { id: customer.id, name: customer.name, total: big + 4 + 5 * big + 11, d0_30: big + 4,
    d31_60: 0, d61_90: 0, d90_plus: 5 * big + 11, orders: 2 });

  // A line of 10^5 × 50,000,000 分 less 1 bp: 4,999,500,000,000 分 exactly.
  const product = await createProduct({ list_price: 50000000 });
  const quote = expectStatus(await post('rep', '/api/quotes', {
    customer_id: customer.id, lines: [{ product_id: product.id, quantity: 100000, discount_bp: 1 },
      { product_id: product.id, quantity: 1, unit_price: big }],
  }), 201);
  assert.equal(quote.lines[0].line_total, 4999500000000);
  assert.equal(quote.total, 4999500000000 + big);
});

test('costs: booked within the booker\'s scope; org-wide costs only by admins and directors of the whole org',
  async () => {
    const cost = (scope_type, scope_id) => ({ spent_on: '2026-11-01', scope_type, scope_id, channel: '展会', amount: 1000 });
    const otherTeam = fx.d.team('广州团队');
    const otherRegion = fx.d.region('华南区');

    await assertNothingWritten(['/api/costs?page_size=500'], async () => {
      expectError(await post('rep', '/api/costs', cost('user', fx.rep.id)), 403, 'forbidden');
      expectError(await post('manager', '/api/costs', cost('team', otherTeam.id)), 400, 'invalid_field', 'scope_id');
      expectError(await post('manager', '/api/costs', cost('region', fx.east.id)), 400, 'invalid_field', 'scope_id');
      expectError(await post('manager', '/api/costs', cost('team', undefined)), 400, 'missing_field', 'scope_id');
      expectError(await post('manager', '/api/costs', cost('org', undefined)), 403, 'forbidden');
      expectError(await post('director', '/api/costs', cost('org', undefined)), 403, 'forbidden');
      expectError(await post('director', '/api/costs', cost('region', otherRegion.id)), 400, 'invalid_field',
        'scope_id');
      expectError(await post('admin', '/api/costs', cost('org', 1)), 400, 'invalid_field', 'scope_id');
      expectError(await post('admin', '/api/costs', cost('team', 99999999)), 400, 'invalid_field', 'scope_id');
    }, 'refused costs');

    const teamCost = expectStatus(await post('manager', '/api/costs', cost('team', fx.sh1.id)), 201);
    expectStatus(await post('manager', '/api/costs', cost('user', fx.rep.id)), 201);
    expectStatus(await post('director', '/api/costs', cost('region', fx.east.id)), 201);
    expectStatus(await post('admin', '/api/costs', cost('org', undefined)), 201);
    const chief = await createUser({ roles: ['director'] });  // no region: the whole org
    const chiefSession = await freshSession(chief.username, TEST_PASSWORD);
    expectStatus(await post(chiefSession, '/api/costs', cost('org', undefined)), 201);

    // Moving a cost out of one's scope is refused too.
    expectError(await patch('manager', `/api/costs/${teamCost.id}`, { version: 1, scope_id: otherTeam.id }), 400,
      'invalid_field', 'scope_id');
    expectStatus(await patch('manager', `/api/costs/${teamCost.id}`, { version: 1, amount: 2000 }), 200);
    expectError(await patch('manager', `/api/costs/${teamCost.id}`, { version: 1, amount: 3000 }), 409,
      'version_conflict');
  });
