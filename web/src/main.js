import { createApp } from 'vue'
// Element Plus components are imported by the pages that use them (vite.config.js); messages and
// message boxes, called from scripts, need their styles here.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import App from './App.vue'
import router from './router'
import { i18n, restoreLocale } from './locales'
import './styles.css'

// The router starts at once (the session is asked for, the first page fetched); the app is drawn
// when its language is here: at once in Chinese, after English's file for who chose English.
const app = createApp(App).use(i18n).use(router)
const locale = restoreLocale()
if (locale) locale.then(() => app.mount('#app'))
else app.mount('#app')
