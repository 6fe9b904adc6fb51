import { fileURLToPath, URL } from 'node:url'
import { defineConfig, searchForWorkspaceRoot } from 'vite'
import vue from '@vitejs/plugin-vue'
import components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import compress from './build/compress.js'
import localePreload from './build/localePreload.js'
import { chunkGroups } from './build/chunks.js'

// The dev server forwards API and metrics calls to a locally running `fupan serve`.
const server = process.env.FUPAN_DEV_SERVER || 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus on demand: each <el-*> tag (and v-loading) in a template imports its component
    // and its CSS where it is used, so a page loads only the components it shows.
    components({ dirs: [], dts: false, resolvers: [ElementPlusResolver({ importStyle: 'css' })] }),
    localePreload(),
    compress(),
  ],
  // vue-i18n's build flags: the Composition API only (no legacy API, no global <i18n-t> and v-t),
  // no devtools hooks in production.
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    // The error-detail catalogues live beside the server's code (src/core/error_details.*.json).
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), fileURLToPath(new URL('../src/core', import.meta.url))] },
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/metrics': { target: server, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: chunkGroups(fileURLToPath(new URL('.', import.meta.url))) },
      },
    },
  },
})
