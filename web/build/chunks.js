// How the build cuts the app into files (Rolldown's code-splitting groups). Over HTTP/1.1 on a
// slow link every request costs a round trip and a browser opens six connections at most, so a
// page should come in few, whole files rather than dozens of small shared chunks:
// - `vue`: Vue, vue-router and vue-i18n (changes only with an upgrade, so stays cached),
// - `element-plus-base`: the Element Plus code the entry needs (App, the login page),
// - `index`: the app's own code the entry needs (index.html's script is then a small file that
//   imports it),
// - `first-screen`: what a signed-in user sees first, the main layout and the home page, with
//   their Element Plus components, in one file fetched while the session is checked,
// - `element-plus`: the rest of Element Plus, for the other pages,
// - `locale-en`: the English messages, fetched only when English is chosen (src/locales/index.js),
// and the rest split by Rolldown per page; ECharts stays apart, loaded by useEcharts.
// A group takes the dependencies of its modules along unless a group of higher priority claims
// them first, hence the order.
import { resolve } from 'node:path'

const VUE = /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify)[\\/]/
const ELEMENT_PLUS =
  /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@ctrl|@vueuse|lodash-es|lodash-unified|lodash|dayjs|async-validator|memoize-one|normalize-wheel-es)[\\/]/
// What unplugin-vue-components adds to a component for each <el-x> it uses: the style of x.
const ELEMENT_STYLE = /element-plus[\\/]es[\\/]components[\\/]([\w-]+)[\\/]style[\\/]css/
const ELEMENT_COMPONENT = /element-plus[\\/]es[\\/]components[\\/]([\w-]+)[\\/]/
const ENGLISH = /[\\/]src[\\/]locales[\\/]en\.js$/

/**
 * The app's own modules reachable by static imports from `roots`, and the Element Plus components
 * they use (by their styles' imports, as library modules are not followed: a barrel such as
 * `element-plus` reaches everything).
 */
function reach(roots, src, ctx) {
  const modules = new Set()
  const components = new Set()
  const todo = [...roots]
  while (todo.length) {
    const id = todo.pop()
    if (modules.has(id)) continue
    modules.add(id)
    for (const dep of ctx.getModuleInfo(id)?.importedIds ?? []) {
      const style = dep.match(ELEMENT_STYLE)
      if (style) components.add(style[1])
      else if (dep.startsWith(src) && !dep.includes('node_modules')) todo.push(dep)
    }
  }
  return { modules, components }
}

/** The groups for `output.codeSplitting` of the app rooted at `root` (the web/ folder). */
export function chunkGroups(root) {
  const src = resolve(root, 'src') + '/'
  const entry = resolve(src, 'main.js')
  const firstScreenRoots = ['layouts/MainLayout.vue', 'views/HomeView.vue'].map((p) => resolve(src, p))
  let firstScreen = null // computed once per chunking pass (its `ctx`), on the complete module graph

  function inFirstScreen(id, ctx) {
    if (firstScreen?.ctx !== ctx) {
      const initial = reach([entry], src, ctx)
      const shown = reach(firstScreenRoots, src, ctx)
      firstScreen = {
        ctx,
        modules: new Set([...shown.modules].filter((m) => !initial.modules.has(m))),
        components: new Set([...shown.components].filter((c) => !initial.components.has(c))),
      }
    }
    if (firstScreen.modules.has(id)) return true
    const component = ELEMENT_PLUS.test(id) && id.match(ELEMENT_COMPONENT)
    return !!component && firstScreen.components.has(component[1])
  }

  return [
    { name: 'locale-en', test: ENGLISH, priority: 5 },
    { name: 'vue', test: VUE, priority: 4 },
    { name: 'element-plus-base', test: ELEMENT_PLUS, tags: ['$initial'], priority: 3 },
    // (`\0plugin-vue:export-helper` is @vitejs/plugin-vue's helper of every component.)
    { name: 'index', test: (id) => id.startsWith(src) || id.includes('plugin-vue'), tags: ['$initial'], priority: 3 },
    {
      name: (id, ctx) => (inFirstScreen(id, ctx) ? 'first-screen' : null),
      debugName: 'first-screen',
      priority: 2,
    },
    { name: 'element-plus', test: ELEMENT_PLUS, priority: 1 },
  ]
}
