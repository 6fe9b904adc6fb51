// Client-side CSV templates for the import page: the header row of one kind, from the labels of
// GET /api/schema (the importer accepts Chinese and English headers alike).
import { getKind } from '@/api/entities'

// Users and memberships are not CRM kinds in the schema; their columns are fixed
// (service/io/import_users.cc, service/io/import_memberships.cc).
const FIXED_COLUMNS = {
  users: {
    'zh-CN': ['用户名*', '姓名*', '邮箱', '电话', '角色', '区域', '团队', '密码', '加入日期'],
    en: ['Username*', 'Name*', 'Email', 'Phone', 'Roles', 'Region', 'Team', 'Password', 'Joined on'],
  },
  memberships: {
    'zh-CN': ['用户名*', '团队*', '角色', '开始日期*', '结束日期'],
    en: ['Username*', 'Team*', 'Role', 'Valid from*', 'Valid to'],
  },
  // Targets (docs/goals.md): the level and the name of a scope, a metric, a period (2026, 2026-Q4,
  // 2026-10, 2026-W41, 2026-10-08) and the value (元 for money), as the export writes them.
  targets: {
    'zh-CN': ['层级*', '名称', '指标*', '期间*', '目标值*'],
    en: ['Level*', 'Name', 'Metric*', 'Period*', 'Target*'],
  },
}

// Columns the import takes beyond the schema's writable fields, after 外部编号: a customer's
// 创建时间 (when it came, for history brought in).
const EXTRA_COLUMNS = {
  customers: { 'zh-CN': ['创建时间'], en: ['Created at'] },
}

/** One CSV cell, quoted when it holds a comma, a quote or a line break. */
const cell = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** The header columns of `kind` (plural) in `locale`. */
export async function templateColumns(kind, locale) {
  const fixed = FIXED_COLUMNS[kind]
  if (fixed) return fixed[locale] ?? fixed['zh-CN']
  const k = await getKind(kind)
  if (!k) return []
  const en = locale === 'en'
  // A trailing '*' marks a required column; the importer ignores it. The owner defaults to the
  // importing user, so it is never required here.
  const required = (f) => f.required && f.name !== 'owner_id' && f.name !== 'user_id'
  const cols = k.fields.filter((f) => f.writable).map((f) => `${en ? f.en : f.zh}${required(f) ? '*' : ''}`)
  const extra = EXTRA_COLUMNS[kind]?.[en ? 'en' : 'zh-CN'] ?? []
  return [...cols, en ? 'External ID' : '外部编号', ...extra]
}

/** The template file's text: the header row and a line break. */
export async function templateCsv(kind, locale) {
  return `${(await templateColumns(kind, locale)).map(cell).join(',')}\r\n`
}
