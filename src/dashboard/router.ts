import { createRouter, createWebHistory, type Router } from 'vue-router';

/**
 * The app's paths; the server answers each with the app (src/transport/dashboard.ts, DASHBOARD_PATHS),
 * so a reload or a shared link lands on the same view. The month is in the query (?period=2026-10),
 * and so are the project list's filters (a link shares the list as filtered). The 大屏 (`bare`) has no
 * header: the projector shows the screen alone.
 */
export function createDashboardRouter(): Router {
  return createRouter({
    history: createWebHistory('/'),
    routes: [
      { path: '/', name: 'home', component: () => import('./views/OverviewView.vue') },
      { path: '/overview/:code?', name: 'overview', component: () => import('./views/OverviewView.vue'), props: true },
      { path: '/projects', name: 'projects', component: () => import('./views/ProjectsView.vue') },
      { path: '/projects/:id', name: 'project', component: () => import('./views/ProjectView.vue'), props: true },
      { path: '/orders', name: 'orders', component: () => import('./views/OrdersView.vue') },
      { path: '/orders/:id', name: 'order', component: () => import('./views/OrderView.vue'), props: true },
      { path: '/tasks', name: 'tasks', component: () => import('./views/TasksView.vue') },
      { path: '/screen/:code?', name: 'screen', component: () => import('./views/ScreenView.vue'), props: true, meta: { bare: true } },
      { path: '/my-projects', name: 'my-projects', component: () => import('./views/LeaderView.vue') },
      { path: '/reserve', name: 'reserve', component: () => import('./views/ReserveView.vue') },
      { path: '/targets', name: 'targets', component: () => import('./views/TargetsView.vue') },
      { path: '/evaluation/:code?', name: 'evaluation', component: () => import('./views/EvaluationView.vue'), props: true },
    ],
  });
}
