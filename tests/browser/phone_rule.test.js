// The web form's phone rule (web/src/utils/phone.js) takes and refuses the same numbers as the
// server's (src/domain/phone_test.cc), so a form never lets through what the API would refuse.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isPhoneNumber, telHref } from '../../web/src/utils/phone.js'

test('phone rule: the ways numbers are written', () => {
  for (const ok of [
    '13800138000', '138 0013 8000', '138-0013-8000', '+86 138-0013-8000', '+8613800138000',
    '021-68888888', '(0755) 8888 8888', '400-820-8820', '021-6888 8888 转 123',
    '021-68888888 ext. 45', '010 8888 8888#8', '+1 (415) 555-0100', '6888888', '0571.8888.8888',
    '021-68888888 x12', '021-68888888 EXT 7',
  ]) {
    assert.equal(isPhoneNumber(ok), true, ok)
  }
})

test('phone rule: what is not a number', () => {
  for (const bad of [
    '', '12345', '1380013800012345678', '12800138000', '128-0013-8000', '+86 12800138000',
    '138-0013-800a', '电话 13800138000', '((021)) 68888888', '021) 68888888', '(021 68888888',
    '021-68888888 转', '138 0013 8000 转', '021-68888888 转 1234567', '13800138000 转 12a',
    'call me', ' 13800138000', '13800138000 ', '+', '++8613800138000',
  ]) {
    assert.equal(isPhoneNumber(bad), false, bad)
  }
  assert.equal(isPhoneNumber(null), false)
})

test('phone links dial the digits and the extension', () => {
  assert.equal(telHref('138 0013 8000'), 'tel:13800138000')
  assert.equal(telHref('+86 138-0013-8000'), 'tel:+8613800138000')
  assert.equal(telHref('021-6888 8888 转 123'), 'tel:02168888888,123')
  assert.equal(telHref('(0755) 8888 8888'), 'tel:075588888888')
  assert.equal(telHref(''), '')
})
