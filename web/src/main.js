import { createApp } from 'vue'
// Element Plus components are imported by the pages that use them (vite.config.js); messages and
// message boxes, called from scripts, need their styles here.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import App from './App.vue'
import router from './router'
import { i18n } from './locales'
import './styles.css'

createApp(App).use(i18n).use(router).mount('#app')
