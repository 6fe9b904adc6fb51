import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import compress from './build/compress.js'

// The dev server forwards API and metrics calls to a locally running `fupan serve`.
const server = process.env.FUPAN_DEV_SERVER || 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [vue(), compress()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/metrics': { target: server, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
  },
})
