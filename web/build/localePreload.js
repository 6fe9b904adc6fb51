// A returning English user's messages fetched beside the entry, not after it: index.html gets a
// line of script that, when localStorage says English, adds a modulepreload of the `locale-en`
// chunk (build/chunks.js), whose hashed name is known only once the bundle is written. Without it
// the English login page would wait a further round trip for its text (main.js mounts the app only
// once the chosen language is here).
export default function localePreload({ chunk = 'locale-en', key = 'fupan.locale', value = 'en' } = {}) {
  let base = '/'
  return {
    name: 'fupan-locale-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const file = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === chunk)?.fileName
        if (!file) return html
        const href = JSON.stringify(base + file)
        const script =
          `try{if(localStorage.getItem(${JSON.stringify(key)})===${JSON.stringify(value)}){` +
          `var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href=${href};` +
          `document.head.appendChild(l)}}catch(e){}`
        return [{ tag: 'script', children: script, injectTo: 'head' }]
      },
    },
  }
}
