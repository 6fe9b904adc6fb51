import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router'
import { i18n } from './locales'
import './styles.css'

createApp(App).use(i18n).use(router).use(ElementPlus).mount('#app')
