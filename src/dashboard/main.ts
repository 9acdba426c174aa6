import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import 'element-plus/dist/index.css';
import './dashboard.css';
import { createApp } from 'vue';
import App from './App.vue';
import { loadSettings } from './auth/settings';
import { createDashboardRouter } from './router';
import { startSession } from './auth/session';

/** Settings first (where to sign in), then the session (a code to exchange, or a stored user), then the views. */
async function boot(): Promise<void> {
  const settings = await loadSettings();
  const session = await startSession(settings);
  if (!session) return; // on its way to the login page
  const app = createApp(App, { session });
  app.use(createDashboardRouter());
  app.mount('#app');
}

void boot();
