// The import report's warnings come from the server as English sentences
// (service/io/import_service.cc, import_users.cc, import_table.cc). Each known one is recognised
// here so the page can say it in the UI's language; anything else is shown as it came.

const PATTERNS = [
  [/^(\d+) row\(s\) are dated on days their person was in no team\b/, (m) => ['outsideTeams', { n: Number(m[1]) }]],
  [/^team memberships without 加入日期 start today\b/, () => ['withoutJoinDate', {}]],
  [/^unknown column ignored: (.*)$/s, (m) => ['unknownColumn', { column: m[1] }]],
  [/^column set by the system, ignored: (.*)$/s, (m) => ['systemColumn', { column: m[1] }]],
  [/^(\d+) more errors are not listed\b/, (m) => ['moreErrors', { n: Number(m[1]) }]],
]

/**
 * The warning `text` as a message key under importer.warningText and its parameters:
 * {key, params}; null when it is not one we know.
 */
export function warningMessage(text) {
  for (const [re, build] of PATTERNS) {
    const m = re.exec(text)
    if (m) {
      const [key, params] = build(m)
      return { key: `importer.warningText.${key}`, params }
    }
  }
  return null
}
