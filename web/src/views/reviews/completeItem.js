// 完成 on an action item, wherever it shows (the review, the weekly report's data block): its
// owner says how it went in a note and the server marks it done, once. A line of the data block
// carries no version: the owner's own list (GET /api/reviews/action-items) gives it.
import { ElMessage, ElMessageBox } from 'element-plus'
import { completeActionItem, listActionItems } from '@/api/reviews'
import { i18n } from '@/locales'
import { changeError } from './reviewFormat'

const t = (key, args) => i18n.global.t(key, args)

/** Asks for the note and marks `item` done: the item as the server answers, or null when not done. */
export async function completeItem(item) {
  let note
  try {
    ;({ value: note } = await ElMessageBox.prompt(t('reviews.items.completeText', { title: item.title }), t('reviews.items.completeTitle'), {
      inputType: 'textarea',
      inputPlaceholder: t('reviews.items.notePlaceholder'),
      inputValidator: (v) => (v ?? '').length <= 1000,
      confirmButtonText: t('reviews.items.complete'),
      cancelButtonText: t('common.cancel'),
      customClass: 'action-item-done-box',
    }))
  } catch {
    return null
  }
  try {
    let version = item.version
    if (version === undefined) {
      const mine = await listActionItems({ all: true }, { quiet: true })
      version = mine.find((x) => x.id === item.id)?.version ?? 1
    }
    const done = await completeActionItem(item.id, { note: (note ?? '').trim(), version }, { quiet: true })
    ElMessage.success(t('reviews.items.completed'))
    return done
  } catch (err) {
    ElMessage.error(changeError(err, 'reviews.items.conflict'))
    return null
  }
}
