// Client-side CSV templates for the import page: the header row of one kind, from the labels of
// GET /api/schema (the importer accepts Chinese and English headers alike).
import { getKind } from '@/api/entities'

// Users are not a CRM kind in the schema; their columns are fixed (service/import_users.cc).
const USER_COLUMNS = {
  'zh-CN': ['用户名*', '姓名*', '邮箱', '电话', '角色', '区域', '团队', '密码'],
  en: ['Username*', 'Name*', 'Email', 'Phone', 'Roles', 'Region', 'Team', 'Password'],
}

/** One CSV cell, quoted when it holds a comma, a quote or a line break. */
const cell = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** The header columns of `kind` (plural) in `locale`. */
export async function templateColumns(kind, locale) {
  if (kind === 'users') return USER_COLUMNS[locale] ?? USER_COLUMNS['zh-CN']
  const k = await getKind(kind)
  if (!k) return []
  const en = locale === 'en'
  // A trailing '*' marks a required column; the importer ignores it. The owner defaults to the
  // importing user, so it is never required here.
  const required = (f) => f.required && f.name !== 'owner_id' && f.name !== 'user_id'
  const cols = k.fields.filter((f) => f.writable).map((f) => `${en ? f.en : f.zh}${required(f) ? '*' : ''}`)
  return [...cols, en ? 'External ID' : '外部编号']
}

/** The template file's text: the header row and a line break. */
export async function templateCsv(kind, locale) {
  return `${(await templateColumns(kind, locale)).map(cell).join(',')}\r\n`
}
